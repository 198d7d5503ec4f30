import { compareDiagnostics, type Diagnostic } from '../../source/diagnostic';
import { SourceText } from '../../source/source-text';
import { parseYaml, type ParsedYaml } from '../../yaml/parse-yaml';
import { isRecord } from '../coerce';
import type { ImportFile, ImportOutput } from '../import-file';
import { LocatedReader } from '../located-reader';
import { renameDuplicateIds } from '../unique-ids';
import { emptyBundle } from '../workload';
import { INSPECT_DIAGNOSTICS as D } from './diagnostics';
import { isInspectedContainer } from './looks-like-docker-inspect';
import { readInspectedContainer, type ContainerResolver, type InspectedContainer } from './read-container';
import { TypedFields } from './typed-fields';

const LEADING_SLASH = /^\//;
/** `docker ps` shows ids shortened to 12 characters; a shorter prefix is too ambiguous to match. */
const SHORT_ID = 12;

/**
 * Imports `docker inspect` output: one workload per container (kind `container`, platform
 * `docker`, named by `Name` without its leading `/`, id `container:<name>`). `parsed` is the
 * located parse of the file when the caller has one; its diagnostics are then the caller's to report.
 */
export function importDockerInspect(file: ImportFile, parsed?: ParsedYaml): ImportOutput {
  const bundle = emptyBundle();
  bundle.inputs.push({ file: file.path, kind: 'docker-inspect' });
  const diagnostics: Diagnostic[] = [];
  const source = new SourceText(file.path, file.text);
  const parse = parsed ?? parseYaml(source);
  if (!parsed) diagnostics.push(...parse.diagnostics);
  const fields = new TypedFields(
    new LocatedReader(source, parse.locations),
    diagnostics,
    D.INSPECT_INVALID_TYPE,
  );
  const entries = collectContainers(fields, parse);
  if (entries.length === 0 && parse.diagnostics.length === 0 && diagnostics.length === 0) {
    fields.report(D.INSPECT_EMPTY, 'no containers found: expected the JSON list that docker inspect prints', {
      file: file.path,
      line: 1,
      column: 1,
    });
  }
  const resolver = containerResolver(entries);
  const workloads = entries.map((entry) => readInspectedContainer(fields, entry, resolver));
  // All ids first: a later container may be named what an earlier duplicate would be renamed to.
  renameDuplicateIds(workloads, (workload, index) => {
    const entry = entries[index]!;
    fields.report(
      D.INSPECT_DUPLICATE_NAME,
      `another container in this file is also named "${entry.name}": expected unique names; this one is kept as ${workload.id}`,
      entry.at,
    );
  });
  bundle.workloads.push(...workloads);
  diagnostics.sort(compareDiagnostics);
  return { bundle, diagnostics };
}

function collectContainers(fields: TypedFields, parse: ParsedYaml): InspectedContainer[] {
  const entries: InspectedContainer[] = [];
  for (const doc of parse.documents) {
    const value = doc.value;
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      value.forEach((item, i) =>
        addEntry(fields, item, `[${i}]`, fields.itemAt(value, i, `[${i}]`), entries),
      );
    } else {
      const at = fields.reader.at(doc.start < 0 ? undefined : doc.start, '');
      delete at.path;
      addEntry(fields, value, '', at, entries);
    }
  }
  return entries;
}

function addEntry(
  fields: TypedFields,
  value: unknown,
  path: string,
  at: InspectedContainer['at'],
  entries: InspectedContainer[],
): void {
  if (!isInspectedContainer(value)) {
    fields.report(
      D.INSPECT_NOT_A_CONTAINER,
      `${path || 'the document'} is not a container as docker inspect prints it: expected an object with Id, Config and HostConfig`,
      at,
    );
    return;
  }
  const prefix = path === '' ? '' : `${path}.`;
  const written = fields.string(value, 'Name', `${prefix}Name`)?.trim().replace(LEADING_SLASH, '');
  const id = typeof value.Id === 'string' ? value.Id : '';
  const name = written || id.slice(0, SHORT_ID) || `container-${entries.length + 1}`;
  const nameAt = written ? fields.at(value, 'Name', `${prefix}Name`) : at;
  if (!written) {
    fields.report(
      D.INSPECT_MISSING_NAME,
      `the container has no Name: expected "/name"; it is named "${name}"`,
      at,
    );
  }
  entries.push({ value, name, prefix, at: nameAt });
}

/** Lookups built once, so that resolving every reference stays linear in the number of containers. */
function containerResolver(entries: InspectedContainer[]): ContainerResolver {
  const byName = new Map<string, string>();
  const byShortId = new Map<string, { id: string; name: string }>();
  const byService = new Map<string, string>();
  for (const entry of entries) {
    const id = typeof entry.value.Id === 'string' ? entry.value.Id : '';
    if (!byName.has(entry.name)) byName.set(entry.name, entry.name);
    const short = id.slice(0, SHORT_ID);
    if (short.length === SHORT_ID && !byShortId.has(short)) byShortId.set(short, { id, name: entry.name });
    const labels = isRecord(entry.value.Config) ? entry.value.Config.Labels : undefined;
    if (!isRecord(labels)) continue;
    const project = labels['com.docker.compose.project'];
    const service = labels['com.docker.compose.service'];
    const key = `${String(project)}/${String(service)}`;
    if (typeof service === 'string' && !byService.has(key)) byService.set(key, entry.name);
  }
  return {
    byReference(reference) {
      const ref = reference.replace(LEADING_SLASH, '');
      const named = byName.get(ref);
      if (named !== undefined) return named;
      const match = byShortId.get(ref.slice(0, SHORT_ID));
      return match && ref.length >= SHORT_ID && match.id.startsWith(ref) ? match.name : ref;
    },
    byService(project, service) {
      return byService.get(`${project}/${service}`) ?? service;
    },
  };
}
