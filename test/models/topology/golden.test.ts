import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportBundle } from '../../../models/import/workload';
import { buildTopology } from '../../../models/topology';

/** Golden cases: `test/fixtures/topology/<case>/bundle.json` → `expected.json`.
 * `UPDATE_GOLDEN=1 npx vitest run test/models/topology/golden.test.ts` rewrites the expectations;
 * review the diff before committing it. */
const root = join(import.meta.dirname, '../../fixtures/topology');
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('topology golden cases', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('%s', (name) => {
    const bundle = JSON.parse(readFileSync(join(root, name, 'bundle.json'), 'utf8')) as ImportBundle;
    const actual = JSON.stringify(buildTopology(bundle), null, 2) + '\n';
    const expectedFile = join(root, name, 'expected.json');
    if (process.env.UPDATE_GOLDEN) writeFileSync(expectedFile, actual);
    expect(existsSync(expectedFile), `${expectedFile} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
  });
});
