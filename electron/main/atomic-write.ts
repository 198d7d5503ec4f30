import { basename, dirname, join } from 'node:path';

/** The file-system calls an atomic write needs; `node:fs/promises` provides them. */
export interface AtomicWriteFs {
  open(path: string, flags: string, mode?: number): Promise<WritableFile>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<{ mode: number }>;
}

export interface WritableFile {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Replaces `path` with `data` so that a crash or power loss leaves either the old file or the new
 * one, never a torn mix: write a temporary file in the same folder (same file system, so the
 * rename is atomic), fsync it, rename it over the target, then fsync the folder so the rename
 * itself is durable. The temporary file is removed if anything fails before the rename.
 */
export async function writeFileAtomic(
  fs: AtomicWriteFs,
  path: string,
  data: string | Uint8Array,
  uniqueSuffix: string,
): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${uniqueSuffix}.tmp`);
  const mode = await fs.stat(path).then(
    (stats) => stats.mode & 0o777,
    () => 0o644,
  );
  let renamed = false;
  try {
    const file = await fs.open(temp, 'wx', mode);
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await fs.rename(temp, path);
    renamed = true;
  } finally {
    if (!renamed) await fs.unlink(temp).catch(() => undefined);
  }
  await syncDirectory(fs, dir);
}

/** Makes a rename durable. Some platforms (Windows) cannot open a folder for syncing: best effort. */
async function syncDirectory(fs: AtomicWriteFs, dir: string): Promise<void> {
  let handle: WritableFile | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // The data itself is already synced; only the folder entry's durability is at stake.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
