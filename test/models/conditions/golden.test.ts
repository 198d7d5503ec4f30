import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFiles, type AnalysisResult } from '../../../models/analysis/analyze';
import { CONDITION_IDS, type ConditionId } from '../../../models/conditions/condition-ids';
import type { ImportFile } from '../../../models/import/import-file';

/**
 * Golden cases per condition (DESIGN §4): `test/fixtures/conditions/<condition-id>/` holds small
 * inputs in the formats that spell the condition (reference/container-checks.md §0) and an
 * `expected.json` that names, per workload, the conditions that must and must not be reported and
 * the line of the evidence. Each folder's files are analysed together, with paths relative to
 * `test/fixtures/conditions`, so compose project names and Dockerfile and OCI bundle workload names
 * come from the folders.
 */

interface GoldenCase {
  /** The name the user wrote: compose service, `metadata.name`, container name, Dockerfile or bundle folder. */
  workload: string;
  present?: ConditionId[];
  absent?: ConditionId[];
  /** Line of the evidence for the one condition in `present`. */
  line?: number;
  note: string;
}

interface GoldenFolder {
  cases: GoldenCase[];
}

const root = join(import.meta.dirname, '../../fixtures/conditions');
const folders = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const knownConditions = new Set<string>(CONDITION_IDS);

function inputFiles(dir: string): ImportFile[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !(entry.parentPath === dir && entry.name === 'expected.json'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
    .map((path) => ({ path: relative(root, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));
}

function readGolden(folder: string): GoldenFolder {
  return JSON.parse(readFileSync(join(root, folder, 'expected.json'), 'utf8')) as GoldenFolder;
}

/** What was reported for a workload, for failure messages: `condition@line`. */
function reported(result: AnalysisResult, workloadId: string): string[] {
  return result.findings
    .filter((f) => f.workload === workloadId)
    .map((f) => `${f.condition}@${f.source.file}:${f.source.line}`);
}

describe('condition golden cases (test/fixtures/conditions)', () => {
  it('has a folder with expected.json for every condition id, and no other folder', () => {
    expect(folders).toEqual([...CONDITION_IDS].sort());
    for (const id of CONDITION_IDS) {
      expect(existsSync(join(root, id, 'expected.json')), `${id}/expected.json`).toBe(true);
    }
  });

  describe.each(folders.filter((folder) => knownConditions.has(folder)))('%s', (folder) => {
    const condition = folder as ConditionId;
    const golden = readGolden(folder);
    const result = analyzeFiles(inputFiles(join(root, folder)));

    it('is well formed: a positive and a negative workload, known condition ids, one condition per line', () => {
      expect(golden.cases.some((c) => c.present?.includes(condition))).toBe(true);
      expect(golden.cases.some((c) => c.absent?.includes(condition))).toBe(true);
      for (const c of golden.cases) {
        const ids = [...(c.present ?? []), ...(c.absent ?? [])];
        expect(ids.length, `${c.workload}: present or absent`).toBeGreaterThan(0);
        for (const id of ids) expect(knownConditions.has(id), `${c.workload}: ${id}`).toBe(true);
        if (c.line !== undefined)
          expect(c.present, `${c.workload}: line needs one present condition`).toHaveLength(1);
        expect(c.note.trim(), `${c.workload}: note`).not.toBe('');
      }
    });

    it('imports without errors', () => {
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.code} ${d.file}:${d.line} ${d.message}`)).toEqual([]);
    });

    it.each(golden.cases.map((c) => [c.workload, c] as const))('%s', (_name, c) => {
      const matching = result.bundle.workloads.filter((w) => w.name === c.workload);
      expect(
        matching.map((w) => w.id),
        `exactly one workload named ${c.workload}`,
      ).toHaveLength(1);
      const workload = matching[0]!;
      const findings = result.findings.filter((f) => f.workload === workload.id);
      const seen = reported(result, workload.id);
      for (const id of c.present ?? []) {
        expect(
          findings.some((f) => f.condition === id),
          `${id} must be reported for ${c.workload} (${c.note}); reported: ${seen.join(', ')}`,
        ).toBe(true);
      }
      for (const id of c.absent ?? []) {
        expect(
          findings.filter((f) => f.condition === id).map((f) => `${f.source.file}:${f.source.line}`),
          `${id} must not be reported for ${c.workload} (${c.note})`,
        ).toEqual([]);
      }
      if (c.line !== undefined) {
        const id = c.present![0]!;
        const lines = findings.filter((f) => f.condition === id).map((f) => f.source.line);
        expect(lines, `evidence line of ${id} for ${c.workload}`).toContain(c.line);
      }
    });
  });
});
