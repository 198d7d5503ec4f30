import { IDBDatabase, IDBTransaction } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createModelRepository } from '../../../renderer/db/model-repository';
import { revisionsToPrune } from '../../../renderer/db/revision-policy';
import { openRampartDatabase } from '../../../renderer/db/schema';
import { freshDatabase, freshFactory, manualClock, stored } from './db-fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function setup() {
  const clock = manualClock();
  let n = 0;
  const db = freshDatabase();
  const repo = createModelRepository(db, { now: clock.now, newId: () => `copy-${++n}` });
  return { db, repo, clock };
}

/**
 * What Chromium does to a page that is reloaded or closed: it runs none of the page's code any
 * more, and aborts every transaction the page had not committed (`commit()`), since the page can
 * no longer make the requests that would let the transaction finish. Call it before the database
 * is opened: Dexie holds on to the database's `transaction` method when it opens.
 */
function pageThatGoesAway() {
  const uncommitted = new Set<IDBTransaction>();
  let gone = false;
  const transaction = IDBDatabase.prototype.transaction;
  const commit = IDBTransaction.prototype.commit;
  vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
    this: IDBDatabase,
    ...args: Parameters<IDBDatabase['transaction']>
  ) {
    if (gone) throw new Error('the page is gone');
    const made = transaction.apply(this, args);
    uncommitted.add(made);
    made.addEventListener('complete', () => uncommitted.delete(made));
    return made;
  });
  vi.spyOn(IDBTransaction.prototype, 'commit').mockImplementation(function (this: IDBTransaction) {
    uncommitted.delete(this);
    commit.call(this);
  });
  return {
    goAway() {
      gone = true;
      for (const made of uncommitted) made.abort();
    },
  };
}

describe('model repository', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keeps a save when the page goes away in the task that made it', async () => {
    const page = pageThatGoesAway();
    const factory = freshFactory();
    const repo = createModelRepository(openRampartDatabase(factory));
    await repo.create(stored('a', 'before'));
    const saving = repo.save(stored('a', 'after')).catch(() => undefined);
    page.goAway();
    await saving;
    vi.restoreAllMocks();
    const reopened = createModelRepository(openRampartDatabase(factory));
    expect((await reopened.open('a'))!.model.name).toBe('after');
  });

  it('creates, lists newest first, opens and deletes models', async () => {
    const { repo, clock } = setup();
    await repo.create(stored('a', 'Alpha'));
    clock.advance(MINUTE);
    await repo.create(stored('b', 'Beta'));
    expect(await repo.list()).toEqual([
      { id: 'b', name: 'Beta', updatedAt: '2026-03-01T10:01:00.000Z' },
      { id: 'a', name: 'Alpha', updatedAt: '2026-03-01T10:00:00.000Z' },
    ]);
    expect((await repo.open('a'))!.model.name).toBe('Alpha');
    expect(await repo.revisions('a')).toEqual([
      { id: expect.any(String), at: '2026-03-01T10:00:00.000Z', reason: 'create' },
    ]);
    await repo.delete('a');
    expect((await repo.list()).map((m) => m.id)).toEqual(['b']);
    expect(await repo.open('a')).toBeUndefined();
    expect(await repo.revisions('a')).toEqual([]);
  });

  it('saves model and layout together', async () => {
    const { repo } = setup();
    const first = stored('a');
    await repo.create(first);
    await repo.save({
      model: { ...first.model, description: 'edited' },
      layout: { positions: { x: { x: 1, y: 2 } } },
    });
    const opened = (await repo.open('a'))!;
    expect(opened.model.description).toBe('edited');
    expect(opened.layout.positions.x).toEqual({ x: 1, y: 2 });
  });

  it('repairs what it reads back, like a file', async () => {
    const { repo, db } = setup();
    await repo.create(stored('a'));
    await db.models.update('a', { model: { ...stored('a').model, elements: [{ id: 1 }] } as never });
    expect((await repo.open('a'))!.model.elements).toEqual([]);
  });

  it('renames the row and the model', async () => {
    const { repo } = setup();
    await repo.create(stored('a', 'Alpha'));
    await repo.rename('a', 'Renamed');
    expect((await repo.list())[0]!.name).toBe('Renamed');
    expect((await repo.open('a'))!.model.name).toBe('Renamed');
  });

  it('duplicates under a new id, with its own revision', async () => {
    const { repo } = setup();
    await repo.create(stored('a', 'Alpha', { description: 'original' }));
    const copy = await repo.duplicate('a', 'Alpha (copy)');
    expect(copy).toBe('copy-1');
    const opened = (await repo.open('copy-1'))!;
    expect(opened.model).toMatchObject({ id: 'copy-1', name: 'Alpha (copy)', description: 'original' });
    expect((await repo.revisions('copy-1')).map((r) => r.reason)).toEqual(['duplicate']);
    expect(await repo.duplicate('nope', 'x')).toBeUndefined();
  });

  it('makes a save a revision at most once a minute', async () => {
    const { repo, clock } = setup();
    await repo.create(stored('a'));
    for (let i = 0; i < 5; i++) {
      clock.advance(10_000);
      await repo.save(stored('a', `v${i}`));
    }
    expect((await repo.revisions('a')).map((r) => r.reason)).toEqual(['create']);
    clock.advance(20_000);
    await repo.save(stored('a', 'later'));
    expect((await repo.revisions('a')).map((r) => r.reason)).toEqual(['autosave', 'create']);
  });

  it('restores a revision after recording the current state, so nothing is lost', async () => {
    const { repo, clock } = setup();
    await repo.create(stored('a', 'first'));
    const [original] = await repo.revisions('a');
    clock.advance(MINUTE);
    await repo.snapshot(stored('a', 'second'), 'save');
    const restored = await repo.restore('a', original!.id);
    expect(restored!.model.name).toBe('first');
    expect((await repo.open('a'))!.model.name).toBe('first');
    const revisions = await repo.revisions('a');
    expect(revisions.map((r) => r.reason)).toEqual(['restore', 'before-restore', 'save', 'create']);
    const before = revisions.find((r) => r.reason === 'before-restore')!;
    expect((await repo.restore('a', before.id))!.model.name).toBe('second');
    expect(await repo.restore('other', original!.id)).toBeUndefined();
  });

  it('prunes old revisions by the documented policy', async () => {
    const { repo, clock } = setup();
    await repo.create(stored('a'));
    // Thirty hours of saves, one every 20 minutes.
    for (let i = 0; i < 3 * 30; i++) {
      clock.advance(20 * MINUTE);
      await repo.save(stored('a', `v${i}`));
    }
    const revisions = await repo.revisions('a');
    const now = Date.parse(revisions[0]!.at);
    const ages = revisions.map((r) => now - Date.parse(r.at));
    expect(ages.filter((age) => age < HOUR)).toHaveLength(3);
    expect(ages.filter((age) => age >= HOUR && age < 24 * HOUR).length).toBeLessThanOrEqual(24);
    expect(ages.filter((age) => age >= 24 * HOUR).length).toBeLessThanOrEqual(2);
    expect(revisions.length).toBeLessThan(30);
  });
});

describe('revisionsToPrune', () => {
  const at = (ms: number) => new Date(Date.parse('2026-03-10T00:00:00.000Z') - ms).toISOString();
  const now = Date.parse('2026-03-10T00:00:00.000Z');

  it('keeps everything from the last hour', () => {
    const stamps = [1, 2, 3].map((i) => ({ id: i, createdAt: at(i * MINUTE) }));
    expect(revisionsToPrune(stamps, now)).toEqual([]);
  });

  it('keeps the newest of each hour up to a day, then of each day', () => {
    const stamps = [
      { id: 1, createdAt: at(2 * HOUR + 10 * MINUTE) },
      { id: 2, createdAt: at(2 * HOUR + 20 * MINUTE) },
      { id: 3, createdAt: at(3 * 24 * HOUR + HOUR) },
      { id: 4, createdAt: at(3 * 24 * HOUR + 2 * HOUR) },
      { id: 5, createdAt: at(5 * 24 * HOUR) },
    ];
    expect(revisionsToPrune(stamps, now)).toEqual([2, 4]);
  });
});
