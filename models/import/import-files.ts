import { compareDiagnostics, diagnosticAt, type Diagnostic } from '../source/diagnostic';
import { INPUT_LIMITS } from '../source/limits';
import { importCompose } from './compose';
import { importDockerfile } from './dockerfile';
import { basename, dirname, type ImportContext, type ImportFile, type ImportOutput } from './import-file';
import { IMPORT_DIAGNOSTICS as D } from './diagnostics';
import { importDockerInspect } from './inspect';
import { importKubernetes } from './kubernetes';
import { linkDockerfiles } from './link-dockerfiles';
import { importOciConfig } from './oci';
import { recognizeFile, type Recognized } from './recognize';
import { renameDuplicateIds } from './unique-ids';
import type { ParsedYaml } from '../yaml/parse-yaml';
import { emptyBundle, type ImportBundle, type InputFile } from './workload';

export interface ImportResult {
  bundle: ImportBundle;
  diagnostics: Diagnostic[];
}

export interface ImportOptions {
  /** Files the user named one by one: an unrecognized one is reported, while unrecognized files
   * met while searching a folder (package.json, CI workflows…) are skipped silently. */
  explicit?: ReadonlySet<string>;
  /** Reads a file a config refers to; by default only files in `files` can be read. */
  read?: ImportContext['read'];
}

/** Compose's default file names, in the order `docker compose` looks for them. */
const COMPOSE_BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const COMPOSE_OVERRIDE_NAMES = [
  'compose.override.yaml',
  'compose.override.yml',
  'docker-compose.override.yaml',
  'docker-compose.override.yml',
];

/**
 * Imports a set of files: recognizes each by content, runs the importer for its kind (compose
 * files of one folder merged as `docker compose` would merge them), links compose services to the
 * Dockerfiles they build, and returns everything sorted. One bad file never stops the others.
 */
export function importFiles(files: ImportFile[], options: ImportOptions = {}): ImportResult {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const context: ImportContext = { read: options.read ?? ((path) => byPath.get(path)?.text) };
  const bundle = emptyBundle();
  const diagnostics: Diagnostic[] = [];
  const composeFiles: { file: ImportFile; parsed: ParsedYaml }[] = [];

  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    if (file.text.length > INPUT_LIMITS.maxFileChars) {
      diagnostics.push(
        diagnosticAt(
          D.IMPORT_FILE_TOO_LARGE,
          `the file has ${file.text.length} characters; files over ${INPUT_LIMITS.maxFileChars} are not imported`,
          { file: file.path, line: 1, column: 1 },
        ),
      );
      continue;
    }
    let recognized: Recognized;
    try {
      recognized = recognizeFile(file);
    } catch (error) {
      diagnostics.push(internalError(file.path, error));
      continue;
    }
    const input: InputFile = { file: file.path, kind: recognized.kind };
    switch (recognized.kind) {
      case 'compose':
        composeFiles.push({ file, parsed: recognized.parsed! });
        bundle.inputs.push(input);
        diagnostics.push(...recognized.parsed!.diagnostics);
        break;
      case 'unknown':
        if (recognized.parsed?.diagnostics.length) {
          bundle.inputs.push(input);
          diagnostics.push(...recognized.parsed.diagnostics);
        } else if (options.explicit?.has(file.path)) {
          diagnostics.push(
            diagnosticAt(
              D.IMPORT_UNRECOGNIZED,
              'not a compose file, Kubernetes manifest, Dockerfile, docker inspect output or OCI config.json',
              { file: file.path, line: 1, column: 1 },
            ),
          );
        }
        break;
      case 'env':
        break;
      default:
        bundle.inputs.push(input);
        if (recognized.parsed) diagnostics.push(...recognized.parsed.diagnostics);
        merge(bundle, diagnostics, file.path, () => importSingle(file, recognized));
    }
  }
  for (const project of groupComposeProjects(composeFiles)) {
    const parsed = new Map(project.map((p) => [p.file.path, p.parsed]));
    const first = project[0]!.file.path;
    merge(bundle, diagnostics, first, () =>
      importCompose(
        project.map((p) => p.file),
        context,
        { parsed, projectName: projectNameOf(project) },
      ),
    );
  }
  linkDockerfiles(bundle);
  sortBundle(bundle);
  diagnostics.sort(compareDiagnostics);
  return { bundle, diagnostics: dedupe(diagnostics) };
}

function importSingle(file: ImportFile, recognized: Recognized): ImportOutput {
  switch (recognized.kind) {
    case 'kubernetes':
    case 'helm-template':
      return importKubernetes(file, recognized.parsed);
    case 'dockerfile':
      return importDockerfile(file);
    case 'docker-inspect':
      return importDockerInspect(file, recognized.parsed);
    case 'oci-config':
      return importOciConfig(file, recognized.parsed);
    default:
      // Native models and Threat Dragon files are opened by the workspace, not analyzed as configs.
      return { bundle: emptyBundle(), diagnostics: [] };
  }
}

/** Groups compose files into projects: per folder, the base file with its override; any other
 * compose file in the folder (`docker-compose.prod.yml`) is a project of its own. */
function groupComposeProjects(files: { file: ImportFile; parsed: ParsedYaml }[]) {
  const byDir = new Map<string, typeof files>();
  for (const f of files) {
    const dir = dirname(f.file.path);
    byDir.set(dir, [...(byDir.get(dir) ?? []), f]);
  }
  const projects: (typeof files)[] = [];
  for (const [, group] of [...byDir].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const base = COMPOSE_BASE_NAMES.map((n) => group.find((f) => basename(f.file.path) === n)).find(Boolean);
    const override = COMPOSE_OVERRIDE_NAMES.map((n) => group.find((f) => basename(f.file.path) === n)).find(
      Boolean,
    );
    if (base) projects.push(override ? [base, override] : [base]);
    for (const f of group) {
      if (f === base || (f === override && base)) continue;
      projects.push([f]);
    }
  }
  return projects;
}

/** The project name `docker compose` would use: the folder name, or for a second compose file in
 * the same folder, the folder name and the file's distinguishing part (`shop-prod`). */
function projectNameOf(project: { file: ImportFile }[]): string | undefined {
  const path = project[0]!.file.path;
  const name = basename(path);
  if (COMPOSE_BASE_NAMES.includes(name) || COMPOSE_OVERRIDE_NAMES.includes(name)) return undefined;
  const dir = basename(dirname(path));
  const stem = name.replace(/\.(ya?ml|json)$/i, '').replace(/^(docker-)?compose[._-]?/i, '');
  const folder = dir === '.' || dir === '' ? '' : dir;
  return [folder, stem].filter(Boolean).join('-') || undefined;
}

function merge(bundle: ImportBundle, diagnostics: Diagnostic[], file: string, run: () => ImportOutput): void {
  let output: ImportOutput;
  try {
    output = run();
  } catch (error) {
    diagnostics.push(internalError(file, error));
    return;
  }
  const b = output.bundle;
  bundle.workloads.push(...b.workloads);
  bundle.services.push(...b.services);
  bundle.ingresses.push(...b.ingresses);
  bundle.networkPolicies.push(...b.networkPolicies);
  bundle.namespaces.push(...b.namespaces);
  bundle.serviceAccounts.push(...b.serviceAccounts);
  bundle.networks.push(...b.networks);
  bundle.dockerfiles.push(...b.dockerfiles);
  diagnostics.push(...output.diagnostics);
}

/** An importer bug must not cost the user the rest of the folder: it becomes a diagnostic. */
function internalError(file: string, error: unknown): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  return diagnosticAt(
    D.IMPORT_INTERNAL_ERROR,
    `this file could not be read (${reason}); the other files were imported`,
    { file, line: 1, column: 1 },
  );
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Sorts everything by id; two files can define the same object, and ids must stay unique
 * rather than one silently replacing the other (see `renameDuplicateIds`). */
function sortBundle(bundle: ImportBundle): void {
  bundle.workloads = uniqueById(bundle.workloads);
  bundle.services.sort(byId);
  bundle.ingresses.sort(byId);
  bundle.networkPolicies.sort(byId);
  bundle.networks = uniqueById(bundle.networks);
  bundle.namespaces.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  bundle.serviceAccounts.sort((a, b) => {
    const ka = `${a.namespace}/${a.name}`;
    const kb = `${b.namespace}/${b.name}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  bundle.dockerfiles.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  bundle.inputs.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Sorted by id, duplicates renamed, sorted again: a `~2` suffix can sort after other ids. */
function uniqueById<T extends { id: string }>(items: T[]): T[] {
  items.sort(byId);
  renameDuplicateIds(items);
  return items.sort(byId);
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const last = out[out.length - 1];
    if (last && compareDiagnostics(last, d) === 0 && last.severity === d.severity) continue;
    out.push(d);
  }
  return out;
}
