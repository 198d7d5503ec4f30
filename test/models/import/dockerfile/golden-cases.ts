import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Diagnostic } from '../../../../models/source/diagnostic';
import type { ImportFile, ImportOutput } from '../../../../models/import/import-file';

/**
 * Golden cases shared by the importer suites: `test/fixtures/<suite>/<case>/` holds one input file
 * (at any depth, so that its path can carry a folder name) and `expected.json`, which states the
 * interesting parts of the output. Outputs are compacted before they are compared: every source
 * reference becomes `"line:column path"` and every diagnostic `"CODE line:column"`, so expected
 * files stay short and readable; objects match partially, lists in full.
 */
export interface GoldenCase {
  name: string;
  input: ImportFile;
  expected: Record<string, unknown>;
}

const FIXTURES = join(import.meta.dirname, '../../../fixtures');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export function goldenCases(suite: string): GoldenCase[] {
  const root = join(FIXTURES, suite);
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const inputs = filesUnder(dir).filter((f) => !f.endsWith('expected.json'));
      if (inputs.length !== 1) throw new Error(`${suite}/${name}: expected exactly one input file`);
      const input = inputs[0]!;
      return {
        name,
        input: { path: relative(dir, input).split('\\').join('/'), text: readFileSync(input, 'utf8') },
        expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, unknown>,
      };
    });
}

function isSourceRef(value: Record<string, unknown>): boolean {
  return typeof value.file === 'string' && typeof value.line === 'number' && typeof value.column === 'number';
}

/** Replaces every source reference by `"line:column path"`. */
export function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if (isSourceRef(record))
    return `${record.line}:${record.column}${record.path ? ` ${String(record.path)}` : ''}`;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) out[key] = compact(record[key]);
  return out;
}

export function compactDiagnostics(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);
}

/** The parts of an import output that expected.json files speak about. */
export function comparable(output: ImportOutput): Record<string, unknown> {
  return {
    workloads: compact(output.bundle.workloads),
    dockerfiles: compact(output.bundle.dockerfiles),
    diagnostics: compactDiagnostics(output.diagnostics),
  };
}
