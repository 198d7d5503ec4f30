import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOPOLOGY_DIAGNOSTICS } from '../../../models/topology';

const sourceDir = join(import.meta.dirname, '../../../models/topology');
const sources = readdirSync(sourceDir)
  .filter((name) => name.endsWith('.ts') && name !== 'diagnostics.ts')
  .map((name) => readFileSync(join(sourceDir, name), 'utf8'))
  .join('\n');
const tests = readdirSync(import.meta.dirname)
  .filter((name) => name.endsWith('.test.ts') && name !== 'diagnostics.test.ts')
  .map((name) => readFileSync(join(import.meta.dirname, name), 'utf8'))
  .join('\n');

describe('topology diagnostics catalogue', () => {
  it.each(Object.values(TOPOLOGY_DIAGNOSTICS).map((spec) => [spec.code, spec] as const))(
    '%s is reported somewhere and tested',
    (code, spec) => {
      expect(code).toMatch(/^TOPOLOGY_[A-Z_]+$/);
      expect(spec.title.length).toBeGreaterThan(10);
      expect(sources).toContain(`D.${code}`);
      expect(tests).toContain(code);
    },
  );
});
