import type { Station } from '../../domain/station.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Only http(s) links may be put in an href. */
function safeUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/**
 * The embeddable HTML status page (meant for an iframe on a QRZ.com profile): system state, frequency and
 * split, the current QSO and the first 10 of the queue. Every value is escaped.
 */
export function renderStatusPage(station: Station, frontendUrl: string, ownUrl: string): string {
  const system = station.getSystem();
  const identity = station.getIdentity();
  const active = system.active;
  const freq = station.publicFrequency();
  const split = station.publicSplit();
  const qso = active ? station.getCurrentQso() : null;
  const queue = active ? station.getQueue() : [];
  const link = safeUrl(frontendUrl) ?? safeUrl(ownUrl) ?? '/';
  const state = active ? 'ACTIVE' : 'INACTIVE';
  const colour = active ? '#28a745' : '#dc3545';
  const lines: string[] = [];
  if (active && freq.frequency) {
    const extra = [freq.band, freq.mode].filter(Boolean).join(' ');
    lines.push(
      `<p class="line">Frequency: ${escapeHtml(freq.frequency)}${extra ? ` (${escapeHtml(extra)})` : ''}</p>`,
    );
  }
  if (active && split.split) lines.push(`<p class="line">Split: ${escapeHtml(split.split)}</p>`);
  if (active && system.paused) lines.push('<p class="line">Queue paused</p>');

  const qsoHtml = qso
    ? `<div class="qso"><strong>${escapeHtml(qso.callsign)}</strong>${
        qso.qrz.name ? ` &middot; ${escapeHtml(qso.qrz.name)}` : ''
      }${qso.qrz.dxcc_name ? ` &middot; ${escapeHtml(qso.qrz.dxcc_name)}` : ''}</div>`
    : '<div class="qso none">No active QSO</div>';

  const rows = queue
    .slice(0, 10)
    .map(
      (e) =>
        `<li>#${e.position} <strong>${escapeHtml(e.callsign)}</strong>${e.qrz.name ? ` ${escapeHtml(e.qrz.name)}` : ''}</li>`,
    )
    .join('');
  const more = queue.length > 10 ? `<p class="more">+${queue.length - 10} more users in queue</p>` : '';
  const queueHtml = queue.length > 0 ? `<ol>${rows}</ol>${more}` : '<p class="none">No users in queue</p>';
  const updated = new Date(station.now()).toISOString().replace('T', ' ').slice(0, 19);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pileup Buster Status</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;padding:12px;background:#fff;color:#111}
.banner{background:${colour};color:#fff;padding:10px 12px;border-radius:6px;font-weight:700}
.line{margin:6px 0}.qso{font-size:1.2em;margin:6px 0}.none{color:#666}
h2{font-size:1em;margin:14px 0 4px}ol{margin:0;padding-left:0;list-style:none}li{padding:2px 0}
a.button{display:inline-block;margin-top:12px;padding:8px 12px;background:${colour};color:#fff;border-radius:6px;text-decoration:none}
footer{margin-top:10px;font-size:.8em;color:#666}
@media (prefers-color-scheme: dark){body{background:#111;color:#eee}.none,footer{color:#aaa}}
</style>
</head>
<body>
<div class="banner">${identity.station_callsign ? `${escapeHtml(identity.station_callsign)} &middot; ` : ''}System Status: ${state}</div>
${identity.station_message ? `<p class="line message">${escapeHtml(identity.station_message)}</p>\n` : ''}${lines.join('\n')}
<h2>Currently Working</h2>
${qsoHtml}
<h2>Queue (${queue.length} users)</h2>
${queueHtml}
<p>What is Pileup Buster? An orderly queue for a pileup: register your callsign and wait for your turn.</p>
<a class="button" href="${escapeHtml(link)}" target="_blank" rel="noopener noreferrer">Visit Pileup Buster (${state})</a>
<footer>Last updated: ${escapeHtml(updated)} UTC</footer>
</body>
</html>
`;
}
