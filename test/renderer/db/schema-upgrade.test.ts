import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { serializeModelFile } from '../../../models/model/serialize-model';
import { createModelRepository } from '../../../renderer/db/model-repository';
import { declareVersion1, openRampartDatabase, type ModelRowV1 } from '../../../renderer/db/schema';
import { freshFactory, stored } from './db-fixtures';

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
