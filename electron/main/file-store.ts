import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { OpenedFile, SaveResult } from '../../renderer/platform/host-bridge';
import { decodeText } from '../../models/source/decode-text';
import { writeFileAtomic, type AtomicWriteFs } from './atomic-write';
import { describeFileError } from './file-errors';

/** The largest model file the app opens, in bytes. */
export const MAX_MODEL_FILE_BYTES = 64 * 1024 * 1024;

export interface FileStoreFs extends AtomicWriteFs {
  readFile(path: string): Promise<Uint8Array>;
  stat(path: string): Promise<{ mode: number; size: number; mtimeMs: number; isFile(): boolean }>;
}

export interface FileStoreOptions {
  fs: FileStoreFs;
  /** Mints an opaque handle (also used to name temporary files). */
  newId: () => string;
  /** Called with every path opened or saved (the OS "recent documents" list). */
  onRecent?: (path: string) => void;
}

/** What the file looked like when the app last read or wrote it. */
interface Fingerprint {
  size: number;
  mtimeMs: number;
  sha256: string;
}

interface Entry {
  path: string;
  fingerprint: Fingerprint | null;
}

export interface FileStore {
  /** Reads a model file and returns it under a handle; paths never leave the main process. */
  open(path: string): Promise<OpenedFile>;
  /**
   * Writes back to a known handle, refusing (`changed-on-disk`) when the file's contents changed
   * since it was opened or last saved, unless `overwriteChanged` is set.
   */
  save(handle: string, text: string, options?: { overwriteChanged?: boolean }): Promise<SaveResult>;
  /** Writes to a path the user chose in a save dialog and returns its handle. */
  saveAs(path: string, text: string): Promise<SaveResult>;
  /** Writes an export to a path the user chose; exports get no handle. */
  writeExport(path: string, data: string | Uint8Array): Promise<SaveResult>;
  has(handle: string): boolean;
}

export function createFileStore({ fs, newId, onRecent }: FileStoreOptions): FileStore {
  const entries = new Map<string, Entry>();
  const handleByPath = new Map<string, string>();

  const register = (path: string, fingerprint: Fingerprint): string => {
    let handle = handleByPath.get(path);
    if (handle === undefined) {
      handle = newId();
      handleByPath.set(path, handle);
    }
    entries.set(handle, { path, fingerprint });
    onRecent?.(path);
    return handle;
  };

  const fingerprintOf = async (path: string, bytes: Uint8Array): Promise<Fingerprint> => {
    const stats = await fs.stat(path);
    return { size: stats.size, mtimeMs: stats.mtimeMs, sha256: sha256(bytes) };
  };

  /** Size and mtime unchanged means unchanged; otherwise the contents decide. */
  const changedSince = async (path: string, known: Fingerprint): Promise<boolean> => {
    let stats;
    try {
      stats = await fs.stat(path);
    } catch {
      return false; // gone: writing recreates it and overwrites nothing
    }
    if (stats.size !== known.size) return true;
    if (stats.mtimeMs === known.mtimeMs) return false;
    return sha256(await fs.readFile(path)) !== known.sha256;
  };

  const write = async (path: string, text: string): Promise<SaveResult> => {
    const bytes = new TextEncoder().encode(text);
    try {
      await writeFileAtomic(fs, path, bytes, newId());
      const handle = register(path, await fingerprintOf(path, bytes));
      return { status: 'saved', handle, name: basename(path) };
    } catch (error) {
      return { status: 'failed', message: `${basename(path)} ${describeFileError(error, 'written')}` };
    }
  };

  return {
    async open(path) {
      const stats = await fs.stat(path).catch((error: unknown) => {
        throw new Error(`${basename(path)} ${describeFileError(error, 'read')}`);
      });
      if (!stats.isFile()) throw new Error(`${basename(path)} is not a file`);
      if (stats.size > MAX_MODEL_FILE_BYTES)
        throw new Error(`${basename(path)} is larger than ${MAX_MODEL_FILE_BYTES / 1024 / 1024} MiB`);
      const bytes = await fs.readFile(path).catch((error: unknown) => {
        throw new Error(`${basename(path)} ${describeFileError(error, 'read')}`);
      });
      const text = decodeText(bytes);
      if (text === undefined) throw new Error(`${basename(path)} is not a text file`);
      const handle = register(path, await fingerprintOf(path, bytes));
      return { handle, name: basename(path), text };
    },

    async save(handle, text, options = {}) {
      const entry = entries.get(handle);
      if (entry === undefined)
        return { status: 'failed', message: 'the file is no longer known; use Save As' };
      if (!options.overwriteChanged && entry.fingerprint !== null) {
        try {
          if (await changedSince(entry.path, entry.fingerprint))
            return { status: 'changed-on-disk', name: basename(entry.path) };
        } catch (error) {
          return { status: 'failed', message: `${basename(entry.path)} ${describeFileError(error, 'read')}` };
        }
      }
      return write(entry.path, text);
    },

    saveAs: write,

    async writeExport(path, data) {
      try {
        await writeFileAtomic(fs, path, data, newId());
        return { status: 'saved', handle: null, name: basename(path) };
      } catch (error) {
        return { status: 'failed', message: `${basename(path)} ${describeFileError(error, 'written')}` };
      }
    },

    has: (handle) => entries.has(handle),
  };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
