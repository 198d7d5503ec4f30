import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readImportSelection } from '../../electron/main/import-reader';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-import-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('readImportSelection', () => {
  it('reads config-like files of a folder with relative forward-slash paths, skipping dependencies', async () => {
    mkdirSync(join(dir, 'api'));
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(dir, 'compose.yaml'), 'services: {}');
    writeFileSync(join(dir, 'api', 'Dockerfile'), 'FROM alpine');
    writeFileSync(join(dir, 'api', '.env'), 'A=1');
    writeFileSync(join(dir, 'api', 'main.go'), 'package main');
    writeFileSync(join(dir, 'node_modules', 'x', 'package.json'), '{}');
    const result = await readImportSelection([dir], true);
    expect(result.files.map((f) => f.path)).toEqual(['api/.env', 'api/Dockerfile', 'compose.yaml']);
    expect(text(result.files[2]!.bytes)).toBe('services: {}');
    expect(result.skipped).toEqual([]);
  });

  it('reports a symbolic link loop instead of following it', async () => {
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'k.yaml'), 'kind: Pod');
    symlinkSync(dir, join(dir, 'a', 'back'));
    const result = await readImportSelection([dir], true);
    expect(result.files.map((f) => f.path)).toEqual(['a/k.yaml']);
    expect(result.skipped).toEqual([{ path: 'a/back', reason: 'symbolic link loop (folder already read)' }]);
  });

  it('skips binary files and files over the size limit, with the reason', async () => {
    writeFileSync(join(dir, 'image.json'), Buffer.from([1, 0, 2, 0]));
    writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(2000));
    writeFileSync(join(dir, 'ok.yaml'), 'a: 1');
    const result = await readImportSelection([dir], true, { limits: { maxFileBytes: 1000 } });
    expect(result.files.map((f) => f.path)).toEqual(['ok.yaml']);
    expect(result.skipped).toEqual([
      { path: 'big.yaml', reason: 'larger than 1 KiB' },
      { path: 'image.json', reason: 'binary, not text' },
    ]);
  });

  it('stops at the total size and file count limits', async () => {
    for (const name of ['a.yaml', 'b.yaml', 'c.yaml']) writeFileSync(join(dir, name), '0123456789');
    const bySize = await readImportSelection([dir], true, { limits: { maxTotalBytes: 25 } });
    expect(bySize.files.map((f) => f.path)).toEqual(['a.yaml', 'b.yaml']);
    expect(bySize.skipped.map((s) => s.path)).toEqual(['c.yaml']);
    const byCount = await readImportSelection([dir], true, { limits: { maxFiles: 1 } });
    expect(byCount.files.map((f) => f.path)).toEqual(['a.yaml']);
  });

  it('reads individually picked files whatever their name, by bare name', async () => {
    writeFileSync(join(dir, 'deployment.txt'), 'kind: Deployment');
    const result = await readImportSelection([join(dir, 'deployment.txt'), join(dir, 'gone.yaml')], false);
    expect(result.files.map((f) => [f.path, text(f.bytes)])).toEqual([
      ['deployment.txt', 'kind: Deployment'],
    ]);
    expect(result.skipped).toEqual([{ path: 'gone.yaml', reason: 'unreadable' }]);
  });
});
