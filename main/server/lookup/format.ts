/** Small text helpers for lookup results and log lines. */

/** Maidenhead locator in its usual form: field and square upper case, subsquare lower case ("JO70gg"). */
export function formatGrid(grid: string | null): string | null {
  if (grid === null) return null;
  const g = grid.trim();
  if (!/^[A-Ra-r]{2}\d{2}([A-Xa-x]{2}(\d{2})?)?$/.test(g)) return g === '' ? null : g;
  return g.slice(0, 4).toUpperCase() + g.slice(4).toLowerCase();
}

/** Replaces every occurrence of each non-empty secret with "***". */
export function redact(message: string, secrets: (string | null | undefined)[]): string {
  let out = message;
  for (const s of secrets) {
    if (s && s.length > 0) out = out.split(s).join('***');
    if (s && s.length > 0) out = out.split(encodeURIComponent(s)).join('***');
  }
  return out;
}
