import { compareDiagnostics, diagnosticAt, type Diagnostic } from '../../source/diagnostic';
import type { ParsedYaml } from '../../yaml/parse-yaml';
import { dirname, joinPath, type ImportContext, type ImportFile, type ImportOutput } from '../import-file';
import { emptyBundle, type Workload } from '../workload';
import { buildWorkload, type ProjectScope } from './build-workload';
import { fileScopes } from './compose-file';
import { COMPOSE_DIAGNOSTICS as D } from './diagnostics';
import { parseDotenv } from './dotenv';
import { reportDotenvIssues } from './environment';
import { resolveService } from './extends';
import type { FileScope } from './file-scope';
import { includedScopes } from './include';
import { TOP_LEVEL_KEYS } from './known-keys';
import type { ServiceLayer } from './layer';
import { mergeLayers } from './merge';
import { networkDefs } from './networks';
import { normalizeProjectName, projectNameFromPath } from './project-name';
import { emptyResources, mergeResources, readResources, type ProjectResources } from './resources';
import { ImportSession } from './session';
import { inheritVolumesFrom } from './volumes-from';

export interface ComposeImportOptions {
  /** Project name to use when the files set no top-level `name:` (like `docker compose -p`). */
  projectName?: string;
  /** YAML the caller has already parsed, by file path: reused instead of parsed again. */
  parsed?: Map<string, ParsedYaml>;
}

/**
 * Imports the compose files of one project, given in merge order (`compose.yaml`, then
 * `compose.override.yaml`…), into normalized workloads (`compose:<project>/<service>`, one
 * container each) and the networks they join.
 *
 * Each file is interpolated with the project's `.env` and normalized into facts citing its own
 * lines; `extends` bases are applied per file; files are then merged with compose's override rules.
 * Files a config refers to (`.env`, `env_file`, `extends.file`, `include`) are read through
 * `context.read`. YAML diagnostics of the files are part of the output (also when `parsed`
 * supplies the parse). Never throws: problems with the input are diagnostics.
 */
export function importCompose(
  files: ImportFile[],
  context: ImportContext,
  options: ComposeImportOptions = {},
): ImportOutput {
  try {
    return importProject(files, context, options);
  } catch (error) {
    return internalError(files, error);
  }
}

function importProject(
  files: ImportFile[],
  context: ImportContext,
  options: ComposeImportOptions,
): ImportOutput {
  const session = new ImportSession(context, options.parsed);
  const first = files[0];
  if (!first) return { bundle: emptyBundle(), diagnostics: [] };
  const scopes = files.flatMap((file) => {
    const loaded = session.load(file.path, file.text);
    return loaded ? fileScopes(session, loaded) : [];
  });
  // Before any value is read: every value is interpolated as it is read.
  loadProjectVariables(session, dirname(first.path));
  const { layers, resources } = collectServices(session, scopes);
  const name = projectName(scopes, options, first.path, session);

  const containerNames = new Map<string, string>();
  for (const [service, layer] of layers) {
    const containerName = layer.fields.container_name?.value;
    if (containerName) containerNames.set(containerName, service);
  }
  const project: ProjectScope = { session, name, resources, containerNames, usedNetworks: new Map() };
  const workloads = new Map<string, Workload>();
  for (const [service, layer] of layers) workloads.set(service, buildWorkload(project, layer));
  inheritVolumesFrom(layers, workloads, containerNames);
  if (layers.size === 0)
    session.report(D.COMPOSE_NO_SERVICES, 'no services are defined: expected a services: mapping', {
      file: first.path,
      line: 1,
      column: 1,
    });

  const bundle = emptyBundle();
  bundle.inputs = session.inputs;
  bundle.workloads = [...workloads.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  bundle.networks = networkDefs(session, name, project.usedNetworks, resources.networks);
  return { bundle, diagnostics: sortedUnique(session.diagnostics) };
}

/** Services and top-level resources of all files, merged in order. */
function collectServices(
  session: ImportSession,
  scopes: FileScope[],
): { layers: Map<string, ServiceLayer>; resources: ProjectResources } {
  const layers = new Map<string, ServiceLayer>();
  let resources = emptyResources();
  const included = new Set(scopes.map((s) => s.file));
  const visit = (scope: FileScope): void => {
    reportUnknownTopLevelKeys(scope);
    for (const child of includedScopes(scope, included)) visit(child);
    resources = mergeResources(resources, readResources(scope));
    const root = scope.root;
    const services = scope.mapping(
      root.services,
      scope.keyAt(root, 'services', 'services'),
      'a mapping of services by name',
    );
    if (!services) return;
    for (const name of Object.keys(services)) {
      if (scope.tag(services, name) === '!reset') {
        layers.delete(name);
        continue;
      }
      const layer = resolveService(scope, name);
      if (!layer) continue;
      const previous = layers.get(name);
      layers.set(name, previous ? mergeLayers(previous, layer) : layer);
    }
  };
  for (const scope of scopes) visit(scope);
  return { layers, resources };
}

/** The project's `.env` (in the directory of the first file) supplies interpolation variables. */
function loadProjectVariables(session: ImportSession, dir: string): void {
  const path = joinPath(dir, '.env');
  const text = session.readText(path, 'env');
  if (text === undefined) return;
  const parsed = parseDotenv(text, () => undefined);
  for (const entry of parsed.entries)
    if (entry.value !== undefined) session.variables.set(entry.name, entry.value);
  reportDotenvIssues(session, path, parsed.issues);
}

/** Top-level `name:` (the last file that sets one), else the option, else `COMPOSE_PROJECT_NAME`
 * from `.env`, else the first file's directory name. */
function projectName(
  scopes: FileScope[],
  options: ComposeImportOptions,
  firstPath: string,
  session: ImportSession,
): string {
  let name: string | undefined;
  for (const scope of scopes) {
    const at = scope.keyAt(scope.root, 'name', 'name');
    const value = scope.string(scope.root.name, at, 'a project name')?.trim();
    if (!value) continue;
    name = normalizeProjectName(value);
    if (name !== value)
      scope.report(
        D.COMPOSE_PROJECT_NAME,
        `project name "${value}" must use only lower-case letters, digits, "-" and "_"; "${name}" is used`,
        at,
      );
  }
  name ??= options.projectName?.trim() || session.variables.get('COMPOSE_PROJECT_NAME')?.trim() || undefined;
  return name ? normalizeProjectName(name) : projectNameFromPath(firstPath);
}

function reportUnknownTopLevelKeys(scope: FileScope): void {
  for (const key of Object.keys(scope.root)) {
    if (TOP_LEVEL_KEYS.has(key) || key.startsWith('x-')) continue;
    scope.report(
      D.COMPOSE_UNKNOWN_KEY,
      `"${key}" is not a top-level compose key and is ignored; services belong under services: (the version 1 format without it is not supported)`,
      scope.keyAt(scope.root, key, key),
    );
  }
}

function sortedUnique(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const key = `${d.file}\u0000${d.line}\u0000${d.column}\u0000${d.code}\u0000${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort(compareDiagnostics);
}

/** The last line of defence: a bug in the importer is reported against the project, not thrown. */
function internalError(files: ImportFile[], error: unknown): ImportOutput {
  const bundle = emptyBundle();
  bundle.inputs = files.map((f) => ({ file: f.path, kind: 'compose' as const }));
  const reason = error instanceof Error ? error.message : String(error);
  const diagnostic = diagnosticAt(D.COMPOSE_INTERNAL_ERROR, `the compose importer failed: ${reason}`, {
    file: files[0]?.path ?? '',
    line: 1,
    column: 1,
  });
  return { bundle, diagnostics: [diagnostic] };
}
