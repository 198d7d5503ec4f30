import { basename, dirname } from '../import-file';

/**
 * A compose project name as compose normalizes it: lower case, only `[a-z0-9_-]`, starting with a
 * letter or digit. A name with nothing left (such as the `.` of a file at the root of the chosen
 * folder) becomes `default`.
 */
export function normalizeProjectName(name: string): string {
  let out = '';
  for (const ch of name.toLowerCase()) {
    const c = ch.charCodeAt(0);
    const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (alnum || (out !== '' && (c === 95 || c === 45))) out += ch;
  }
  return out === '' ? 'default' : out;
}

/** The project name compose would derive from the directory of the first compose file. */
export function projectNameFromPath(firstFile: string): string {
  return normalizeProjectName(basename(dirname(firstFile)));
}
