/** Equirectangular projection onto a 360 x 180 plane: x = longitude + 180, y = 90 - latitude. */
export const MAP_WIDTH = 360;
export const MAP_HEIGHT = 180;

export interface MapPoint {
  x: number;
  y: number;
}

export function project(lat: number, lon: number): MapPoint {
  const clampedLat = Math.max(-90, Math.min(90, lat));
  const wrappedLon = ((((lon + 180) % 360) + 360) % 360) - 180;
  // Keep +180 at the right edge rather than wrapping it to -180.
  const x = lon === 180 ? 360 : wrappedLon + 180;
  return { x, y: 90 - clampedLat };
}
