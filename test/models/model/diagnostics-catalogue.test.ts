import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { THREAT_DRAGON_DIAGNOSTICS } from '../../../models/import/threat-dragon/diagnostics';
import { MODEL_DIAGNOSTICS } from '../../../models/model/diagnostics';

/** Every code the model and Threat Dragon readers use is declared, and every declared code is used. */
const MODELS = join(import.meta.dirname, '../../../models');

const catalogues = [
  ['model', 'MODEL_', MODEL_DIAGNOSTICS],
  ['import/threat-dragon', 'TD_', THREAT_DRAGON_DIAGNOSTICS],
] as const;

describe.each(catalogues)('the %s diagnostics catalogue', (folder, prefix, catalogue) => {
  const sources = readdirSync(join(MODELS, folder))
    .filter((f) => f.endsWith('.ts') && f !== 'diagnostics.ts')
    .map((f) => readFileSync(join(MODELS, folder, f), 'utf8'))
    .join('\n');
  const used = new Set(
    [...sources.matchAll(new RegExp(`\\bD\\.(${prefix}[A-Z_0-9]+)`, 'g'))].map((m) => m[1]!),
  );

  it('declares every code it uses', () => {
    expect([...used].filter((code) => !(code in catalogue))).toEqual([]);
  });

  it('uses every code it declares', () => {
    expect(Object.keys(catalogue).filter((code) => !used.has(code))).toEqual([]);
  });

  it('gives each code a title and the prefix of its format', () => {
    for (const [code, spec] of Object.entries(catalogue)) {
      expect(code.startsWith(prefix)).toBe(true);
      expect(spec.code).toBe(code);
      expect(spec.title.length).toBeGreaterThan(10);
    }
  });
});
