import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyLayout } from '../../models/model/create-model';
import { CURRENT_SCHEMA_VERSION, migrateToCurrent, type JsonObject } from '../../models/model/migrations';
import { parseModelFile } from '../../models/model/parse-model-file';
import { restoreLayout, restoreModel } from '../../models/model/restore-model';
import { checkDiagnostics, checkModel, FuzzLedger, runs } from './fuzz-checks';
import { JSON_FRAGMENTS, MODEL_KEYS, modelFile, modelFileFixtures } from './fuzz-formats';
import {
  applyDataEdits,
  applyTextEdits,
  dataEdits,
  documentsOf,
  randomText,
  render,
  textEdits,
  valueTree,
} from './fuzz-inputs';

/**
 * Fuzzing of the native file's reader (`parseModelFile`: parse, migrate, restore) and of the
 * restore step every stored model goes through: random text, generated files of every schema
 * version with fields of every type, and mutated real model files. Whatever comes in, the reader
 * returns within the hang guard, the same answer twice, diagnostics inside the file, and either
 * nothing or a model the app can keep (see `checkModel`). Seeds are fixed.
 */

const ledger = new FuzzLedger();
afterAll(() => {
  for (const line of ledger.summary()) console.log(line);
});

const FILE = 'model.rampart.json';

function open(text: string): void {
  const parsed = ledger.call('model file', () => parseModelFile(text, FILE));
  checkDiagnostics(parsed.diagnostics, new Map([[FILE, text]]));
  if (parsed.file) {
    expect(parsed.file.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    checkModel(parsed.file.model, parsed.file.layout);
  } else {
    expect(parsed.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  }
}

/** Values of every kind a structured clone can hold: what a library row read back may contain. */
const storedValue = fc.anything({
  key: fc.oneof(fc.constantFrom(...MODEL_KEYS, '__proto__', 'constructor'), fc.string({ maxLength: 4 })),
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withSparseArray: true,
  withTypedArray: true,
});

describe('opening a model file', () => {
  it('survives random text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          randomText,
          randomText.map((t) => `{${t}`),
        ),
        open,
      ),
      runs(801, 200),
    );
  });

  it('survives generated files of every schema version with fields of every type', () => {
    fc.assert(
      fc.property(modelFile, fc.constantFrom('json', 'flow') as fc.Arbitrary<'json' | 'flow'>, (file, how) =>
        open(render([file], how)),
      ),
      runs(802, 200),
    );
  });

  it('survives text and data edits of real model files', () => {
    const parsed = modelFileFixtures.map((f) => ({ fixture: f, documents: documentsOf(f.text) }));
    fc.assert(
      fc.property(
        fc.constantFrom(...parsed),
        fc.oneof(
          textEdits(JSON_FRAGMENTS).map((edits) => ({ edits, data: false as const })),
          dataEdits(MODEL_KEYS).map((edits) => ({ edits, data: true as const })),
        ),
        ({ fixture, documents }, change) =>
          open(
            change.data
              ? render(
                  documents.map((d) => applyDataEdits(d, change.edits)),
                  'json',
                )
              : applyTextEdits(fixture.text, change.edits),
          ),
      ),
      runs(803, 200),
    );
  });
});

describe('restoring a stored model', () => {
  it('restores any stored value without throwing, to nothing or a model the app can keep', () => {
    fc.assert(
      fc.property(fc.oneof(storedValue, valueTree(MODEL_KEYS, 4)), (value) => {
        const model = ledger.call('restore model', () => restoreModel(value));
        if (model.value) checkModel(model.value, emptyLayout());
        else expect(model.diagnostics.length).toBeGreaterThan(0);
        const layout = ledger.call('restore layout', () => restoreLayout(value));
        expect(restoreLayout(layout.value).diagnostics).toEqual([]);
      }),
      runs(811, 300),
    );
  });

  it('restores generated models, whose parts have every type', () => {
    fc.assert(
      fc.property(modelFile, (file) => {
        const { model } = file as { model?: unknown };
        const restored = ledger.call('restore model', () => restoreModel(model));
        if (restored.value) checkModel(restored.value, emptyLayout());
      }),
      runs(812, 200),
    );
  });
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

describe('migrating a version-0 file', () => {
  /** Freezes a value and everything in it, so that a migration that writes to its input throws. */
  function deepFreeze<T>(value: T): T {
    if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
      Object.freeze(value);
      for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    }
    return value;
  }

  it('never writes to its input, and moves every position it can key to the layout', () => {
    fc.assert(
      fc.property(modelFile, (generated) => {
        const file = deepFreeze(structuredClone({ ...generated, schemaVersion: 0 }) as JsonObject);
        const { file: migrated } = ledger.call('migrate v0', () => migrateToCurrent(file, 0));
        expect(migrated.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
        const model = migrated.model as Record<string, unknown>;
        expect(Object.keys(model)).not.toContain('overrides');
        const positions = (migrated.layout as { positions: Record<string, unknown> }).positions;
        const given = isRecord(file.layout) && isRecord(file.layout.positions) ? file.layout.positions : {};
        const old = isRecord(file.model) ? file.model : {};
        const moved = new Map<string, unknown[]>();
        for (const list of ['elements', 'boundaries'])
          for (const item of Array.isArray(old[list]) ? (old[list] as unknown[]) : []) {
            if (!isRecord(item) || typeof item.id !== 'string' || item.id === '__proto__') continue;
            if (isRecord(item.position)) moved.set(item.id, [...(moved.get(item.id) ?? []), item.position]);
          }
        for (const [id, candidates] of moved) {
          const kept = Object.prototype.hasOwnProperty.call(positions, id) ? positions[id] : undefined;
          // A position the file's own layout already holds for the id wins over the old one.
          if (Object.prototype.hasOwnProperty.call(given, id)) expect(kept).toBe(given[id]);
          else expect(candidates).toContain(kept);
        }
      }),
      runs(821, 300),
    );
  });
});
