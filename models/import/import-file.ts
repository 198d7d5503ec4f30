import type { Diagnostic } from '../source/diagnostic';
import type { ImportBundle } from './workload';

/** A file handed to the importers: its path as the user knows it (POSIX separators, relative to
 * the folder they chose, or as given on the command line) and its text. */
export interface ImportFile {
  path: string;
  text: string;
}

/** What an importer may ask of its surroundings. models/ reads no files itself: the CLI or the
 * renderer supplies the text of files that a config refers to (`.env`, `env_file`, Dockerfiles). */
export interface ImportContext {
  /** Text of a file by repository-relative POSIX path, or undefined if it is not available. */
  read(path: string): string | undefined;
}

export interface ImportOutput {
  bundle: ImportBundle;
  diagnostics: Diagnostic[];
}

/** Joins and normalizes POSIX paths (`a/b/../c` → `a/c`), keeping a leading `/` or `..`. */
export function joinPath(...parts: string[]): string {
  const absolute = parts.length > 0 && parts.find((p) => p.length > 0)?.startsWith('/');
  const out: string[] = [];
  for (const part of parts.join('/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part === '..' && absolute) continue;
    else out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/** Directory part of a POSIX path (`a/b/c.yml` → `a/b`, `c.yml` → `.`). */
export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
