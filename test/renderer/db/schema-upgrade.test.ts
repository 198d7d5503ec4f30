import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { parseModelFile } from '../../../models/model/parse-model-file';
import { restoreModel } from '../../../models/model/restore-model';
import { serializeModelFile } from '../../../models/model/serialize-model';
import { createModelRepository } from '../../../renderer/db/model-repository';
import { declareVersion1, openRampartDatabase, type ModelRowV1 } from '../../../renderer/db/schema';
import { workshopModel } from '../../models/model/model-builder';
import { freshFactory, manualClock, stored } from './db-fixtures';

describe('database upgrade from version 1', () => {
  it('turns stored file texts into model and layout objects, each with a first revision', async () => {
    const factory = freshFactory();
    const v1 = new Dexie('rampart', factory);
    declareVersion1(v1);
    const current = stored('current', 'Current', { description: 'saved by version 1 of the library' });
    const rows: ModelRowV1[] = [
      {
        id: 'current',
        name: 'Current',
        updatedAt: '2026-02-01T09:00:00.000Z',
        json: serializeModelFile(current.model, current.layout),
      },
      {
        id: '6b0f3d5e-7c1a-4c55-9a43-2f0b8f1d9e01',
        name: 'Pre-release',
        updatedAt: '2025-11-02T09:00:00.000Z',
        json: readFileSync('test/fixtures/model/v0-small.rampart.json', 'utf8'),
      },
      {
        id: 'broken',
        name: 'Broken',
        updatedAt: '2026-01-01T00:00:00.000Z',
        json: '{ "format": "rampart", ',
      },
    ];
    await v1.table('models').bulkAdd(rows);
    await v1.table('settings').put({ key: 'theme', value: 'dark' });
    v1.close();

    const db = openRampartDatabase(factory);
    const repo = createModelRepository(db);
    expect((await repo.list()).map((m) => m.id)).toEqual([
      'current',
      'broken',
      '6b0f3d5e-7c1a-4c55-9a43-2f0b8f1d9e01',
    ]);
    expect((await repo.open('current'))!.model.description).toBe('saved by version 1 of the library');

    // The pre-release row was migrated through the model schema chain too.
    const old = (await repo.open('6b0f3d5e-7c1a-4c55-9a43-2f0b8f1d9e01'))!;
    expect(old.model.mitigationStates).toHaveLength(1);
    expect(old.layout.positions['compose:small/web']).toEqual({ x: 100, y: 40 });
    expect(await repo.revisions(old.model.id)).toEqual([
      { id: expect.any(String), at: '2025-11-02T09:00:00.000Z', reason: 'upgrade' },
    ]);

    const broken = await db.models.get('broken');
    expect(broken!.legacyJson).toBe('{ "format": "rampart", ');
    expect(broken!.model).toMatchObject({ id: 'broken', name: 'Broken' });
    expect(await repo.revisions('broken')).toEqual([]);

    expect(await db.settings.get('theme')).toEqual({ key: 'theme', value: 'dark' });
    expect(db.verno).toBe(2);
    expect((await db.models.toArray()).some((row) => 'json' in row)).toBe(false);
    db.close();
  });
});

/**
 * A version-1 library as a user would have it after a few releases: the workshop model saved by
 * the last version-1 release (file schema 1), the same workshop from a pre-release (file schema 0,
 * test/fixtures/model-files/v0/), a model saved by a newer Rampart the user tried once, and
 * settings. After the upgrade every row must hold what the current version would have stored for
 * the same model, with the library's own names and times, and nothing may be lost.
 */
describe('database upgrade from version 1 with a model of every file version', () => {
  const v0Text = readFileSync('test/fixtures/model-files/v0/workshop.rampart.json', 'utf8').replace(
    '"id": "model-1"',
    '"id": "workshop-2025"',
  );
  const v1Text = readFileSync('test/fixtures/model-files/v0/workshop.expected.rampart.json', 'utf8');
  const newerText = v1Text.replace('"schemaVersion": 1', '"schemaVersion": 99');
  const rows: ModelRowV1[] = [
    { id: 'model-1', name: 'Small shop', updatedAt: '2026-02-01T09:00:00.000Z', json: v1Text },
    { id: 'workshop-2025', name: 'Small shop', updatedAt: '2025-11-02T09:00:00.000Z', json: v0Text },
    { id: 'from-the-future', name: 'Tried once', updatedAt: '2026-01-15T12:00:00.000Z', json: newerText },
  ];
  const settings = [
    { key: 'theme', value: 'dark' },
    { key: 'recent', value: ['model-1', 'workshop-2025'] },
  ];

  async function upgraded() {
    const factory = freshFactory();
    const v1 = new Dexie('rampart', factory);
    declareVersion1(v1);
    await v1.table('models').bulkAdd(rows);
    await v1.table('settings').bulkAdd(settings);
    v1.close();
    const db = openRampartDatabase(factory);
    return { db, repo: createModelRepository(db) };
  }

  /** What the current version stores for a model file, created in a library of its own. */
  async function storedByCurrentVersion(text: string) {
    const clock = manualClock();
    const db = openRampartDatabase(freshFactory());
    const repo = createModelRepository(db, { now: clock.now });
    const { model, layout } = parseModelFile(text).file!;
    await repo.create({ model, layout }, 'import');
    const stored = await repo.open(model.id);
    db.close();
    return stored!;
  }

  it('keeps the library: every row with its name and time, and the settings', async () => {
    const { db, repo } = await upgraded();
    expect(db.verno).toBe(2);
    expect(await repo.list()).toEqual(
      [...rows]
        .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))
        .map(({ id, name, updatedAt }) => ({ id, name, updatedAt })),
    );
    expect(await db.settings.orderBy('key').toArray()).toEqual(
      [...settings].sort((a, b) => (a.key < b.key ? -1 : 1)),
    );
    db.close();
  });

  it.each([
    ['file schema 1', 'model-1', v1Text],
    ['file schema 0', 'workshop-2025', v0Text],
  ])('stores the %s model as the current version would have stored it', async (_name, id, text) => {
    const { db, repo } = await upgraded();
    const opened = (await repo.open(id))!;
    expect(opened).toEqual(await storedByCurrentVersion(text));
    const expected = v1Text.replace('"id": "model-1"', `"id": ${JSON.stringify(id)}`);
    expect(serializeModelFile(opened.model, opened.layout)).toBe(expected);
    const row = (await db.models.get(id))!;
    expect(Object.keys(row).sort()).toEqual(['id', 'layout', 'model', 'name', 'updatedAt']);
    db.close();
  });

  it('keeps every piece of the workshop, positions, states, decisions and notes included', async () => {
    const { db, repo } = await upgraded();
    const { model, layout } = workshopModel();
    for (const id of ['model-1', 'workshop-2025']) {
      const opened = (await repo.open(id))!;
      expect(opened.layout.positions).toEqual(layout.positions);
      // The workshop as built lists items in the order they were added; stored, they are sorted.
      const canonical = restoreModel({ ...model, id });
      expect(canonical.diagnostics).toEqual([]);
      expect(opened.model).toEqual(canonical.value);
    }
    db.close();
  });

  it('records each readable model as its first revision, which restores to the same model', async () => {
    const { db, repo } = await upgraded();
    for (const { id, updatedAt } of rows.slice(0, 2)) {
      const revisions = await repo.revisions(id);
      expect(revisions).toEqual([{ id: expect.any(String), at: updatedAt, reason: 'upgrade' }]);
      const before = await repo.open(id);
      expect(await repo.restore(id, revisions[0]!.id)).toEqual(before);
    }
    db.close();
  });

  it('keeps the text of a model it cannot read, and opens it as an empty model of that name', async () => {
    const { db, repo } = await upgraded();
    const row = (await db.models.get('from-the-future'))!;
    expect(row.legacyJson).toBe(newerText);
    expect(row.model).toMatchObject({ id: 'from-the-future', name: 'Tried once', elements: [] });
    expect(await repo.revisions('from-the-future')).toEqual([]);
    db.close();
  });
});

describe('database upgrade from version 1: the row is what the library showed', () => {
  it('gives the model the row id and name, so the first save neither renames it nor writes elsewhere', async () => {
    const factory = freshFactory();
    const v1 = new Dexie('rampart', factory);
    declareVersion1(v1);
    const original = stored('original', 'Original');
    const text = serializeModelFile(original.model, original.layout);
    // A copy made by version 1: its own id and name beside the text it was copied from.
    const rows: ModelRowV1[] = [
      { id: 'original', name: 'Original', updatedAt: '2026-01-01T00:00:00.000Z', json: text },
      { id: 'copy', name: 'Copy of Original', updatedAt: '2026-01-02T00:00:00.000Z', json: text },
    ];
    await v1.table('models').bulkAdd(rows);
    v1.close();

    const repo = createModelRepository(openRampartDatabase(factory));
    const copy = (await repo.open('copy'))!;
    expect(copy.model.id).toBe('copy');
    expect(copy.model.name).toBe('Copy of Original');
    await repo.save({ ...copy, model: { ...copy.model, description: 'edited after the upgrade' } });
    expect((await repo.list()).map((m) => [m.id, m.name])).toEqual([
      ['copy', 'Copy of Original'],
      ['original', 'Original'],
    ]);
    expect((await repo.open('original'))!.model.description).toBe(original.model.description);
  });

  it('lists a row that had no time', async () => {
    const factory = freshFactory();
    const v1 = new Dexie('rampart', factory);
    declareVersion1(v1);
    const untimed = stored('untimed', 'Untimed');
    await v1
      .table('models')
      .add({ id: 'untimed', name: 'Untimed', json: serializeModelFile(untimed.model, untimed.layout) });
    v1.close();
    const repo = createModelRepository(openRampartDatabase(factory));
    expect((await repo.list()).map((m) => m.id)).toEqual(['untimed']);
  });
});
