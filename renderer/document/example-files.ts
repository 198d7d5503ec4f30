/// <reference types="vite/client" />
import type { ImportFile } from '../../models/import/import-file';
// Glob patterns skip dotfiles, so the compose project's `.env` (which its variables come from) is
// imported by name.
import composeEnv from '../../templates/examples/shop/compose/.env?raw';

// The built-in example system, bundled as text so the first start needs no file access.
const bundled = import.meta.glob<string>(
  [
    '../../templates/examples/shop/**/*',
    '!../../templates/examples/shop/README.md',
    '!../../templates/examples/shop/**/.gitignore',
  ],
  { query: '?raw', import: 'default', eager: true },
);

const PREFIX = '../../templates/examples/shop/';

/** The example's config files, with paths relative to the example folder, sorted. */
export function exampleFiles(): ImportFile[] {
  const files = new Map(Object.entries(bundled));
  files.set(`${PREFIX}compose/.env`, composeEnv);
  return [...files]
    .map(([path, text]) => ({ path: path.slice(PREFIX.length), text }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export const EXAMPLE_NAME = 'Shop (example)';
