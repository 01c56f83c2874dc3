import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const builderYml = readFileSync(`${root}electron-builder.yml`, 'utf8');
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { main?: string };

/** The lines of one top-level section of the YAML file (its indented body). */
function section(name: string): string {
  const match = new RegExp(`^${name}:\\n((?:[ ]+.*\\n|\\n)*)`, 'm').exec(builderYml);
  return match?.[1] ?? '';
}

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(builderYml).toMatch(/^appId: net\.pileupbuster\.desktop$/m);
    expect(builderYml).toMatch(/^productName: Pileup Buster$/m);
  });

  it('builds AppImage and deb, NSIS, and dmg', () => {
    expect(section('linux')).toMatch(/- AppImage/);
    expect(section('linux')).toMatch(/- deb/);
    expect(section('win')).toMatch(/- nsis/);
    expect(section('mac')).toMatch(/- dmg/);
  });

  it('ships cty.csv and its licence as resources, and both exist', () => {
    const resources = section('extraResources');
    expect(resources).toContain('from: resources/cty.csv');
    expect(resources).toContain('from: resources/COPYRIGHT-country-files');
    expect(existsSync(`${root}resources/cty.csv`)).toBe(true);
    expect(existsSync(`${root}resources/COPYRIGHT-country-files`)).toBe(true);
  });

  it('packs the build, whose entry is package.json main', () => {
    expect(section('files')).toContain('- dist/**');
    expect(pkg.main).toBe('dist/main/desktop/main.js');
  });

  it('has a 512×512 PNG icon', () => {
    expect(builderYml).toMatch(/^icon: resources\/icon\.png$/m);
    const png = readFileSync(`${root}resources/icon.png`);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
  });
});
