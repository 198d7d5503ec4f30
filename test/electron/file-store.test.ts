import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic, type AtomicWriteFs } from '../../electron/main/atomic-write';
import { createFileStore, type FileStoreFs } from '../../electron/main/file-store';

let dir: string;
let ids = 0;
const newId = () => `id-${++ids}`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The real file system with one operation replaced by a crash. */
function failing(step: 'rename' | 'sync' | 'writeFile'): FileStoreFs {
  return {
    ...fs,
    stat: fs.stat,
    readFile: fs.readFile,
    unlink: fs.unlink,
    rename:
      step === 'rename'
        ? () => Promise.reject(Object.assign(new Error('crash'), { code: 'EIO' }))
        : fs.rename,
    async open(path, flags, mode) {
      const handle = await fs.open(path, flags, mode);
      if (step === 'rename' || flags === 'r') return handle;
      return {
        writeFile:
          step === 'writeFile' ? () => Promise.reject(new Error('disk full')) : (d) => handle.writeFile(d),
        sync: step === 'sync' ? () => Promise.reject(new Error('fsync failed')) : () => handle.sync(),
        close: () => handle.close(),
      };
    },
  };
}

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file', async () => {
    const path = join(dir, 'model.rampart.json');
    writeFileSync(path, 'old');
    await writeFileAtomic(fs, path, 'new', 'x1');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['model.rampart.json']);
  });

  it('writes to a temporary file in the same folder, syncs it, renames it, then syncs the folder', async () => {
    const log: string[] = [];
    const tracing: AtomicWriteFs = {
      stat: fs.stat,
      unlink: fs.unlink,
      rename: async (from, to) => {
        log.push(`rename ${from.replace(dir, '')} -> ${to.replace(dir, '')}`);
        await fs.rename(from, to);
      },
      async open(path, flags, mode) {
        const handle = await fs.open(path, flags, mode);
        const name = path.replace(dir, '') || '/';
        log.push(`open ${name} ${flags}`);
        return {
          writeFile: async (d) => (log.push(`write ${name}`), handle.writeFile(d)),
          sync: async () => (log.push(`sync ${name}`), handle.sync()),
          close: () => handle.close(),
        };
      },
    };
    await writeFileAtomic(tracing, join(dir, 'm.json'), '{}', 'x2');
    expect(log).toEqual([
      'open /.m.json.x2.tmp wx',
      'write /.m.json.x2.tmp',
      'sync /.m.json.x2.tmp',
      'rename /.m.json.x2.tmp -> /m.json',
      'open / r',
      'sync /',
    ]);
  });

  it.each(['rename', 'sync', 'writeFile'] as const)(
    'keeps the old file intact when the save crashes at %s',
    async (step) => {
      const path = join(dir, 'model.rampart.json');
      writeFileSync(path, 'precious');
      await expect(writeFileAtomic(failing(step), path, 'half-written', 'x3')).rejects.toThrow();
      expect(readFileSync(path, 'utf8')).toBe('precious');
      expect(readdirSync(dir)).toEqual(['model.rampart.json']);
    },
  );
});

describe('file store', () => {
  it('opens a model under an opaque handle and saves back to it', async () => {
    const path = join(dir, 'shop.rampart.json');
    writeFileSync(path, '{"v":1}');
    const onRecent = vi.fn();
    const store = createFileStore({ fs, newId, onRecent });
    const opened = await store.open(path);
    expect(opened.name).toBe('shop.rampart.json');
    expect(opened.text).toBe('{"v":1}');
    expect(opened.handle).not.toContain(dir);
    const result = await store.save(opened.handle!, '{"v":2}');
    expect(result).toEqual({ status: 'saved', handle: opened.handle, name: 'shop.rampart.json' });
    expect(readFileSync(path, 'utf8')).toBe('{"v":2}');
    expect(onRecent).toHaveBeenCalledWith(path);
  });

  it('reports a crash during save as a failure and keeps the file on disk', async () => {
    const path = join(dir, 'shop.rampart.json');
    writeFileSync(path, 'precious');
    const store = createFileStore({ fs: failing('rename'), newId });
    const opened = await store.open(path);
    const result = await store.save(opened.handle!, 'new');
    expect(result.status).toBe('failed');
    expect(JSON.stringify(result)).not.toContain(dir);
    expect(readFileSync(path, 'utf8')).toBe('precious');
  });

  it('refuses to overwrite a file changed on disk since it was opened', async () => {
    const path = join(dir, 'shop.rampart.json');
    writeFileSync(path, 'mine');
    const store = createFileStore({ fs, newId });
    const opened = await store.open(path);
    writeFileSync(path, 'someone else, longer');
    expect(await store.save(opened.handle!, 'my edit')).toEqual({
      status: 'changed-on-disk',
      name: 'shop.rampart.json',
    });
    expect(readFileSync(path, 'utf8')).toBe('someone else, longer');
  });

  it('detects a same-size change through the content hash', async () => {
    const path = join(dir, 'shop.rampart.json');
    writeFileSync(path, 'aaaa');
    const store = createFileStore({ fs, newId });
    const opened = await store.open(path);
    writeFileSync(path, 'bbbb');
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect((await store.save(opened.handle!, 'cccc')).status).toBe('changed-on-disk');
  });

  it('does not call a touched but unchanged file changed', async () => {
    const path = join(dir, 'shop.rampart.json');
    writeFileSync(path, 'same');
    const store = createFileStore({ fs, newId });
    const opened = await store.open(path);
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect((await store.save(opened.handle!, 'next')).status).toBe('saved');
  });

  it('checks against the last save, not only the open', async () => {
    const path = join(dir, 'shop.rampart.json');
    writeFileSync(path, 'v1');
    const store = createFileStore({ fs, newId });
    const { handle } = await store.open(path);
    expect((await store.save(handle!, 'v2')).status).toBe('saved');
    expect((await store.save(handle!, 'v3')).status).toBe('saved');
    writeFileSync(path, 'external v4');
    expect((await store.save(handle!, 'v5')).status).toBe('changed-on-disk');
  });

  it('overwrites a changed file when the request says so', async () => {
    const path = join(dir, 'shop.rampart.json');
    writeFileSync(path, 'mine');
    const store = createFileStore({ fs, newId });
    const opened = await store.open(path);
    writeFileSync(path, 'theirs, longer');
    expect((await store.save(opened.handle!, 'mine again', { overwriteChanged: true })).status).toBe('saved');
    expect(readFileSync(path, 'utf8')).toBe('mine again');
  });

  it('refuses unknown handles and binary or oversized files', async () => {
    const store = createFileStore({ fs, newId });
    expect((await store.save('never-issued', 'x')).status).toBe('failed');
    const binary = join(dir, 'image.rampart.json');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    await expect(store.open(binary)).rejects.toThrow(/not a text file/);
    await expect(store.open(join(dir, 'missing.rampart.json'))).rejects.toThrow(/does not exist/);
    await expect(store.open(dir)).rejects.toThrow(/not a file/);
  });

  it('Save As gives the new path a handle, and the same path keeps the same handle', async () => {
    const store = createFileStore({ fs, newId });
    const path = join(dir, 'new.rampart.json');
    const first = await store.saveAs(path, '{}');
    const second = await store.saveAs(path, '{"a":1}');
    expect(first.status).toBe('saved');
    expect(second).toEqual(first);
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}');
  });

  it('writes exports atomically without issuing a handle', async () => {
    const store = createFileStore({ fs, newId });
    const result = await store.writeExport(join(dir, 'report.docx'), new Uint8Array([80, 75, 3, 4]));
    expect(result).toEqual({ status: 'saved', handle: null, name: 'report.docx' });
    expect([...readFileSync(join(dir, 'report.docx'))]).toEqual([80, 75, 3, 4]);
  });
});
