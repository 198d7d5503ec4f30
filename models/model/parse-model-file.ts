import { compareDiagnostics, diagnosticAt, type Diagnostic } from '../source/diagnostic';
import { SourceText } from '../source/source-text';
import { parseYaml } from '../yaml/parse-yaml';
import { MODEL_DIAGNOSTICS as D } from './diagnostics';
import { CURRENT_SCHEMA_VERSION, migrateToCurrent, type JsonObject } from './migrations';
import { restoreLayout, restoreModel } from './restore-model';
import type { RampartFile } from './threat-model';

/**
 * Opening a `*.rampart.json` (DESIGN §3):
 *
 *   parseModelFile(text, fileName?) → { file?: RampartFile, diagnostics, migratedFrom? }
 *
 * The text is read with the located JSON/YAML reader (`parseYaml`), so every diagnostic names the
 * JSON path and its line and column. A file of an older schema version is migrated forward
 * (`migrations.ts`); a newer one is refused, never read in part. Then `restoreModel` repairs what
 * it can. `file` is undefined only when nothing usable could be read; never throws.
 */

export interface ParsedModelFile {
  file?: RampartFile;
  diagnostics: Diagnostic[];
  /** The schema version the file was written in, when it was older than the current one. */
  migratedFrom?: number;
}

/** Largest model file read, in characters: room for many imported configs kept as sources. */
export const MAX_MODEL_FILE_CHARS = 256 * 1024 * 1024;

function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseModelFile(text: string, fileName = 'model.rampart.json'): ParsedModelFile {
  const source = new SourceText(fileName, text);
  const fail = (spec: typeof D.MODEL_NOT_JSON, message: string, line = 1, column = 1): ParsedModelFile => ({
    diagnostics: [diagnosticAt(spec, message, { file: fileName, line, column }, source)],
  });
  if (text.length > MAX_MODEL_FILE_CHARS)
    return fail(
      D.MODEL_NOT_JSON,
      `the file has ${text.length} characters, more than the limit of ${MAX_MODEL_FILE_CHARS}`,
    );
  const start = text.search(/\S/);
  // JSON only: a YAML file that happens to say `format: rampart` is not a model file.
  if (start < 0 || text[start] !== '{')
    return fail(D.MODEL_NOT_JSON, 'expected a JSON object starting with "{"');

  const parsed = parseYaml(source);
  const syntax = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (syntax.length > 0 || parsed.documents.length !== 1) {
    const first = syntax[0];
    const reason = first ? first.message.replace(/^invalid YAML: /, '') : 'more than one document';
    return fail(D.MODEL_NOT_JSON, `invalid JSON: ${reason}`, first?.line, first?.column);
  }
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const root = parsed.documents[0]!.value;
  if (!isRecord(root)) return fail(D.MODEL_NOT_JSON, 'expected a JSON object');
  if (root.format !== 'rampart')
    return fail(
      D.MODEL_NOT_RAMPART,
      `expected "format": "rampart", found ${JSON.stringify(root.format) ?? 'nothing'}`,
    );
  const version = root.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return fail(
      D.MODEL_VERSION_INVALID,
      `expected "schemaVersion" to be a whole number, found ${JSON.stringify(version) ?? 'nothing'}`,
    );
  if (version > CURRENT_SCHEMA_VERSION)
    return fail(
      D.MODEL_VERSION_NEWER,
      `this model was saved by a newer version of Rampart (schema version ${version}; this version reads up to ${CURRENT_SCHEMA_VERSION}). ` +
        'Open it with a newer Rampart; it was not opened, so nothing in it was lost',
    );

  let file = root;
  if (version < CURRENT_SCHEMA_VERSION) {
    try {
      const migrated = migrateToCurrent(root, version);
      file = migrated.file;
      diagnostics.push(
        diagnosticAt(
          D.MODEL_MIGRATED,
          `upgraded from schema version ${version} to ${CURRENT_SCHEMA_VERSION}: ${migrated.applied.map((m) => m.title).join('; ')}`,
          { file: fileName, line: 1, column: 1 },
        ),
      );
    } catch (error) {
      return fail(D.MODEL_VERSION_INVALID, `schema version ${version} cannot be upgraded: ${String(error)}`);
    }
  }

  const options = { file: fileName, source, locations: parsed.locations };
  for (const key of Object.keys(file)) {
    if (key === 'format' || key === 'schemaVersion' || key === 'model' || key === 'layout') continue;
    diagnostics.push(
      diagnosticAt(D.MODEL_UNKNOWN_FIELD, `${JSON.stringify(key)}: unknown field dropped`, {
        file: fileName,
        line: 1,
        column: 1,
        path: key,
      }),
    );
  }
  const model = restoreModel(file.model, options, 'model');
  const layout = restoreLayout(file.layout, options, 'layout');
  diagnostics.push(...model.diagnostics, ...layout.diagnostics);
  diagnostics.sort(compareDiagnostics);
  if (!model.value) return { diagnostics };
  return {
    file: {
      format: 'rampart',
      schemaVersion: CURRENT_SCHEMA_VERSION,
      model: model.value,
      layout: layout.value!,
    },
    diagnostics,
    ...(version < CURRENT_SCHEMA_VERSION ? { migratedFrom: version } : {}),
  };
}
