import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { importCompose } from '../../models/import/compose';
import { importDockerfile } from '../../models/import/dockerfile';
import {
  basename,
  dirname,
  joinPath,
  type ImportContext,
  type ImportFile,
} from '../../models/import/import-file';
import { importFiles } from '../../models/import/import-files';
import { importDockerInspect } from '../../models/import/inspect';
import { importKubernetes } from '../../models/import/kubernetes';
import { importOciConfig } from '../../models/import/oci';
import { recognizeFile } from '../../models/import/recognize';
import { importThreatDragon } from '../../models/import/threat-dragon/import-threat-dragon';
import { modelFromImport } from '../../models/model/create-model';
import { reimportModel } from '../../models/model/reimport';
import { checkBundle, checkDiagnostics, checkModel, FuzzLedger, runs } from './fuzz-checks';
import {
  anyFile,
  COMPOSE_KEYS,
  composeFixtures,
  composeProject,
  composeSurroundingFiles,
  composeSurroundings,
  copiedFolder,
  DOCKERFILE_FRAGMENTS,
  dockerfileFixtures,
  folder,
  generatedDockerfile,
  inspectContainer,
  inspectFixtures,
  INSPECT_KEYS,
  JSON_FRAGMENTS,
  k8sFixtures,
  k8sObject,
  K8S_KEYS,
  ociConfig,
  ociFixtures,
  OCI_KEYS,
  tdFixtures,
  tdModel,
  TD_KEYS,
} from './fuzz-formats';
import {
  applyDataEdits,
  applyTextEdits,
  dataEdits,
  documentsOf,
  editedJsonFixture,
  filesByPath,
  randomText,
  render,
  style,
  textEdits,
  YAML_FRAGMENTS,
} from './fuzz-inputs';

/**
 * Fuzzing of every importer (models/import/**) and of model creation from configs: random text,
 * structure-aware documents over the fields each importer reads, and mutated real files. Each
 * input must come back without a throw, within the hang guard, deep-equal on a second run, with
 * diagnostics that point into the input, and with a bundle or model the rest of the app can rely
 * on (see fuzz-checks.ts). Seeds are fixed so that CI sees the same inputs every run; the ledger
 * prints how many inputs each importer was given.
 */

const ledger = new FuzzLedger();
afterAll(() => {
  for (const line of ledger.summary()) console.log(line);
});

const NOW = '2026-03-01T10:00:00.000Z';

function contextOf(files: ReadonlyMap<string, string>): ImportContext {
  return { read: (path) => files.get(path) };
}

// ---- compose -----------------------------------------------------------------------------------

function runCompose(files: ImportFile[], known: Map<string, string>): void {
  for (const f of files) known.set(f.path, f.text);
  const output = ledger.call('compose', () => importCompose(files, contextOf(known)));
  checkDiagnostics(output.diagnostics, known);
  checkBundle(output.bundle, known);
}

describe('compose importer', () => {
  it('survives random text', () => {
    fc.assert(
      fc.property(randomText, (text) => runCompose([{ path: 'compose.yaml', text }], new Map())),
      runs(101, 150),
    );
  });

  it('survives generated projects with values of every type where it reads', () => {
    fc.assert(
      fc.property(
        composeProject,
        style,
        composeSurroundings,
        fc.boolean(),
        (project, how, around, override) => {
          const text = render([project], how);
          const files = [{ path: 'compose.yaml', text }];
          if (override) files.push({ path: 'compose.override.yaml', text: around['base.yml'] });
          runCompose(files, new Map(Object.entries(around)));
        },
      ),
      runs(102, 120),
    );
  });

  it('survives text edits of real compose files', () => {
    fc.assert(
      fc.property(fc.constantFrom(...composeFixtures), textEdits(YAML_FRAGMENTS), (fixture, edits) =>
        runCompose(
          [{ path: fixture.path, text: applyTextEdits(fixture.text, edits) }],
          new Map(composeSurroundingFiles),
        ),
      ),
      runs(103, 200),
    );
  });

  it('survives data edits of real compose files', () => {
    const parsed = composeFixtures
      .map((f) => ({ fixture: f, documents: documentsOf(f.text) }))
      .filter((p) => p.documents.length > 0);
    fc.assert(
      fc.property(
        fc.constantFrom(...parsed),
        dataEdits(COMPOSE_KEYS),
        style,
        ({ fixture, documents }, edits, how) =>
          runCompose(
            [
              {
                path: fixture.path,
                text: render(
                  documents.map((d) => applyDataEdits(d, edits)),
                  how,
                ),
              },
            ],
            new Map(composeSurroundingFiles),
          ),
      ),
      runs(104, 100),
    );
  });
});

// ---- kubernetes --------------------------------------------------------------------------------

function runKubernetes(file: ImportFile): void {
  const output = ledger.call('kubernetes', () => importKubernetes(file));
  const known = filesByPath([file]);
  checkDiagnostics(output.diagnostics, known);
  checkBundle(output.bundle, known);
}

describe('kubernetes importer', () => {
  it('survives random text', () => {
    fc.assert(
      fc.property(randomText, (text) => runKubernetes({ path: 'k8s/app.yaml', text })),
      runs(201, 150),
    );
  });

  it('survives generated manifests with values of every type where it reads', () => {
    fc.assert(
      fc.property(fc.array(k8sObject, { minLength: 1, maxLength: 4 }), style, (objects, how) =>
        runKubernetes({ path: 'k8s/app.yaml', text: render(objects, how) }),
      ),
      runs(202, 200),
    );
  });

  it('survives text edits of real manifests', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...k8sFixtures),
        textEdits([...YAML_FRAGMENTS, '{{ .Values.x }}', '# Source: c/t.yaml\n']),
        (fixture, edits) => runKubernetes({ path: fixture.path, text: applyTextEdits(fixture.text, edits) }),
      ),
      runs(203, 200),
    );
  });

  it('survives data edits of real manifests', () => {
    const parsed = k8sFixtures
      .map((f) => ({ fixture: f, documents: documentsOf(f.text) }))
      .filter((p) => p.documents.length > 0);
    fc.assert(
      fc.property(
        fc.constantFrom(...parsed),
        dataEdits(K8S_KEYS),
        style,
        ({ fixture, documents }, edits, how) =>
          runKubernetes({
            path: fixture.path,
            text: render(
              documents.map((d) => applyDataEdits(d, edits)),
              how,
            ),
          }),
      ),
      runs(204, 150),
    );
  });
});

// ---- dockerfile --------------------------------------------------------------------------------

function runDockerfile(file: ImportFile): void {
  const output = ledger.call('dockerfile', () => importDockerfile(file));
  const known = filesByPath([file]);
  checkDiagnostics(output.diagnostics, known);
  checkBundle(output.bundle, known);
}

describe('dockerfile importer', () => {
  it('survives random text', () => {
    fc.assert(
      fc.property(randomText, (text) => runDockerfile({ path: 'Dockerfile', text })),
      runs(301, 150),
    );
  });

  it('survives generated Dockerfiles with arguments of every shape', () => {
    fc.assert(
      fc.property(generatedDockerfile, fc.constantFrom('\n', '\r\n'), (text, eol) =>
        runDockerfile({ path: 'api/Dockerfile', text: text.replaceAll('\n', eol) }),
      ),
      runs(302, 250),
    );
  });

  it('survives text edits of real Dockerfiles', () => {
    fc.assert(
      fc.property(fc.constantFrom(...dockerfileFixtures), textEdits(DOCKERFILE_FRAGMENTS), (fixture, edits) =>
        runDockerfile({ path: fixture.path, text: applyTextEdits(fixture.text, edits) }),
      ),
      runs(303, 200),
    );
  });
});

// ---- docker inspect ----------------------------------------------------------------------------

function runInspect(file: ImportFile): void {
  const output = ledger.call('docker inspect', () => importDockerInspect(file));
  const known = filesByPath([file]);
  checkDiagnostics(output.diagnostics, known);
  checkBundle(output.bundle, known);
}

describe('docker inspect importer', () => {
  it('survives random text', () => {
    fc.assert(
      fc.property(randomText, (text) => runInspect({ path: 'inspect.json', text })),
      runs(401, 100),
    );
  });

  it('survives generated inspect output with values of every type where it reads', () => {
    fc.assert(
      fc.property(
        fc.array(inspectContainer, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('json', 'flow') as fc.Arbitrary<'json' | 'flow'>,
        (containers, how) => runInspect({ path: 'inspect.json', text: render([containers], how) }),
      ),
      runs(402, 150),
    );
  });

  it('survives text and data edits of real inspect output', () => {
    fc.assert(
      fc.property(editedJsonFixture(inspectFixtures, INSPECT_KEYS, JSON_FRAGMENTS), runInspect),
      runs(403, 120),
    );
  });
});

// ---- OCI config.json ---------------------------------------------------------------------------

function runOci(file: ImportFile): void {
  const output = ledger.call('oci config', () => importOciConfig(file));
  const known = filesByPath([file]);
  checkDiagnostics(output.diagnostics, known);
  checkBundle(output.bundle, known);
}

describe('OCI config importer', () => {
  it('survives random text', () => {
    fc.assert(
      fc.property(randomText, (text) => runOci({ path: 'bundle/config.json', text })),
      runs(501, 100),
    );
  });

  it('survives generated configs with values of every type where it reads', () => {
    fc.assert(
      fc.property(ociConfig, (config) =>
        runOci({ path: 'bundle/config.json', text: render([config], 'json') }),
      ),
      runs(502, 150),
    );
  });

  it('survives text and data edits of real configs', () => {
    fc.assert(fc.property(editedJsonFixture(ociFixtures, OCI_KEYS, JSON_FRAGMENTS), runOci), runs(503, 120));
  });
});

// ---- Threat Dragon -------------------------------------------------------------------------------

function runThreatDragon(path: string, text: string): void {
  const output = ledger.call('threat dragon', () => {
    let n = 0;
    return importThreatDragon(text, path, { newId: () => `model-${++n}`, now: NOW });
  });
  checkDiagnostics(output.diagnostics, filesByPath([{ path, text }]));
  expect(output.model === undefined).toBe(output.layout === undefined);
  if (output.model) checkModel(output.model, output.layout!);
}

describe('Threat Dragon importer', () => {
  it('survives random text', () => {
    fc.assert(
      fc.property(randomText, (text) => runThreatDragon('model.json', text)),
      runs(601, 100),
    );
  });

  it('survives generated models, giving one the app can keep', () => {
    fc.assert(
      fc.property(tdModel, (model) => runThreatDragon('model.json', render([model], 'json'))),
      runs(602, 120),
    );
  });

  it('survives text and data edits of real models', () => {
    fc.assert(
      fc.property(editedJsonFixture(tdFixtures, TD_KEYS, JSON_FRAGMENTS), (file) =>
        runThreatDragon(file.path, file.text),
      ),
      runs(603, 120),
    );
  });
});

// ---- recognition, folders, and models made from them ----------------------------------------------

describe('paths the importers resolve', () => {
  const segment = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('', '.', '..', 'a', 'b', 'compose.yaml', ' ', '\\') },
    { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
  );
  const path = fc.array(segment, { maxLength: 6 }).map((parts) => parts.join('/'));

  it('normalizes any path once and for all, and splits it into folder and name', () => {
    fc.assert(
      fc.property(fc.array(path, { minLength: 1, maxLength: 3 }), (parts) => {
        const joined = ledger.call('paths', () => joinPath(...parts));
        expect(joinPath(joined)).toBe(joined);
        // No empty or `.` segment, and `..` only leading a relative path.
        if (joined !== '.' && joined !== '/') {
          const segments = joined.replace(/^\//, '').split('/');
          expect(segments.filter((x) => x === '' || x === '.')).toEqual([]);
          const ups = joined.startsWith('/') ? 0 : segments.findIndex((x) => x !== '..');
          expect(segments.slice(ups < 0 ? segments.length : ups)).not.toContain('..');
        }
        expect(joinPath(dirname(joined), basename(joined))).toBe(joined);
      }),
      runs(705, 300),
    );
  });
});

describe('file recognition and folder import', () => {
  it('recognizes any file without throwing, the same way twice', () => {
    fc.assert(
      fc.property(anyFile, (file) => {
        const recognized = ledger.call('recognize', () => recognizeFile(file));
        if (recognized.parsed) checkDiagnostics(recognized.parsed.diagnostics, filesByPath([file]));
      }),
      runs(701, 200),
    );
  });

  it('imports any folder with diagnostics instead of internal errors', () => {
    fc.assert(
      fc.property(folder, fc.boolean(), (files, explicit) => {
        const result = ledger.call('import files', () =>
          importFiles(files, explicit ? { explicit: new Set(files.map((f) => f.path)) } : {}),
        );
        const known = filesByPath(files);
        checkDiagnostics(result.diagnostics, known);
        checkBundle(result.bundle, known);
        const ids = result.bundle.workloads.map((w) => w.id);
        expect(ids).toEqual([...ids].sort());
      }),
      runs(702, 80),
    );
  });

  it('keeps workload ids unique when folders hold copies of the same files', () => {
    fc.assert(
      fc.property(copiedFolder, (files) => {
        const result = ledger.call('import files', () => importFiles(files));
        checkDiagnostics(result.diagnostics, filesByPath(files));
        checkBundle(result.bundle, filesByPath(files));
        const ids = result.bundle.workloads.map((w) => w.id);
        expect(ids).toEqual([...ids].sort());
      }),
      runs(704, 100),
    );
  });

  it('makes a model from any folder that the app can keep, and re-imports into it', () => {
    fc.assert(
      fc.property(folder, folder, (files, later) => {
        const made = ledger.call('model from import', () =>
          modelFromImport(files, NOW, { newId: () => 'model' }),
        );
        checkModel(made.model, made.layout);
        const again = ledger.call('re-import', () => reimportModel(made.model, later, NOW));
        checkModel(again.model, made.layout);
      }),
      runs(703, 30),
    );
  });
});
