/**
 * A tiny, deliberately limited XML reader for the flat responses of the QRZ.com and HamQTH XML APIs.
 * It finds an element by local name and reads its leaf children as text. It never expands entities
 * beyond the five predefined ones and numeric character references (no DTDs, no external entities),
 * and it ignores namespace prefixes and attributes.
 */

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeText(raw: string): string {
  const cdata = raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, inner: string) =>
    inner.replace(/&/g, '&amp;').replace(/</g, '&lt;'),
  );
  return cdata
    .replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, ref: string) => {
      if (ref.startsWith('#x') || ref.startsWith('#X'))
        return safeCodePoint(parseInt(ref.slice(2), 16), whole);
      if (ref.startsWith('#')) return safeCodePoint(parseInt(ref.slice(1), 10), whole);
      return NAMED[ref] ?? whole;
    })
    .trim();
}

function safeCodePoint(n: number, fallback: string): string {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : fallback;
}

/** The inner XML of the first element with this local name (any namespace prefix), or null. */
export function element(xml: string, name: string): string | null {
  const re = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}(?:\\s[^>]*)?(/?)>`, 'i');
  const open = re.exec(xml);
  if (!open) return null;
  if (open[1] === '/') return '';
  const start = open.index + open[0].length;
  const close = new RegExp(`</(?:[A-Za-z_][\\w.-]*:)?${name}\\s*>`, 'i');
  const rest = xml.slice(start);
  const end = close.exec(rest);
  return end ? rest.slice(0, end.index) : null;
}

/** Leaf children of an element's inner XML: lower-cased local name → decoded text (first wins). */
export function leaves(inner: string): Map<string, string> {
  const out = new Map<string, string>();
  const re =
    /<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(?:\s[^>]*?)?(?:\/>|>((?:[^<]|<!\[CDATA\[[\s\S]*?\]\]>)*)<\/(?:[A-Za-z_][\w.-]*:)?\1\s*>)/g;
  for (const m of inner.matchAll(re)) {
    const key = (m[1] ?? '').toLowerCase();
    if (!out.has(key)) out.set(key, decodeText(m[2] ?? ''));
  }
  return out;
}

/** A leaf's text, or null when absent or empty. */
export function text(fields: Map<string, string>, name: string): string | null {
  const v = fields.get(name.toLowerCase());
  return v === undefined || v === '' ? null : v;
}
