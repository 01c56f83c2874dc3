/**
 * What each logger's QSO message tells beyond call, time, frequency and mode, as QSO record details:
 * reports, name, grid, power, comment, operator, our station callsign and the split RX frequency.
 */
import { formatMHz } from '../../../shared/radio.js';
import type { QsoLogDetails } from '../domain/qso-record.js';
import type { AdifQso } from './adif/parse.js';
import type { N1mmContact } from './n1mm/parse.js';
import type { WsjtxQsoLogged } from './wsjtx/codec.js';

const text = (value: string | null | undefined): string | null => {
  const t = value?.trim();
  return t === undefined || t === '' ? null : t;
};
const upper = (value: string | null | undefined): string | null => text(value)?.toUpperCase() ?? null;

/** Only the details a message actually carries, so a later report never blanks what an earlier one gave. */
function known(details: QsoLogDetails): QsoLogDetails {
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v !== null));
}

export function n1mmDetails(c: N1mmContact): QsoLogDetails {
  const split = c.rxFreqHz !== null && c.txFreqHz !== null && c.rxFreqHz !== c.txFreqHz;
  return known({
    rst_sent: text(c.snt),
    rst_rcvd: text(c.rcv),
    operator: upper(c.operator),
    station_callsign: upper(c.myCall),
    name: text(c.name),
    grid: upper(c.gridsquare),
    tx_power: text(c.power),
    comment: text(c.comment),
    rx_frequency: split && c.rxFreqHz !== null ? formatMHz(c.rxFreqHz) : null,
  });
}

export function wsjtxDetails(m: WsjtxQsoLogged): QsoLogDetails {
  return known({
    rst_sent: text(m.reportSent),
    rst_rcvd: text(m.reportReceived),
    operator: upper(m.operatorCall),
    station_callsign: upper(m.myCall),
    name: text(m.name),
    grid: upper(m.dxGrid),
    tx_power: text(m.txPower),
    comment: text(m.comments),
  });
}

export function wsjtxAdifDetails(q: AdifQso): QsoLogDetails {
  return known({
    rst_sent: q.rstSent,
    rst_rcvd: q.rstRcvd,
    operator: q.operator ?? null,
    station_callsign: q.stationCallsign,
    name: q.name,
    grid: q.gridsquare,
    tx_power: q.txPower ?? null,
    comment: q.comment,
    rx_frequency: q.freqRxHz != null ? formatMHz(q.freqRxHz) : null,
  });
}
