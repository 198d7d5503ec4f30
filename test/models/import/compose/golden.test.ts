import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCompose } from '../../../../models/import/compose';
import { diagnosticText, folderContext, project, viewNetwork, viewWorkload } from './compose-view';

/**
 * Golden cases: each folder of test/fixtures/compose holds a compose project and an expected.json
 * stating, per service, the fields that case is about (facts as "value @file:line"), the networks,
 * and the exact list of diagnostics ("CODE file:line:column").
 */
interface Expected {
  description: string;
  /** Compose files in merge order, relative to the case folder; default ["compose.yaml"]. */
  files?: string[];
  projectName?: string;
  project?: string;
  workloads?: Record<string, Record<string, unknown>>;
  networks?: Record<string, Record<string, unknown>>;
  inputs?: string[];
  diagnostics: string[];
}

const root = fileURLToPath(new URL('../../../fixtures/compose', import.meta.url));
const cases = readdirSync(root).filter((name) => existsSync(join(root, name, 'expected.json')));

describe('compose importer golden cases', () => {
  it('finds the cases', () => {
    expect(cases.length).toBeGreaterThan(15);
  });

  for (const name of cases) {
    const dir = join(root, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    it(`${name}: ${expected.description}`, () => {
      const context = folderContext(dir);
      const files = (expected.files ?? ['compose.yaml']).map((path) => ({
        path,
        text: context.files.get(path)!,
      }));
      const output = importCompose(
        files,
        context,
        expected.projectName ? { projectName: expected.projectName } : {},
      );
      const { bundle } = output;

      if (expected.project) for (const w of bundle.workloads) expect(w.namespace).toBe(expected.project);
      if (expected.workloads) {
        expect(bundle.workloads.map((w) => w.name).sort()).toEqual(Object.keys(expected.workloads).sort());
        const views = Object.fromEntries(bundle.workloads.map((w) => [w.name, viewWorkload(w)]));
        expect(project(views, expected.workloads)).toEqual(expected.workloads);
      }
      if (expected.networks) {
        const views = Object.fromEntries(bundle.networks.map((n) => [n.name, viewNetwork(n)]));
        expect(Object.keys(views).sort()).toEqual(Object.keys(expected.networks).sort());
        expect(project(views, expected.networks)).toEqual(expected.networks);
      }
      if (expected.inputs) expect(bundle.inputs.map((i) => `${i.kind} ${i.file}`)).toEqual(expected.inputs);
      expect(output.diagnostics.map(diagnosticText)).toEqual(expected.diagnostics);

      // Every diagnostic says where and what; the output is deterministic and plain data.
      for (const d of output.diagnostics) {
        expect(d.line).toBeGreaterThan(0);
        expect(d.column).toBeGreaterThan(0);
        expect(d.message.length).toBeGreaterThan(10);
      }
      const again = importCompose(
        files,
        context,
        expected.projectName ? { projectName: expected.projectName } : {},
      );
      expect(JSON.stringify(again)).toBe(JSON.stringify(output));
      expect(JSON.parse(JSON.stringify(output))).toEqual(output);
    });
  }
});
