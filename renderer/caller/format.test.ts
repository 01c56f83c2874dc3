import { describe, expect, it } from 'vitest';
import {
  beamText,
  coordinatesOf,
  countryOf,
  describeFrequency,
  relativeTime,
  safeImageUrl,
} from './format.js';
import { project } from './map/project.js';

describe('format', () => {
  it('describes the frequency with band and mode', () => {
    expect(describeFrequency({ frequency: '14195', band: null, mode: 'SSB', last_updated: null })).toEqual({
      frequency: '14.195 MHz',
      band: '20m',
      mode: 'SSB',
    });
    expect(
      describeFrequency({ frequency: 'see cluster', band: null, mode: null, last_updated: null }).frequency,
    ).toBe('see cluster');
    expect(
      describeFrequency({ frequency: null, band: null, mode: null, last_updated: null }).frequency,
    ).toBeNull();
  });

  it('gives relative times', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    expect(relativeTime('2026-01-01T11:59:30Z', now)).toBe('just now');
    expect(relativeTime('2026-01-01T11:45:00Z', now)).toBe('15 min ago');
    expect(relativeTime('2026-01-01T09:00:00Z', now)).toBe('3 h ago');
  });

  it('prefers grid coordinates over the DXCC entity centre', () => {
    const dxcc = {
      entity: 'Ireland',
      adif: 245,
      prefix: 'EI',
      continent: 'EU',
      cq_zone: 14,
      itu_zone: 27,
      lat: 53,
      lon: -8,
      utc_offset: 0,
    };
    expect(coordinatesOf({ lat: 52.1, long: -7.6, grid: 'IO52' }, dxcc)).toEqual({ lat: 52.1, lon: -7.6 });
    expect(coordinatesOf({ lat: null, long: null, grid: null }, dxcc)).toEqual({ lat: 53, lon: -8 });
    expect(coordinatesOf(null, null)).toBeNull();
    expect(countryOf({ dxcc_name: null, dxcc })).toBe('Ireland');
  });

  it('only lets http(s) images through', () => {
    expect(safeImageUrl('https://cdn.example/p.jpg')).toBe('https://cdn.example/p.jpg');
    expect(safeImageUrl('javascript:alert(1)')).toBeNull();
    expect(safeImageUrl('data:text/html,<script>')).toBeNull();
    expect(safeImageUrl(null)).toBeNull();
  });

  it('projects equirectangularly', () => {
    expect(project(0, 0)).toEqual({ x: 180, y: 90 });
    expect(project(90, -180)).toEqual({ x: 0, y: 0 });
    expect(project(-90, 180)).toEqual({ x: 360, y: 180 });
    expect(project(10, 190)).toEqual({ x: 10, y: 80 });
  });

  it('shows the beam heading only when it is visible and set, as three whole degrees', () => {
    expect(beamText({ beam_heading: 45, beam_heading_visible: true })).toBe('Beam: 045°');
    expect(beamText({ beam_heading: 270.4, beam_heading_visible: true })).toBe('Beam: 270°');
    expect(beamText({ beam_heading: 0, beam_heading_visible: true })).toBe('Beam: 000°');
    expect(beamText({ beam_heading: 360, beam_heading_visible: true })).toBe('Beam: 000°');
    expect(beamText({ beam_heading: 359.6, beam_heading_visible: true })).toBe('Beam: 000°');
    expect(beamText({ beam_heading: 45, beam_heading_visible: false })).toBeNull();
    expect(beamText({ beam_heading: null, beam_heading_visible: true })).toBeNull();
  });
});
