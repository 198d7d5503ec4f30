import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import type { PickedFile, PickedFiles } from '../../renderer/platform/host-bridge';
import { decodeText } from '../../models/source/decode-text';
import { INPUT_LIMITS } from '../../models/source/limits';
import { isImportCandidate, SKIPPED_DIRECTORIES } from '../../models/import/import-candidates';

export interface ImportLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  maxFiles: number;
  maxDepth: number;
}

export const IMPORT_LIMITS: Readonly<ImportLimits> = {
  /** UTF-16 takes two bytes per character, so the byte limit is twice the character limit. */
  maxFileBytes: INPUT_LIMITS.maxFileChars * 2,
  /** All files of one import together. */
  maxTotalBytes: 512 * 1024 * 1024,
  maxFiles: 20_000,
  maxDepth: 64,
};

export interface ImportReadOptions {
  limits?: Partial<ImportLimits>;
}

/**
 * Reads what the user picked for import. Files picked one by one are read whatever their name;
 * inside a picked folder only config-like names are read, dependency folders are skipped and a
 * symbolic link back into a folder already searched is reported, not followed. Binary files and
 * files over the size limit are listed in `skipped` with the reason. Paths are relative to the
 * picked folder (bare names for single files), with forward slashes.
 */
export async function readImportSelection(
  paths: readonly string[],
  folder: boolean,
  options: ImportReadOptions = {},
): Promise<PickedFiles> {
  const limits = { ...IMPORT_LIMITS, ...options.limits };
  const files: PickedFile[] = [];
  const skipped: PickedFiles['skipped'] = [];
  const seen = new Set<string>();
  let totalBytes = 0;

  const addFile = async (abs: string, shown: string): Promise<void> => {
    if (seen.has(shown)) return;
    seen.add(shown);
    if (files.length >= limits.maxFiles) {
      skipped.push({ path: shown, reason: `more than ${limits.maxFiles} files` });
      return;
    }
    try {
      const stats = await stat(abs);
      if (stats.size > limits.maxFileBytes) {
        skipped.push({ path: shown, reason: `larger than ${formatSize(limits.maxFileBytes)}` });
        return;
      }
      if (totalBytes + stats.size > limits.maxTotalBytes) {
        skipped.push({ path: shown, reason: `the import would exceed ${formatSize(limits.maxTotalBytes)}` });
        return;
      }
      const bytes = await readFile(abs);
      if (decodeText(bytes) === undefined) {
        skipped.push({ path: shown, reason: 'binary, not text' });
        return;
      }
      totalBytes += bytes.byteLength;
      files.push({ path: shown, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    } catch {
      skipped.push({ path: shown, reason: 'unreadable' });
    }
  };

  const walk = async (root: string, dir: string, visited: Set<string>, depth: number): Promise<void> => {
    const shownDir = toPosix(relative(root, dir)) || '.';
    let real: string;
    try {
      real = await realpath(dir);
    } catch {
      skipped.push({ path: shownDir, reason: 'unreadable' });
      return;
    }
    if (visited.has(real)) {
      skipped.push({ path: shownDir, reason: 'symbolic link loop (folder already read)' });
      return;
    }
    if (depth > limits.maxDepth) {
      skipped.push({ path: shownDir, reason: `nested deeper than ${limits.maxDepth} folders` });
      return;
    }
    visited.add(real);
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch {
      skipped.push({ path: shownDir, reason: 'unreadable' });
      return;
    }
    for (const name of names) {
      const abs = join(dir, name);
      const shown = toPosix(relative(root, abs));
      let stats;
      try {
        stats = await stat(abs);
      } catch {
        continue; // dangling symbolic link
      }
      if (stats.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(name)) await walk(root, abs, visited, depth + 1);
      } else if (stats.isFile() && isImportCandidate(name)) {
        await addFile(abs, shown);
      }
    }
  };

  for (const path of paths) {
    if (folder) await walk(path, path, new Set(), 0);
    else await addFile(path, basename(path));
  }
  return { files, skipped };
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(0)} MiB`
    : `${(bytes / 1024).toFixed(0)} KiB`;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
