/**
 * Regenerates renderer/public/world-land.json from the world-atlas package (Natural Earth 1:110m land,
 * public domain; world-atlas is ISC-licensed). Run: `npx tsx renderer/caller/map/build-world-path.ts`.
 * The page fetches the JSON at run time, so the map needs no tile server and stays out of the JS bundle.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { pathFor, type Topology } from './topology.js';

const require = createRequire(import.meta.url);
const source = require.resolve('world-atlas/land-110m.json');
const topology = JSON.parse(readFileSync(source, 'utf8')) as Topology;
const out = fileURLToPath(new URL('../../public/world-land.json', import.meta.url));
const d = pathFor(topology, 'land', -60);
const data = { source: 'Natural Earth 1:110m land via world-atlas 2.0.2', width: 360, height: 180, d };
// Two-space JSON is what prettier writes, so `prettier --check .` stays green.
writeFileSync(out, JSON.stringify(data, null, 2) + '\n');
console.log(`wrote ${out} (${d.length} characters of path data)`);
