import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../../models/source/diagnostic';
import { importKubernetes } from '../../../../models/import/kubernetes';
import type { ImportBundle } from '../../../../models/import/workload';
import { keyed, subsetMismatches } from './golden-match';

/**
 * Golden cases: `test/fixtures/kubernetes/<case>/` holds the manifest(s) (every file but
 * `expected.json`, each imported on its own under its name) and `expected.json`:
 *
 * - `workloads`, `services`, `ingresses`, `networkPolicies` (by id), `namespaces` (by name),
 *   `serviceAccounts` (by `namespace/name`): the exact set of objects, each with the fields that
 *   matter; a workload's `containers` are keyed by container name, also as an exact set.
 *   A collection left out of the file must come out empty.
 * - `diagnostics`: every diagnostic, in output order, with `code`, `line` and optionally `column`,
 *   `severity`, `file` and `message` (a part of the message).
 * - `inputs`: the recognized input kinds, when they matter.
 */
const FIXTURES = join(import.meta.dirname, '../../../fixtures/kubernetes');

interface ExpectedDiagnostic {
  code: string;
  line: number;
  column?: number;
  severity?: string;
  file?: string;
  message?: string;
}

interface Expected {
  description: string;
  inputs?: unknown;
  workloads?: Record<string, { containers?: Record<string, unknown> } & Record<string, unknown>>;
  services?: Record<string, unknown>;
  ingresses?: Record<string, unknown>;
  networkPolicies?: Record<string, unknown>;
  namespaces?: Record<string, unknown>;
  serviceAccounts?: Record<string, unknown>;
  diagnostics: ExpectedDiagnostic[];
}

function importCase(dir: string): { bundle: ImportBundle; diagnostics: Diagnostic[] } {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== 'expected.json')
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
  const outputs = files.map((path) =>
    importKubernetes({ path, text: readFileSync(join(dir, path), 'utf8') }),
  );
  const bundle = outputs[0]!.bundle;
  for (const more of outputs.slice(1)) {
    bundle.inputs.push(...more.bundle.inputs);
    bundle.workloads.push(...more.bundle.workloads);
    bundle.services.push(...more.bundle.services);
    bundle.ingresses.push(...more.bundle.ingresses);
    bundle.networkPolicies.push(...more.bundle.networkPolicies);
    bundle.namespaces.push(...more.bundle.namespaces);
    bundle.serviceAccounts.push(...more.bundle.serviceAccounts);
  }
  return { bundle, diagnostics: outputs.flatMap((o) => o.diagnostics) };
}

function objectMismatches(
  name: string,
  actual: Record<string, unknown>,
  expected: Record<string, unknown> | undefined,
): string[] {
  const want = expected ?? {};
  const ids = Object.keys(actual).sort();
  const wanted = Object.keys(want).sort();
  if (JSON.stringify(ids) !== JSON.stringify(wanted))
    return [`${name}: expected ${JSON.stringify(wanted)}, found ${JSON.stringify(ids)}`];
  return subsetMismatches(actual, want, name);
}

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('importKubernetes golden cases', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(20));

  it.each(cases)('%s', (name) => {
    const dir = join(FIXTURES, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    // Plain data, as the CLI prints it: unset optional fields disappear.
    const { bundle, diagnostics } = JSON.parse(JSON.stringify(importCase(dir))) as ReturnType<
      typeof importCase
    >;

    const workloads = keyed(bundle.workloads, (w) => w.id);
    const mismatches: string[] = [];
    for (const [id, want] of Object.entries(expected.workloads ?? {})) {
      const workload = workloads[id];
      if (!workload || !want.containers) continue;
      const containers = keyed(workload.containers, (c) => c.name);
      mismatches.push(...objectMismatches(`${id}.containers`, containers, want.containers));
    }
    const withoutContainers = Object.fromEntries(
      Object.entries(expected.workloads ?? {}).map(([id, { containers: _, ...rest }]) => [id, rest]),
    );
    mismatches.push(
      ...objectMismatches('workloads', workloads, withoutContainers as Record<string, unknown>),
      ...objectMismatches(
        'services',
        keyed(bundle.services, (s) => s.id),
        expected.services,
      ),
      ...objectMismatches(
        'ingresses',
        keyed(bundle.ingresses, (i) => i.id),
        expected.ingresses,
      ),
      ...objectMismatches(
        'networkPolicies',
        keyed(bundle.networkPolicies, (p) => p.id),
        expected.networkPolicies,
      ),
      ...objectMismatches(
        'namespaces',
        keyed(bundle.namespaces, (n) => n.name),
        expected.namespaces,
      ),
      ...objectMismatches(
        'serviceAccounts',
        keyed(bundle.serviceAccounts, (a) => `${a.namespace}/${a.name}`),
        expected.serviceAccounts,
      ),
      ...diagnosticMismatches(diagnostics, expected.diagnostics),
    );
    if (expected.inputs !== undefined)
      mismatches.push(...subsetMismatches(bundle.inputs, expected.inputs, 'inputs'));
    expect(mismatches, `${expected.description}\n${JSON.stringify(diagnostics, null, 1)}`).toEqual([]);
  });
});

/** Every diagnostic, in order; messages are matched on a part, so that wording can improve
 * without touching every case. */
function diagnosticMismatches(actual: Diagnostic[], expected: ExpectedDiagnostic[]): string[] {
  if (actual.length !== expected.length) {
    const found = actual.map((d) => `${d.code}@${d.line}:${d.column} ${d.message}`);
    return [`diagnostics: expected ${expected.length}, found ${actual.length}:\n  ${found.join('\n  ')}`];
  }
  return expected.flatMap((want, i) => {
    const got = actual[i]!;
    const { message, ...fields } = want;
    const mismatches = subsetMismatches(got, fields, `diagnostics[${i}]`);
    if (message !== undefined && !got.message.includes(message))
      mismatches.push(
        `diagnostics[${i}].message: expected to contain ${JSON.stringify(message)}, found ${JSON.stringify(got.message)}`,
      );
    return mismatches;
  });
}
