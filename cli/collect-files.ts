import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { diagnosticAt, type Diagnostic } from '../models/source/diagnostic';
import { INPUT_LIMITS } from '../models/source/limits';
import { IMPORT_DIAGNOSTICS as D } from '../models/import/diagnostics';
import type { ImportFile } from '../models/import/import-file';
import { decodeText } from '../models/source/decode-text';
import { isImportCandidate, SKIPPED_DIRECTORIES } from '../models/import/import-candidates';

export interface CollectedFiles {
  files: ImportFile[];
  /** Paths the user named as files (not found by searching a folder). */
  explicit: Set<string>;
  diagnostics: Diagnostic[];
  /** Reads a file a config refers to (`.env`, `env_file`, a Dockerfile), relative to the working
   * directory, with the same limits; used when it was not among the collected files. */
  read(path: string): string | undefined;
}

const MAX_FILES = 20_000;

/** Collects the files under the given paths, as POSIX paths relative to the working directory,
 * never following a symbolic link back into a folder already searched. */
export function collectFiles(paths: string[], cwd = process.cwd()): CollectedFiles {
  const files: ImportFile[] = [];
  const explicit = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const visitedDirs = new Set<string>();
  const seenFiles = new Set<string>();
  const display = (abs: string) => toPosix(relative(cwd, abs) || '.');
  const at = (file: string) => ({ file, line: 1, column: 1 });

  const addFile = (abs: string, named: boolean): void => {
    const shown = display(abs);
    if (seenFiles.has(shown)) return;
    seenFiles.add(shown);
    const text = readText(abs, shown, diagnostics);
    if (text === undefined) return;
    files.push({ path: shown, text });
    if (named) explicit.add(shown);
  };

  const walk = (dir: string): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (visitedDirs.has(real)) {
      diagnostics.push(
        diagnosticAt(
          D.IMPORT_SYMLINK_LOOP,
          'this folder was already searched (a symbolic link leads back into it); skipped',
          at(display(dir)),
        ),
      );
      return;
    }
    visitedDirs.add(real);
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (error) {
      diagnostics.push(
        diagnosticAt(
          D.IMPORT_UNREADABLE,
          `the folder could not be read: ${(error as Error).message}`,
          at(display(dir)),
        ),
      );
      return;
    }
    for (const name of entries) {
      if (files.length >= MAX_FILES) return;
      const abs = join(dir, name);
      let stats;
      try {
        stats = statSync(abs);
      } catch {
        continue; // dangling symbolic link
      }
      if (stats.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(name)) walk(abs);
      } else if (stats.isFile() && isImportCandidate(name)) {
        addFile(abs, false);
      }
    }
  };

  for (const p of paths) {
    const abs = resolve(cwd, p);
    let stats;
    try {
      stats = statSync(abs);
    } catch {
      diagnostics.push(diagnosticAt(D.IMPORT_UNREADABLE, 'no such file or folder', at(p)));
      continue;
    }
    if (stats.isDirectory()) walk(abs);
    else addFile(abs, true);
  }

  const read = (path: string): string | undefined => {
    const abs = resolve(cwd, path);
    try {
      if (!lstatSync(abs).isFile() && !statSync(abs).isFile()) return undefined;
    } catch {
      return undefined;
    }
    return readText(abs, path, diagnostics);
  };
  return { files, explicit, diagnostics, read };
}

function readText(abs: string, shown: string, diagnostics: Diagnostic[]): string | undefined {
  const at = { file: shown, line: 1, column: 1 };
  try {
    const size = statSync(abs).size;
    // UTF-16 takes two bytes per character, so the byte limit is twice the character limit.
    if (size > INPUT_LIMITS.maxFileChars * 2) {
      diagnostics.push(
        diagnosticAt(
          D.IMPORT_FILE_TOO_LARGE,
          `the file is ${formatSize(size)}; files over ${formatSize(INPUT_LIMITS.maxFileChars)} are not imported`,
          at,
        ),
      );
      return undefined;
    }
    const decoded = decodeText(readFileSync(abs));
    if (decoded === undefined) {
      diagnostics.push(diagnosticAt(D.IMPORT_NOT_TEXT, 'the file is binary, not text; skipped', at));
      return undefined;
    }
    if (decoded.length > INPUT_LIMITS.maxFileChars) {
      diagnostics.push(
        diagnosticAt(
          D.IMPORT_FILE_TOO_LARGE,
          `the file has ${decoded.length} characters; files over ${INPUT_LIMITS.maxFileChars} are not imported`,
          at,
        ),
      );
      return undefined;
    }
    return decoded;
  } catch (error) {
    diagnostics.push(
      diagnosticAt(D.IMPORT_UNREADABLE, `the file could not be read: ${(error as Error).message}`, at),
    );
    return undefined;
  }
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
    : `${(bytes / 1024).toFixed(1)} KiB`;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
