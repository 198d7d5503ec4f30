/**
 * Which files and folders an import looks at, the same for the CLI, the desktop app and the
 * browser: configs are YAML or JSON, Dockerfiles/Containerfiles and `.env` files are known by name,
 * and folders of dependencies or build output never hold a project's own configs.
 */

/** Folders that hold dependencies or build output, never a project's own configs. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'vendor',
  'dist',
  'out',
  '.terraform',
  '.venv',
  '__pycache__',
]);

const CANDIDATE_NAME =
  /\.(ya?ml|json)$|^(Dockerfile|Containerfile)([._-].*)?$|\.(dockerfile|containerfile)$|^\.env(\..*)?$|\.env$/i;

/** True for a file name (or a path, judged by its last segment) an importer may understand. */
export function isImportCandidate(path: string): boolean {
  return CANDIDATE_NAME.test(path.slice(path.lastIndexOf('/') + 1));
}
