import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import type { ImportBundle } from '../../models/import/workload';
import { parseModelFile } from '../../models/model/parse-model-file';
import { restoreLayout, restoreModel } from '../../models/model/restore-model';
import { serializeModelFile } from '../../models/model/serialize-model';
import type { ModelLayout, ThreatModel } from '../../models/model/threat-model';
import type { Diagnostic } from '../../models/source/diagnostic';

/**
 * What the importer fuzzers assert of every answer, and the ledger of what they tried.
 *
 * Every call goes through `FuzzLedger.call`, which counts the input, runs it twice, and fails on
 * a throw, on a call slower than `HANG_GUARD_MS` (a guard against hangs, not a performance claim:
 * the bound is far above any real call) and on a second answer that is not deep-equal to the first.
 */

export const HANG_GUARD_MS = 2_000;

/** `RAMPART_FUZZ_SCALE=10` runs ten times the inputs (with the same seeds) for a deeper search. */
const SCALE = Number(process.env.RAMPART_FUZZ_SCALE ?? 1) || 1;

/** fast-check settings of one property: a fixed seed, so that CI replays the same inputs. */
export function runs(seed: number, numRuns: number): { seed: number; numRuns: number } {
  return { seed, numRuns: Math.max(1, Math.round(numRuns * SCALE)) };
}

interface Row {
  inputs: number;
  throws: number;
  slowestMs: number;
}

export class FuzzLedger {
  private readonly rows = new Map<string, Row>();

  call<T>(name: string, run: () => T): T {
    const row = this.rows.get(name) ?? { inputs: 0, throws: 0, slowestMs: 0 };
    this.rows.set(name, row);
    row.inputs++;
    let first: T;
    let second: T;
    const start = performance.now();
    try {
      first = run();
    } catch (error) {
      row.throws++;
      throw error;
    }
    const ms = performance.now() - start;
    row.slowestMs = Math.max(row.slowestMs, ms);
    expect(ms, `${name} took ${Math.round(ms)} ms on one input`).toBeLessThan(HANG_GUARD_MS);
    try {
      second = run();
    } catch (error) {
      row.throws++;
      throw error;
    }
    if (!isDeepStrictEqual(first, second)) {
      expect(second, `${name} answered differently the second time`).toStrictEqual(first);
      expect.fail(`${name} answered differently the second time`);
    }
    return first;
  }

  /** One line per importer, for the test log: `compose: 1,234 inputs, 0 throws, slowest 12 ms`. */
  summary(): string[] {
    return [...this.rows].map(
      ([name, row]) =>
        `${name}: ${row.inputs.toLocaleString('en-US')} inputs, ${row.throws} throws, slowest ${Math.ceil(row.slowestMs)} ms`,
    );
  }
}

const SEVERITIES = new Set(['error', 'warning', 'info']);

/** Every diagnostic names a file the caller knows, a line and column inside it, a stable code. */
export function checkDiagnostics(
  diagnostics: readonly Diagnostic[],
  files: ReadonlyMap<string, string>,
): void {
  for (const d of diagnostics) {
    const where = `${d.code} ${d.file}:${d.line}:${d.column} ${d.message}`;
    expect(SEVERITIES.has(d.severity), where).toBe(true);
    expect(d.code, where).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/);
    expect(d.code, where).not.toMatch(/INTERNAL_ERROR$/);
    expect(d.message.length, where).toBeGreaterThan(0);
    checkPosition(d, files, where);
  }
}

/** A source position is inside its file: line from 1 to the number of lines, column from 1 to one
 * past the end of that line. Positions in files the caller does not know fail the check. */
function checkPosition(
  ref: { file: string; line: number; column: number },
  files: ReadonlyMap<string, string>,
  where: string,
): void {
  expect(Number.isInteger(ref.line) && ref.line >= 1, `line of ${where}`).toBe(true);
  expect(Number.isInteger(ref.column) && ref.column >= 1, `column of ${where}`).toBe(true);
  const text = files.get(ref.file);
  expect(text, `${where}: unknown file ${JSON.stringify(ref.file)}`).toBeDefined();
  const lines = text!.split('\n');
  expect(ref.line, `line of ${where}`).toBeLessThanOrEqual(lines.length);
  expect(ref.column, `column of ${where}`).toBeLessThanOrEqual(lines[ref.line - 1]!.length + 1);
}

function isSourceRef(value: object): value is { file: string; line: number; column: number } {
  const v = value as Record<string, unknown>;
  return typeof v.file === 'string' && typeof v.line === 'number' && typeof v.column === 'number';
}

/** Visits every object and number of a value. */
function walk(value: unknown, path: string, visit: (value: unknown, path: string) => void): void {
  visit(value, path);
  if (typeof value !== 'object' || value === null) return;
  for (const key of Object.keys(value))
    walk((value as Record<string, unknown>)[key], `${path}.${key}`, visit);
}

function expectUnique(ids: readonly string[], what: string): void {
  const seen = new Set<string>();
  const duplicates = ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  expect(duplicates, `duplicate ${what} ids`).toEqual([]);
}

function expectPort(port: unknown, where: string): void {
  if (port === undefined || typeof port === 'string') return;
  expect(Number.isInteger(port) && (port as number) >= 0 && (port as number) <= 65535, where).toBe(true);
}

/**
 * An import bundle is sound: ids unique within each kind, every number finite, every source
 * reference inside a known file, ports within 0–65535.
 */
export function checkBundle(bundle: ImportBundle, files: ReadonlyMap<string, string>): void {
  const kinds: [readonly { id: string }[], string][] = [
    [bundle.workloads, 'workload'],
    [bundle.services, 'service'],
    [bundle.ingresses, 'ingress'],
    [bundle.networkPolicies, 'network policy'],
    [bundle.networks, 'network'],
  ];
  for (const [items, kind] of kinds)
    expectUnique(
      items.map((item) => item.id),
      kind,
    );
  walk(bundle, 'bundle', (value, path) => {
    if (typeof value === 'number') expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
    else if (typeof value === 'object' && value !== null && isSourceRef(value))
      checkPosition(value, files, path);
  });
  for (const w of bundle.workloads)
    for (const c of w.containers)
      for (const p of c.ports) {
        expectPort(p.containerPort, `${w.id} containerPort`);
        expectPort(p.hostPort, `${w.id} hostPort`);
      }
  for (const s of bundle.services)
    for (const p of s.ports) {
      expectPort(p.port, `${s.id} port`);
      expectPort(p.targetPort, `${s.id} targetPort`);
      expectPort(p.nodePort, `${s.id} nodePort`);
    }
}

/** Object keys sorted, so that two values compare by content, not by insertion order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

/**
 * A model is what the app can keep: the restore step has nothing to repair in it (so it is
 * already in canonical form: valid fields, ids unique, lists sorted, no dangling references,
 * no boundary cycles), and it survives saving and reopening byte for byte.
 */
export function checkModel(model: ThreatModel, layout: ModelLayout): void {
  const restored = restoreModel(model);
  expect(restored.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  expect(canonical(restored.value)).toBe(canonical(model));
  const restoredLayout = restoreLayout(layout);
  expect(restoredLayout.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  expect(canonical(restoredLayout.value)).toBe(canonical(layout));

  const elements = new Set(model.elements.map((e) => e.id));
  const boundaries = new Map(model.boundaries.map((b) => [b.id, b]));
  for (const flow of model.flows) {
    expect(elements.has(flow.from), `flow ${flow.id} from ${flow.from}`).toBe(true);
    expect(elements.has(flow.to), `flow ${flow.id} to ${flow.to}`).toBe(true);
  }
  for (const element of model.elements)
    if (element.boundary !== undefined) expect(boundaries.has(element.boundary)).toBe(true);
  for (const boundary of model.boundaries) {
    const visited = new Set([boundary.id]);
    for (let p = boundary.parent; p !== undefined; p = boundaries.get(p)?.parent) {
      expect(boundaries.has(p), `parent ${p} of ${boundary.id}`).toBe(true);
      expect(visited.has(p), `boundary cycle through ${boundary.id}`).toBe(false);
      visited.add(p);
    }
  }

  const text = serializeModelFile(model, layout);
  const reopened = parseModelFile(text);
  expect(reopened.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  expect(serializeModelFile(reopened.file!.model, reopened.file!.layout)).toBe(text);
}
