/**
 * A minimal TopoJSON decoder for the one thing the caller page needs: turning the land polygons of a
 * quantized topology (world-atlas) into an SVG path in the equirectangular projection of `project.ts`.
 * Runs at build time (see build-world-path.ts); it is not part of the page bundle.
 */

export interface Topology {
  type: 'Topology';
  transform?: { scale: [number, number]; translate: [number, number] };
  arcs: [number, number][][];
  objects: Record<string, TopoGeometry>;
}

export type TopoGeometry =
  | { type: 'GeometryCollection'; geometries: TopoGeometry[] }
  | { type: 'Polygon'; arcs: number[][] }
  | { type: 'MultiPolygon'; arcs: number[][][] }
  | { type: string; arcs?: unknown; geometries?: unknown };

type Point = [number, number];

/** Decodes every arc into absolute [lon, lat] points (undoing the delta encoding and quantization). */
export function decodeArcs(topology: Topology): Point[][] {
  const t = topology.transform;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]): Point => {
      if (!t) return [dx, dy];
      x += dx;
      y += dy;
      return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]];
    });
  });
}

/** Joins the arcs of one ring; a negative index ~i means arc i reversed. Shared end points are dropped. */
export function ringPoints(ring: number[], arcs: Point[][]): Point[] {
  const out: Point[] = [];
  for (const index of ring) {
    const arc = index < 0 ? arcs[~index]?.slice().reverse() : arcs[index];
    if (!arc) continue;
    arc.forEach((p, i) => {
      if (i > 0 || out.length === 0) out.push(p);
    });
  }
  return out;
}

function polygons(geometry: TopoGeometry): number[][][] {
  if (geometry.type === 'GeometryCollection' && Array.isArray(geometry.geometries)) {
    return (geometry.geometries as TopoGeometry[]).flatMap(polygons);
  }
  if (geometry.type === 'Polygon' && Array.isArray(geometry.arcs)) return [geometry.arcs as number[][]];
  if (geometry.type === 'MultiPolygon' && Array.isArray(geometry.arcs)) return geometry.arcs as number[][][];
  return [];
}

const round = (v: number): string => String(Math.round(v * 10) / 10);

/** Makes longitudes continuous along a ring (a jump of more than 180 degrees crosses the antimeridian). */
export function unwrapRing(points: Point[]): Point[] {
  const out: Point[] = [];
  let offset = 0;
  let previous: number | null = null;
  for (const [lon, lat] of points) {
    if (previous !== null) {
      const delta = lon + offset - previous;
      if (delta > 180) offset -= 360;
      else if (delta < -180) offset += 360;
    }
    previous = lon + offset;
    out.push([lon + offset, lat]);
  }
  return out;
}

function ringPath(points: Point[], shift: number): string | null {
  let last = '';
  const coords: string[] = [];
  for (const [lon, lat] of points) {
    const c = `${round(lon + 180 + shift)} ${round(90 - lat)}`;
    if (c !== last) coords.push(c);
    last = c;
  }
  return coords.length >= 3 ? `M${coords.join('L')}Z` : null;
}

/**
 * SVG path data for an object's polygons, projected onto the 360x180 map (points closer than 0.1 merged).
 * A ring that crosses the antimeridian is drawn twice, 360 apart, and the map's viewBox clips the overflow.
 * Rings entirely south of `minLat` (Antarctica) are left out: the map does not show them.
 */
export function pathFor(topology: Topology, objectName: string, minLat = -90): string {
  const object = topology.objects[objectName];
  if (!object) throw new Error(`No object ${objectName} in topology`);
  const arcs = decodeArcs(topology);
  const parts: string[] = [];
  for (const polygon of polygons(object)) {
    for (const ring of polygon) {
      const points = unwrapRing(ringPoints(ring, arcs));
      if (points.length === 0 || points.every(([, lat]) => lat < minLat)) continue;
      const lons = points.map(([lon]) => lon);
      const min = Math.min(...lons);
      const max = Math.max(...lons);
      const shifts = [0];
      if (max > 180) shifts.push(-360);
      if (min < -180) shifts.push(360);
      for (const shift of shifts) {
        const d = ringPath(points, shift);
        if (d) parts.push(d);
      }
    }
  }
  return parts.join('');
}
