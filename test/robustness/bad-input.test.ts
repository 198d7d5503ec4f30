import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRampart } from '../cli/run-cli';

/**
 * The bad-input corpus (test/fixtures/bad/, see its README) analysed as one folder, the way a
 * user drops a messy repository on Rampart: every bad file gets a diagnostic with file, line and
 * column, nothing throws or hangs, and the good files beside them are still imported.
 */

interface Output {
  workloads: { name: string }[];
  diagnostics: {
    severity: string;
    code: string;
    file: string;
    line: number;
    column: number;
    message: string;
  }[];
}

let dir: string;
let result: { code: number; stdout: string; stderr: string };
let output: Output;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-bad-'));
  cpSync(join(import.meta.dirname, '../fixtures/bad'), dir, { recursive: true });
  // Too large to commit: 100 MB of valid-looking YAML, a symlink loop, and 3,000 documents.
  writeFileSync(join(dir, 'huge.yaml'), 'key: value\n'.repeat((100 * 1024 * 1024) / 11));
  symlinkSync('.', join(dir, 'good', 'loop'));
  writeFileSync(
    join(dir, 'many-docs.yaml'),
    Array.from(
      { length: 3000 },
      (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  k: v\n`,
    ).join('---\n'),
  );
  result = runRampart(['analyze', dir, '--format', 'json'], dir);
  output = JSON.parse(result.stdout) as Output;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const diagnosticsOf = (file: string) => output.diagnostics.filter((d) => d.file === file);

describe('the bad-input corpus', () => {
  it('exits 2 (input errors) and still writes the analysis', () => {
    expect(result.code).toBe(2);
    expect(output.workloads.length).toBeGreaterThan(0);
  });

  it('imports the good files next to the bad ones', () => {
    const names = output.workloads.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['web', 'db', 'bom-pod']));
  });

  it.each([
    'broken-yaml/compose.yaml',
    'truncated.json',
    'Dockerfile',
    'alias-bomb.yaml',
    'deep-nesting.yaml',
    'not-yaml.yaml',
    'huge.yaml',
  ])('reports %s with a located diagnostic', (file) => {
    const found = diagnosticsOf(file);
    expect(found.length, `no diagnostic for ${file}`).toBeGreaterThan(0);
    for (const d of found) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.message.length).toBeGreaterThan(10);
    }
    expect(result.stderr).toContain(file);
  });

  it('points at the line of a YAML syntax error', () => {
    const d = diagnosticsOf('broken-yaml/compose.yaml').find((x) => x.severity === 'error')!;
    expect(d.line).toBeGreaterThanOrEqual(4);
    expect(d.line).toBeLessThanOrEqual(6);
  });

  it('reports fields with the wrong type instead of guessing', () => {
    const found = diagnosticsOf('wrong-types/compose.yaml');
    expect(found.length).toBeGreaterThanOrEqual(5);
    expect(new Set(found.map((d) => d.line)).size).toBeGreaterThanOrEqual(5);
  });

  it('does not follow the symlink loop', () => {
    expect(output.workloads.filter((w) => w.name === 'web')).toHaveLength(1);
  });

  it('imports thousands of documents of one file', () => {
    expect(diagnosticsOf('many-docs.yaml').filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('keeps __proto__ keys inert', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(output.workloads.map((w) => w.name)).toEqual(
      expect.arrayContaining(['__proto__', 'constructor', 'prototype']),
    );
  });

  it('gives the same output twice', () => {
    expect(runRampart(['analyze', dir, '--format', 'json'], dir).stdout).toBe(result.stdout);
  });
});
