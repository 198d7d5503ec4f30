import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CURRENT_SCHEMA_VERSION,
  MIGRATIONS,
  migrateToCurrent,
  type Migration,
} from '../../../models/model/migrations';
import { parseModelFile } from '../../../models/model/parse-model-file';
import { serializeModelFile } from '../../../models/model/serialize-model';
import type { ThreatModel } from '../../../models/model/threat-model';
import { FIXTURES, workshopModel } from './model-builder';

describe('migrations', () => {
  it('form a chain from version 0 to the current version', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual([...Array(CURRENT_SCHEMA_VERSION).keys()]);
  });

  it('applies each step in order, each seeing the previous one’s output', () => {
    const step = (from: number): Migration => ({
      from,
      title: `step ${from}`,
      migrate: (file) => ({ ...file, trail: [...((file.trail as number[]) ?? []), from] }),
    });
    const result = migrateToCurrent({ schemaVersion: 1 }, 1, [step(2), step(0), step(1)], 3);
    expect(result.file).toEqual({ schemaVersion: 3, trail: [1, 2] });
    expect(result.applied.map((m) => m.from)).toEqual([1, 2]);
  });

  it('moves version-0 overrides to mitigationStates and element positions to the layout', () => {
    const v0 = JSON.parse(readFileSync(`${FIXTURES}/v0-small.rampart.json`, 'utf8')) as Record<
      string,
      unknown
    >;
    const { file } = migrateToCurrent(v0, 0);
    const model = file.model as Record<string, unknown>;
    expect(model.overrides).toBeUndefined();
    expect(model.mitigationStates).toEqual((v0.model as Record<string, unknown>).overrides);
    expect((file.layout as { positions: object }).positions).toEqual({
      'compose:small/web': { x: 100, y: 40 },
      'boundary:network:small/back': { x: 260, y: 0, width: 340, height: 120 },
    });
    expect(JSON.stringify(model.elements)).not.toContain('position');
    expect(v0.schemaVersion).toBe(0);
  });

  it('opens a version-0 file as the current version, saying it was upgraded', () => {
    const parsed = parseModelFile(
      readFileSync(`${FIXTURES}/v0-small.rampart.json`, 'utf8'),
      'old.rampart.json',
    );
    expect(parsed.migratedFrom).toBe(0);
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['MODEL_MIGRATED']);
    const file = parsed.file!;
    expect(file.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(file.model.mitigationStates).toHaveLength(1);
    expect(file.layout.positions['compose:small/web']).toEqual({ x: 100, y: 40 });
    expect(serializeModelFile(file.model, file.layout)).toBe(
      readFileSync(`${FIXTURES}/v0-small.migrated.rampart.json`, 'utf8'),
    );
  });
});

const MODEL_FILES = 'test/fixtures/model-files';
const readText = (path: string): string => readFileSync(`${MODEL_FILES}/${path}`, 'utf8');

/** Every `*.rampart.json` of every version folder, as `[version, file name]`. */
const oldFiles = readdirSync(MODEL_FILES)
  .filter((dir) => /^v\d+$/.test(dir))
  .flatMap((dir) =>
    readdirSync(`${MODEL_FILES}/${dir}`)
      .filter((name) => name.endsWith('.rampart.json') && !name.endsWith('.expected.rampart.json'))
      .map((name) => [dir, name] as const),
  );

describe('opening a file written by every earlier schema version', () => {
  it('has files of every version before the current one', () => {
    const versions = new Set(oldFiles.map(([dir]) => dir));
    expect([...versions].sort()).toEqual([...Array(CURRENT_SCHEMA_VERSION).keys()].map((v) => `v${v}`));
  });

  it.each(oldFiles)('upgrades %s/%s to exactly the file the current version writes', (dir, name) => {
    const parsed = parseModelFile(readText(`${dir}/${name}`), name);
    expect(parsed.migratedFrom).toBe(Number(dir.slice(1)));
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['MODEL_MIGRATED']);
    expect(serializeModelFile(parsed.file!.model, parsed.file!.layout)).toBe(
      readText(`${dir}/${name.replace(/\.rampart\.json$/, '.expected.rampart.json')}`),
    );
  });

  it('expects of the version-0 workshop what the current version makes of the same workshop', () => {
    const { model, layout } = workshopModel();
    expect(readText('v0/workshop.expected.rampart.json')).toBe(serializeModelFile(model, layout));
  });

  it('keeps every piece of user data of the version-0 workshop', () => {
    // Read the old file as plain JSON, independently of the migration, and look for each piece.
    type Item = { id: string; position?: object } & Record<string, unknown>;
    const old = JSON.parse(readText('v0/workshop.rampart.json')) as {
      model: Record<string, unknown> & { elements: Item[]; boundaries: Item[]; overrides: object[] };
    };
    const { model, layout } = parseModelFile(readText('v0/workshop.rampart.json')).file!;
    const withoutPosition = ({ position: _position, ...rest }: Item) => rest;

    for (const list of ['elements', 'boundaries'] as const) {
      expect(model[list]).toHaveLength(old.model[list].length);
      for (const item of old.model[list]) {
        expect(model[list]).toContainEqual(withoutPosition(item));
        if (item.position) expect(layout.positions[item.id]).toEqual(item.position);
      }
    }
    const positioned = [...old.model.elements, ...old.model.boundaries].filter((i) => i.position);
    expect(Object.keys(layout.positions).sort()).toEqual(positioned.map((i) => i.id).sort());
    expect(positioned.length).toBeGreaterThan(5);

    expect(model.mitigationStates).toHaveLength(old.model.overrides.length);
    for (const edit of old.model.overrides) expect(model.mitigationStates).toContainEqual(edit);
    for (const list of ['flows', 'decisions', 'treeNodes', 'notes', 'sources'] as const) {
      const items = old.model[list] as object[];
      expect(model[list]).toHaveLength(items.length);
      for (const item of items) expect(model[list]).toContainEqual(item);
    }
    for (const key of ['id', 'name', 'description', 'document', 'assumptions'] as const)
      expect(model[key]).toEqual(old.model[key]);

    // The workshop really holds every kind of user data, so the checks above cover them all.
    const kinds = (m: ThreatModel) => ({
      states: new Set(m.mitigationStates.map((e) => e.state)).size,
      decisions: new Set(m.decisions.map((d) => d.decision)).size,
      treeNodes: new Set(m.treeNodes.map((n) => n.kind)).size,
      origins: new Set([...m.elements, ...m.boundaries, ...m.flows].map((i) => i.origin)).size,
    });
    expect(kinds(model)).toEqual({ states: 5, decisions: 4, treeNodes: 3, origins: 2 });
  });
});
