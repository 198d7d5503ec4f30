import { diagnosticAt, type Diagnostic, type DiagnosticSpec } from '../source/diagnostic';
import type { SourceRef } from '../source/source-ref';
import type { SourceText } from '../source/source-text';
import type { YamlLocations } from '../yaml/yaml-locations';
import { LocatedReader } from '../import/located-reader';
import { MODEL_DIAGNOSTICS as D } from './diagnostics';
import { MODEL_LAYOUT, THREAT_MODEL, type Field, type Schema } from './model-schema';
import type { ModelLayout, ThreatModel } from './threat-model';

/**
 * The repair step every model goes through before the app sees it (a `*.rampart.json` being
 * opened, a record read back from storage): checks untrusted data against `model-schema.ts`,
 * drops unknown fields with a warning, fills defaults, leaves out entries it cannot read with a
 * diagnostic naming the JSON path (and, when the text is known, its line and column), sorts every
 * list into its canonical order and clears references to ids that do not exist. Never throws.
 * `__proto__`, `constructor` and `prototype` keys are inert: values are only ever read from
 * declared keys, and maps keyed by user ids are built without a prototype.
 */

export interface RestoreOptions {
  /** File name used in diagnostics. */
  file?: string;
  /** Where parsed values sit in the text (from `parseYaml`), for line and column. */
  source?: SourceText;
  locations?: YamlLocations;
}

export interface Restored<T> {
  /** Undefined when the value cannot be read at all (not an object, or no model id). */
  value?: T;
  diagnostics: Diagnostic[];
}

/** Restores a model read from anywhere untrusted. */
export function restoreModel(
  raw: unknown,
  options: RestoreOptions = {},
  path = 'model',
): Restored<ThreatModel> {
  const ctx = new RestoreContext(options);
  const result = ctx.restore(raw, THREAT_MODEL, path, () => ctx.root(path));
  if (!result.ok) {
    ctx.report(D.MODEL_ITEM_DROPPED, `${path}: ${result.reason}; the model cannot be read`, ctx.root(path));
    return { diagnostics: ctx.diagnostics };
  }
  const model = result.value as ThreatModel;
  normalizeReferences(model, ctx, path);
  return { value: model, diagnostics: ctx.diagnostics };
}

/** Restores a layout; anything unreadable in it is dropped, so a layout always comes back. */
export function restoreLayout(
  raw: unknown,
  options: RestoreOptions = {},
  path = 'layout',
): Restored<ModelLayout> {
  const ctx = new RestoreContext(options);
  const result = ctx.restore(raw ?? {}, MODEL_LAYOUT, path, () => ctx.root(path));
  if (!result.ok) {
    ctx.report(D.MODEL_WRONG_TYPE, `${path}: ${result.reason}; an empty layout is used`, ctx.root(path));
    return {
      value: { positions: Object.create(null) as ModelLayout['positions'] },
      diagnostics: ctx.diagnostics,
    };
  }
  return { value: result.value as ModelLayout, diagnostics: ctx.diagnostics };
}

type Outcome = { ok: true; value: unknown } | { ok: false; reason: string };

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOwn(value: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

function keyPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  // A stored row can hold what JSON cannot write (IndexedDB keeps a BigInt): describing it must
  // not throw, or restoring would.
  const shown = typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? String(value));
  return shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
}

function describeSchema(schema: Schema): string {
  switch (schema.kind) {
    case 'string':
      return schema.values ? `one of ${schema.values.map((v) => JSON.stringify(v)).join(', ')}` : 'a string';
    case 'number': {
      const what = schema.integer ? 'a whole number' : 'a number';
      if (schema.min !== undefined && schema.max !== undefined)
        return `${what} from ${schema.min} to ${schema.max}`;
      return schema.min !== undefined ? `${what} of at least ${schema.min}` : what;
    }
    case 'boolean':
      return 'true or false';
    case 'literal':
      return `one of ${schema.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    case 'record':
      return 'an object';
  }
}

type Locate = () => SourceRef;

class RestoreContext {
  readonly diagnostics: Diagnostic[] = [];
  private readonly reader: LocatedReader | undefined;
  private readonly file: string;
  /** Where each restored entry came from, for diagnostics raised after the schema pass. */
  readonly origins = new WeakMap<object, Locate>();

  constructor(private readonly options: RestoreOptions) {
    this.file = options.file ?? options.source?.file ?? 'model.rampart.json';
    this.reader =
      options.source && options.locations ? new LocatedReader(options.source, options.locations) : undefined;
  }

  root(path: string): SourceRef {
    return { file: this.file, line: 1, column: 1, path };
  }

  report(spec: DiagnosticSpec, message: string, at: SourceRef): void {
    this.diagnostics.push(
      diagnosticAt(
        spec,
        message,
        { file: at.file, line: at.line, column: at.column, ...(at.path ? { path: at.path } : {}) },
        this.options.source,
      ),
    );
  }

  private fieldAt(mapping: object, key: string, path: string, parent: Locate): Locate {
    return () => this.reader?.value(mapping, key, path, parent()) ?? { ...parent(), path };
  }

  private itemAt(sequence: unknown[], index: number, path: string, parent: Locate): Locate {
    return () => this.reader?.item(sequence, index, path, parent()) ?? { ...parent(), path };
  }

  restore(value: unknown, schema: Schema, path: string, at: Locate): Outcome {
    switch (schema.kind) {
      case 'string':
        if (typeof value !== 'string' || (schema.values && !schema.values.includes(value)))
          return this.mismatch(schema, value);
        if (schema.maxLength !== undefined && value.length > schema.maxLength)
          return { ok: false, reason: `the text is longer than ${schema.maxLength} characters` };
        return { ok: true, value };
      case 'number':
        if (
          typeof value !== 'number' ||
          !Number.isFinite(value) ||
          (schema.integer && !Number.isInteger(value)) ||
          (schema.min !== undefined && value < schema.min) ||
          (schema.max !== undefined && value > schema.max)
        )
          return this.mismatch(schema, value);
        // -0 would be written as 0: keep the canonical form from the start.
        return { ok: true, value: value === 0 ? 0 : value };
      case 'boolean':
        return typeof value === 'boolean' ? { ok: true, value } : this.mismatch(schema, value);
      case 'literal':
        return (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') &&
          schema.values.includes(value)
          ? { ok: true, value }
          : this.mismatch(schema, value);
      case 'object':
        return this.restoreObject(value, schema, path, at);
      case 'array':
        return this.restoreArray(value, schema, path, at);
      case 'record':
        return this.restoreRecord(value, schema, path, at);
    }
  }

  private mismatch(schema: Schema, value: unknown): Outcome {
    return { ok: false, reason: `expected ${describeSchema(schema)}, found ${describeValue(value)}` };
  }

  private restoreObject(
    value: unknown,
    schema: Schema & { kind: 'object' },
    path: string,
    at: Locate,
  ): Outcome {
    if (!isRecord(value)) return this.mismatch(schema, value);
    const declared = new Set(schema.fields.map((f) => f.key));
    for (const key of Object.keys(value)) {
      if (declared.has(key)) continue;
      const where = this.fieldAt(value, key, keyPath(path, key), at)();
      if (RESERVED_KEYS.has(key))
        this.report(D.MODEL_RESERVED_KEY, `${where.path}: reserved key ignored`, where);
      else this.report(D.MODEL_UNKNOWN_FIELD, `${where.path}: unknown field dropped`, where);
    }
    const out: Record<string, unknown> = {};
    for (const field of schema.fields) {
      const outcome = this.restoreField(value, field, path, at);
      if (outcome === 'drop-object') {
        return { ok: false, reason: this.lastReason };
      }
      if (outcome !== undefined) out[field.key] = outcome.value;
    }
    this.origins.set(out, at);
    return { ok: true, value: out };
  }

  private lastReason = '';

  /** The field's value, undefined to leave it out, or `drop-object` when a required field fails. */
  private restoreField(
    value: Record<string, unknown>,
    field: Field,
    path: string,
    at: Locate,
  ): { value: unknown } | undefined | 'drop-object' {
    const fieldPath = keyPath(path, field.key);
    const present = hasOwn(value, field.key) && value[field.key] !== null && value[field.key] !== undefined;
    if (!present) {
      if (field.required) {
        this.lastReason = `\`${field.key}\` is missing`;
        return 'drop-object';
      }
      if (field.default) {
        const where = at();
        this.report(D.MODEL_MISSING_FIELD, `${fieldPath}: missing; the default is used`, {
          ...where,
          path: fieldPath,
        });
        return { value: field.default() };
      }
      return undefined;
    }
    const fieldAt = this.fieldAt(value, field.key, fieldPath, at);
    const outcome = this.restore(value[field.key], field.schema, fieldPath, fieldAt);
    if (outcome.ok) return { value: outcome.value };
    if (field.required) {
      this.lastReason = `\`${field.key}\`: ${outcome.reason}`;
      return 'drop-object';
    }
    const where = fieldAt();
    if (field.default) {
      this.report(D.MODEL_WRONG_TYPE, `${fieldPath}: ${outcome.reason}; the default is used`, where);
      return { value: field.default() };
    }
    this.report(D.MODEL_WRONG_TYPE, `${fieldPath}: ${outcome.reason}; the field was left out`, where);
    return undefined;
  }

  private restoreArray(
    value: unknown,
    schema: Schema & { kind: 'array' },
    path: string,
    at: Locate,
  ): Outcome {
    if (!Array.isArray(value)) return this.mismatch(schema, value);
    let items = value;
    if (items.length > schema.max) {
      this.report(
        D.MODEL_TOO_MANY_ITEMS,
        `${path}: ${items.length} entries, more than the limit of ${schema.max}; the rest were left out`,
        at(),
      );
      items = items.slice(0, schema.max);
    }
    const out: unknown[] = [];
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const itemPath = `${path}[${index}]`;
      const itemAt = this.itemAt(value, index, itemPath, at);
      const outcome = this.restore(item, schema.items, itemPath, itemAt);
      if (!outcome.ok) {
        this.report(D.MODEL_ITEM_DROPPED, `${itemPath}: ${outcome.reason}; the entry was left out`, itemAt());
        return;
      }
      if (schema.unique !== undefined) {
        const key = (outcome.value as Record<string, string>)[schema.unique]!;
        if (seen.has(key)) {
          this.report(
            D.MODEL_DUPLICATE_ID,
            `${itemPath}: another entry already has ${schema.unique} ${JSON.stringify(key)}; this one was left out`,
            itemAt(),
          );
          return;
        }
        seen.add(key);
      }
      out.push(outcome.value);
    });
    if (schema.order) out.sort(schema.order as (a: unknown, b: unknown) => number);
    return { ok: true, value: out };
  }

  private restoreRecord(
    value: unknown,
    schema: Schema & { kind: 'record' },
    path: string,
    at: Locate,
  ): Outcome {
    if (!isRecord(value)) return this.mismatch(schema, value);
    const allowed = schema.keys ? new Set(schema.keys) : undefined;
    let keys = Object.keys(value);
    if (keys.length > schema.max) {
      this.report(
        D.MODEL_TOO_MANY_ITEMS,
        `${path}: ${keys.length} entries, more than the limit of ${schema.max}; the rest were left out`,
        at(),
      );
      keys = keys.slice(0, schema.max);
    }
    // Keyed by user ids: no prototype, so `constructor` or `toString` never answers for a missing id.
    const out = Object.create(null) as Record<string, unknown>;
    for (const key of [...keys].sort()) {
      const entryPath = keyPath(path, key);
      const entryAt = this.fieldAt(value, key, entryPath, at);
      if (key === '__proto__') {
        this.report(D.MODEL_RESERVED_KEY, `${entryPath}: reserved key ignored`, entryAt());
        continue;
      }
      if (allowed && !allowed.has(key)) {
        this.report(D.MODEL_UNKNOWN_FIELD, `${entryPath}: unknown key dropped`, entryAt());
        continue;
      }
      const outcome = this.restore(value[key], schema.values, entryPath, entryAt);
      if (!outcome.ok) {
        this.report(D.MODEL_WRONG_TYPE, `${entryPath}: ${outcome.reason}; the entry was left out`, entryAt());
        continue;
      }
      out[key] = outcome.value;
    }
    return { ok: true, value: out };
  }
}

/** Clears references to ids that do not exist, so the renderer never meets a dangling id: an
 * element's or boundary's missing boundary is cleared, a boundary cycle is broken, and a flow
 * whose end does not exist is left out. */
function normalizeReferences(model: ThreatModel, ctx: RestoreContext, path: string): void {
  const at = (item: object, fallback: string): SourceRef => ctx.origins.get(item)?.() ?? ctx.root(fallback);
  const boundaries = new Map(model.boundaries.map((b) => [b.id, b]));
  for (const boundary of model.boundaries) {
    if (boundary.parent === undefined) continue;
    if (!boundaries.has(boundary.parent)) {
      const where = at(boundary, `${path}.boundaries`);
      ctx.report(
        D.MODEL_DANGLING_REFERENCE,
        `boundary ${JSON.stringify(boundary.id)}: parent ${JSON.stringify(boundary.parent)} does not exist; it was cleared`,
        where,
      );
      delete boundary.parent;
    }
  }
  // Break parent cycles where they close, in id order, so the result is deterministic.
  for (const boundary of model.boundaries) {
    const visited = new Set<string>([boundary.id]);
    let current = boundary.parent === undefined ? undefined : boundaries.get(boundary.parent);
    while (current) {
      if (visited.has(current.id)) {
        ctx.report(
          D.MODEL_DANGLING_REFERENCE,
          `boundary ${JSON.stringify(boundary.id)}: its parents form a cycle; the parent was cleared`,
          at(boundary, `${path}.boundaries`),
        );
        delete boundary.parent;
        break;
      }
      visited.add(current.id);
      current = current.parent === undefined ? undefined : boundaries.get(current.parent);
    }
  }
  const elements = new Set(model.elements.map((e) => e.id));
  for (const element of model.elements) {
    if (element.boundary !== undefined && !boundaries.has(element.boundary)) {
      ctx.report(
        D.MODEL_DANGLING_REFERENCE,
        `element ${JSON.stringify(element.id)}: boundary ${JSON.stringify(element.boundary)} does not exist; it was cleared`,
        at(element, `${path}.elements`),
      );
      delete element.boundary;
    }
  }
  model.flows = model.flows.filter((flow) => {
    const missing = [flow.from, flow.to].filter((end) => !elements.has(end));
    if (missing.length === 0) return true;
    ctx.report(
      D.MODEL_DANGLING_REFERENCE,
      `flow ${JSON.stringify(flow.id)}: ${missing.map((m) => JSON.stringify(m)).join(' and ')} ${missing.length > 1 ? 'do' : 'does'} not exist; the flow was left out`,
      at(flow, `${path}.flows`),
    );
    return false;
  });
}
