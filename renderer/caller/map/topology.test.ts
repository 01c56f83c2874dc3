import { describe, expect, it } from 'vitest';
import { decodeArcs, pathFor, ringPoints, type Topology } from './topology.js';

const topology: Topology = {
  type: 'Topology',
  transform: { scale: [1, 1], translate: [-180, -90] },
  arcs: [
    [
      [180, 90],
      [10, 0],
      [0, 10],
    ],
    [
      [190, 100],
      [-10, 0],
      [0, -10],
    ],
  ],
  objects: { land: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', arcs: [[0, 1]] }] } },
};

describe('topology', () => {
  it('undoes the delta encoding and the transform', () => {
    expect(decodeArcs(topology)[0]).toEqual([
      [0, 0],
      [10, 0],
      [10, 10],
    ]);
  });

  it('joins arcs into rings, reversing ~i, without repeating shared points', () => {
    const arcs = decodeArcs(topology);
    expect(ringPoints([0, ~0], arcs)).toEqual([
      [0, 0],
      [10, 0],
      [10, 10],
      [10, 0],
      [0, 0],
    ]);
  });

  it('writes a projected SVG path', () => {
    expect(pathFor(topology, 'land')).toBe('M180 90L190 90L190 80L180 80L180 90Z');
  });
});

describe('antimeridian', () => {
  it('unwraps a ring that crosses 180 degrees', async () => {
    const { unwrapRing } = await import('./topology.js');
    expect(
      unwrapRing([
        [170, 60],
        [-170, 60],
        [-170, 65],
        [170, 65],
      ]),
    ).toEqual([
      [170, 60],
      [190, 60],
      [190, 65],
      [170, 65],
    ]);
  });

  it('draws a crossing ring on both edges, and drops rings south of minLat', () => {
    const crossing: Topology = {
      type: 'Topology',
      arcs: [
        [
          [170, 60],
          [-170, 60],
          [-170, 65],
          [170, 65],
          [170, 60],
        ],
        [
          [0, -80],
          [10, -80],
          [10, -85],
          [0, -80],
        ],
      ],
      objects: { land: { type: 'MultiPolygon', arcs: [[[0]], [[1]]] } },
    };
    expect(pathFor(crossing, 'land', -60)).toBe(
      'M350 30L370 30L370 25L350 25L350 30ZM-10 30L10 30L10 25L-10 25L-10 30Z',
    );
  });
});
