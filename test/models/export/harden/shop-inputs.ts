import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportFile } from '../../../../models/import/import-file';

export const ROOT = join(import.meta.dirname, '../../../..');

/** Files under a repository folder, as the CLI would collect them (repository-relative paths). */
export function filesUnder(dir: string, pattern = /\.(ya?ml|json)$|Dockerfile$|^\.env$/): ImportFile[] {
  const out: ImportFile[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(ROOT, rel)).sort()) {
      const path = `${rel}/${name}`;
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else if (pattern.test(name)) out.push({ path, text: readFileSync(join(ROOT, path), 'utf8') });
    }
  };
  walk(dir);
  return out;
}

/** Reads a repository file a config refers to (`.env`, Dockerfiles). */
export function readRepoFile(path: string): string | undefined {
  try {
    return readFileSync(join(ROOT, path), 'utf8');
  } catch {
    return undefined;
  }
}
