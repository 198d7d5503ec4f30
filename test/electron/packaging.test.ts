import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const config = load(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

describe('electron-builder configuration', () => {
  it('is valid against electron-builder’s schema', () => {
    const schema = require('app-builder-lib/scheme.json') as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('packs only the built app into an asar, with the fuse hook', () => {
    expect(config.asar).toBe(true);
    expect(config.afterPack).toBe('build/fuses.cjs');
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json', '!node_modules/**']));
    expect(config).not.toHaveProperty('electronFuses');
  });

  it('builds AppImage, deb, NSIS and dmg and registers .rampart.json', () => {
    const targets = (platform: string) => (config[platform] as { target: string[] }).target;
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('mac')).toEqual(['dmg']);
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'rampart.json' })]);
    expect(config.productName).toBe('Rampart');
  });
});
