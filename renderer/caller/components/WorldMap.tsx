import { useEffect, useState } from 'react';
import type { CurrentQso, WorkedCaller } from '../../../shared/protocol/types.js';
import { coordinatesOf } from '../format.js';
import { project } from '../map/project.js';

/** The land outline ships with the page (renderer/public/world-land.json): no tile server, no internet. */
const LAND_URL = '/world-land.json';
let landPromise: Promise<string | null> | null = null;

function loadLand(): Promise<string | null> {
  landPromise ??= fetch(LAND_URL)
    .then((res) => (res.ok ? (res.json() as Promise<unknown>) : null))
    .then((body) =>
      typeof body === 'object' && body !== null && 'd' in body && typeof body.d === 'string' ? body.d : null,
    )
    .catch(() => {
      landPromise = null;
      return null;
    });
  return landPromise;
}

/** Latitudes 85 N to 65 S: the rest is ice and makes the phone view smaller. */
const VIEW_BOX = '0 5 360 150';
const MAX_MARKERS = 100;

/** Recently worked stations and the current QSO on an equirectangular world map. */
export function WorldMap({ worked, current }: { worked: WorkedCaller[]; current: CurrentQso | null }) {
  const [land, setLand] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void loadLand().then((d) => {
      if (live) setLand(d);
    });
    return () => {
      live = false;
    };
  }, []);

  const markers = worked.slice(0, MAX_MARKERS).flatMap((w) => {
    const at = coordinatesOf(w.grid, w.dxcc);
    return at ? [{ callsign: w.callsign, ...project(at.lat, at.lon) }] : [];
  });
  const currentAt = current ? coordinatesOf(current.qrz.grid, current.qrz.dxcc) : null;
  const currentPoint = currentAt ? project(currentAt.lat, currentAt.lon) : null;
  const label =
    `World map: ${markers.length} recently worked station${markers.length === 1 ? '' : 's'}` +
    (current ? `, now working ${current.callsign}` : '');

  return (
    <section className="card map-card" aria-labelledby="map-title">
      <h2 id="map-title">Map</h2>
      <svg className="world-map" viewBox={VIEW_BOX} role="img" aria-label={label} data-testid="world-map">
        <rect className="sea" x="0" y="5" width="360" height="150" />
        {land && <path className="land" d={land} />}
        {markers.map((m) => (
          <circle key={m.callsign} className="marker-worked" cx={m.x} cy={m.y} r="2.6">
            <title>{m.callsign}</title>
          </circle>
        ))}
        {current && currentPoint && (
          <g className="marker-current" data-testid="map-current">
            <circle cx={currentPoint.x} cy={currentPoint.y} r="6" className="ring" />
            <circle cx={currentPoint.x} cy={currentPoint.y} r="3" />
            <text x={Math.min(currentPoint.x + 5, 330)} y={Math.max(currentPoint.y - 4, 12)}>
              {current.callsign}
            </text>
          </g>
        )}
      </svg>
      <p className="legend small muted">
        <span className="dot dot-worked" aria-hidden="true" /> worked
        <span className="dot dot-current" aria-hidden="true" /> now on air
      </p>
    </section>
  );
}
