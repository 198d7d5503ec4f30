import { CURRENT_SCHEMA_VERSION } from './migrations';
import { compareText, RAMPART_FILE, type Schema } from './model-schema';
import type { ModelLayout, RampartFile, ThreatModel } from './threat-model';

/**
 * Writing `*.rampart.json` (DESIGN §3):
 *
 *   serializeModelFile(model, layout) → string
 *
 * `{ "format": "rampart", "schemaVersion": N, "model": …, "layout": … }` with every object's keys
 * in the order `model-schema.ts` declares for its type (never insertion order), lists sorted by
 * id (sources by path, mitigation-state edits by target and kind), maps by key, 2-space indent
 * and a trailing newline, so that a model in git diffs cleanly and parsing then serializing a
 * canonical file gives it back byte for byte. Fields the schema does not declare are not written.
 */
export function serializeModelFile(model: ThreatModel, layout: ModelLayout): string {
  const file: RampartFile = { format: 'rampart', schemaVersion: CURRENT_SCHEMA_VERSION, model, layout };
  return `${write(file, RAMPART_FILE, '')}\n`;
}

// The writer builds the text itself rather than going through JSON.stringify on rebuilt objects:
// JS objects enumerate integer-like keys ("10", "2") first, whatever order they were added in.
function write(value: unknown, schema: Schema, indent: string): string {
  switch (schema.kind) {
    case 'number':
      return writeNumber(value as number);
    case 'string':
    case 'boolean':
    case 'literal':
      return JSON.stringify(value);
    case 'object': {
      const record = value as Record<string, unknown>;
      const entries: [string, unknown, Schema][] = [];
      for (const field of schema.fields) {
        const fieldValue = Object.prototype.hasOwnProperty.call(record, field.key)
          ? record[field.key]
          : undefined;
        if (fieldValue === undefined) {
          if (field.default) entries.push([field.key, field.default(), field.schema]);
          continue;
        }
        entries.push([field.key, fieldValue, field.schema]);
      }
      return writeEntries(entries, indent);
    }
    case 'array': {
      const items = [...(value as unknown[])];
      if (schema.order) items.sort(schema.order as (a: unknown, b: unknown) => number);
      if (items.length === 0) return '[]';
      const inner = `${indent}  `;
      return `[\n${items.map((item) => inner + write(item, schema.items, inner)).join(',\n')}\n${indent}]`;
    }
    case 'record': {
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort(compareText);
      return writeEntries(
        keys.map((key) => [key, record[key], schema.values]),
        indent,
      );
    }
  }
}

/** The reader (`parseYaml`, YAML 1.2 core schema) keeps an integer literal beyond 2^53 as text,
 * as configs use such digits for ids: a number that large is written in exponent form, which is
 * still JSON and reads back as the same number. -0 is written as 0. */
function writeNumber(value: number): string {
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return value.toExponential();
  return JSON.stringify(value === 0 ? 0 : value);
}

function writeEntries(entries: [string, unknown, Schema][], indent: string): string {
  if (entries.length === 0) return '{}';
  const inner = `${indent}  `;
  const lines = entries.map(
    ([key, value, schema]) => `${inner}${JSON.stringify(key)}: ${write(value, schema, inner)}`,
  );
  return `{\n${lines.join(',\n')}\n${indent}}`;
}
