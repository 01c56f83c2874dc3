import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../store/store.js';
import { fakeLookup } from '../testing/fake-lookup.js';
import { radioAtStart, splitRxFrequency } from './qso-record.js';
import { Station } from './station.js';
import { z } from 'zod';
import {
  DEFAULT_IDENTITY,
  identityFromConfig,
  mergeIdentity,
  stationIdentityFields,
} from './station-identity.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function open(identity = DEFAULT_IDENTITY): Promise<Station> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pb-record-'));
  dirs.push(dir);
  const station = await Station.open({
    store: await Store.open(dir),
    lookup: fakeLookup(),
    settings: { maxQueueSize: 10, workedWindowHours: 72 },
    identity,
  });
  await station.setActive(true, 'op');
  return station;
}

const identity = mergeIdentity(DEFAULT_IDENTITY, { station_callsign: 'EI6JGB', operator: 'EI5XYZ' });

describe('a QSO record', () => {
  it('start_qso with an explicit frequency and mode logs them, not the station frequency', async () => {
    const station = await open(identity);
    await station.setFrequency({ frequency: '14.030', mode: 'FT8' }, 'op');
    await station.startQso({
      callsign: 'DL1ABC',
      frequency_mhz: 7.0123,
      mode: 'CW',
      started_via: 'operator',
    });
    const { completed } = await station.completeQso();
    expect(completed).toMatchObject({
      callsign: 'DL1ABC',
      frequency: '7.0123',
      band: '40m',
      mode: 'CW',
      rst_sent: '599',
      rst_rcvd: '599',
      station_callsign: 'EI6JGB',
      operator: 'EI5XYZ',
    });
  });

  it('keeps the radio the QSO started on when the radio moves before completion', async () => {
    const station = await open();
    await station.setFrequency({ frequency: '3.750', mode: 'LSB' }, 'op');
    await station.startQso({ callsign: 'DL3XYZ', started_via: 'operator' });
    await station.setFrequency({ frequency: '14.025', mode: 'CW' }, 'op');
    const { completed } = await station.completeQso();
    expect(completed).toMatchObject({ frequency: '3.750', band: '80m', mode: 'SSB', rst_sent: '59' });
    // the next QSO takes the new frequency
    await station.startQso({ callsign: 'G4ABC', started_via: 'operator' });
    await station.setFrequency({ frequency: '7.010', mode: 'CW' }, 'op');
    const next = await station.startQso({ callsign: 'K1ABC', started_via: 'operator' });
    expect(next.completed).toMatchObject({ callsign: 'G4ABC', frequency: '14.025', mode: 'CW' });
  });

  it('records the split RX frequency at the start and digital modes without invented reports', async () => {
    const station = await open();
    await station.setFrequency({ frequency: '14.074', mode: 'FT8' }, 'op');
    await station.setSplit('up 2', 'op');
    await station.startQso({ callsign: 'JA1XYZ', started_via: 'operator' });
    await station.clearSplit('op');
    const { completed } = await station.completeQso();
    expect(completed).toMatchObject({ rx_frequency: '14.076', rst_sent: null, rst_rcvd: null, mode: 'FT8' });
  });

  it('keeps what a logger sent over the defaults, and the queue loses a caller the log now has', async () => {
    const station = await open(identity);
    await station.register({ callsign: 'DL1ABC' });
    await station.register({ callsign: 'G4ABC' });
    await station.workCallsign('G4ABC', 'op');
    const record = await station.recordQso({
      callsign: 'DL1ABC',
      time_on: '2026-05-01T11:59:00.000Z',
      time_off: '2026-05-01T12:00:00.000Z',
      frequency: '14.074',
      band: '20m',
      mode: 'FT8',
      source: 'direct',
      details: {
        rst_sent: '-10',
        rst_rcvd: '+02',
        grid: 'JO62',
        logged_by: 'wsjtx',
        station_callsign: 'EI6JGB/P',
      },
    });
    expect(record).toMatchObject({
      rst_sent: '-10',
      rst_rcvd: '+02',
      grid: 'JO62',
      logged_by: 'wsjtx',
      station_callsign: 'EI6JGB/P',
      operator: 'EI5XYZ',
    });
    expect(station.getQueue()).toEqual([]);
    expect(station.getCurrentQso()?.callsign).toBe('G4ABC');
  });

  it('the identity is normalised by its schema, and a change of one default report keeps the others', async () => {
    const station = await open();
    const input = z.object(stationIdentityFields).parse({ station_callsign: ' ei6jgb ', operator: '' });
    expect(input).toEqual({ station_callsign: 'EI6JGB', operator: null });
    const next = await station.setIdentity({
      ...input,
      station_message: 'QRV 20m CW',
      default_reports: { cw: { sent: '5NN', rcvd: '599' } },
    });
    expect(next).toMatchObject({
      station_callsign: 'EI6JGB',
      station_message: 'QRV 20m CW',
      default_reports: { cw: { sent: '5NN', rcvd: '599' }, phone: { sent: '59', rcvd: '59' } },
    });
    expect(identityFromConfig({ station_callsign: 'K1ABC', station_message: 'x'.repeat(141) })).toEqual(
      DEFAULT_IDENTITY,
    );
  });
});

describe('radio helpers', () => {
  it('reads split as an absolute frequency in the band or an offset in kHz', () => {
    expect(splitRxFrequency('14.210', 14_200_000)).toBe('14.210');
    expect(splitRxFrequency('up 5', 14_200_000)).toBe('14.205');
    expect(splitRxFrequency('5 up', 14_200_000)).toBe('14.205');
    expect(splitRxFrequency('down 1.5', 7_010_000)).toBe('7.0085');
    expect(splitRxFrequency('5-10 up', 14_200_000)).toBeNull();
    expect(splitRxFrequency(null, 14_200_000)).toBeNull();
  });

  it('takes the submode of a sideband and drops the split for an explicit frequency on another band', () => {
    const station = { frequency: '14.200', band: '20m', mode: 'SSB' };
    expect(radioAtStart(station, 'up 5', { mode: 'USB' })).toEqual({
      frequency: '14.200',
      band: '20m',
      mode: 'SSB',
      submode: 'USB',
      rx_frequency: '14.205',
    });
    expect(radioAtStart(station, 'up 5', { frequency_mhz: 7.01 })).toMatchObject({
      frequency: '7.010',
      band: '40m',
      rx_frequency: null,
    });
  });
});
