import { ASSUMPTION_KEYS } from '../attack/rules/assumptions';
import { MITIGATION_IDS } from '../mitigations/mitigation-ids';
import { INPUT_LIMITS } from '../source/limits';

/**
 * The shape of `*.rampart.json` (DESIGN §3), declared once and used twice: `restoreModelFile`
 * checks untrusted JSON against it, and `serializeModelFile` writes fields in the order declared
 * here (never in insertion order) and sorts arrays by their declared order, so a saved model
 * diffs cleanly in git.
 */

export type Schema =
  | { kind: 'string'; values?: readonly string[]; maxLength?: number }
  | { kind: 'number'; integer?: boolean; min?: number; max?: number }
  | { kind: 'boolean' }
  /** One of a few literal values (an assumption value, `stale: true`). */
  | { kind: 'literal'; values: readonly (string | number | boolean)[] }
  | { kind: 'object'; name: string; fields: readonly Field[] }
  | {
      kind: 'array';
      items: Schema;
      /** Entries with the same value of this key are duplicates: the first is kept. */
      unique?: string;
      /** Canonical order of the entries; absent for lists whose order the user chose. */
      order?: (a: never, b: never) => number;
      max: number;
    }
  /** A string-keyed map, written with its keys in code-unit order. */
  | { kind: 'record'; values: Schema; keys?: readonly string[]; max: number };

export interface Field {
  key: string;
  schema: Schema;
  /** An entry without a valid value here cannot be read and is left out. */
  required?: true;
  /** Value used when the field is missing; fields with a default are always written. */
  default?: () => unknown;
}

/** Limits on what a model file may hold: far above any real model, low enough that a hostile file
 * is refused with bounded memory. */
export const MODEL_LIMITS = {
  maxStringChars: 1_000_000,
  maxSources: 10_000,
  maxItems: 100_000,
  maxAuthors: 1_000,
} as const;

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const byId = (a: { id: string }, b: { id: string }): number => compareText(a.id, b.id);
const byPath = (a: { path: string }, b: { path: string }): number => compareText(a.path, b.path);
/** Mitigation-state edits have no id: target, then mitigation kind, then time identify one. */
const byTargetAndKind = (
  a: { target: string; mitigation: string; at: string },
  b: { target: string; mitigation: string; at: string },
): number =>
  compareText(a.target, b.target) || compareText(a.mitigation, b.mitigation) || compareText(a.at, b.at);

const text: Schema = { kind: 'string', maxLength: MODEL_LIMITS.maxStringChars };
const oneOf = (values: readonly string[]): Schema => ({ kind: 'string', values });
const finite: Schema = { kind: 'number' };
const line: Schema = { kind: 'number', integer: true, min: 1 };

const required = (key: string, schema: Schema): Field => ({ key, schema, required: true });
const optional = (key: string, schema: Schema): Field => ({ key, schema });
const withDefault = (key: string, schema: Schema, value: () => unknown): Field => ({
  key,
  schema,
  default: value,
});
const list = (items: Schema, order?: (a: never, b: never) => number, unique?: string): Schema => ({
  kind: 'array',
  items,
  max: MODEL_LIMITS.maxItems,
  ...(order ? { order } : {}),
  ...(unique ? { unique } : {}),
});

const ELEMENT_KINDS = ['service', 'data-store', 'internet', 'external', 'host', 'cluster'] as const;
const BOUNDARY_KINDS = [
  'internet',
  'host',
  'network',
  'cluster',
  'namespace',
  'organization',
  'runtime',
] as const;
const PROTECTIONS = ['none', 'tls', 'mtls', 'ipsec', 'unknown'] as const;
const ORIGINS = ['imported', 'user'] as const;
const STATES = ['implemented', 'planned', 'not-applicable', 'accepted-risk', 'missing'] as const;
const DECISIONS = ['mitigate', 'plan', 'accept', 'transfer'] as const;
const TREE_NODE_KINDS = ['step', 'defence', 'note'] as const;
const STALE: Schema = { kind: 'literal', values: [true] };

export const SOURCE_REF: Schema = {
  kind: 'object',
  name: 'SourceRef',
  fields: [required('file', text), required('line', line), required('column', line), optional('path', text)],
};

export const DOCUMENT_INFO: Schema = {
  kind: 'object',
  name: 'DocumentInfo',
  fields: [
    withDefault('version', text, () => ''),
    withDefault('authors', { kind: 'array', items: text, max: MODEL_LIMITS.maxAuthors }, () => []),
    withDefault('classification', text, () => ''),
    withDefault('organization', text, () => ''),
  ],
};

export const MODEL_SOURCE: Schema = {
  kind: 'object',
  name: 'ModelSource',
  fields: [
    required('path', text),
    required('text', { kind: 'string', maxLength: INPUT_LIMITS.maxFileChars }),
    withDefault('importedAt', text, () => ''),
  ],
};

export const MODEL_ELEMENT: Schema = {
  kind: 'object',
  name: 'ModelElement',
  fields: [
    required('id', text),
    required('kind', oneOf(ELEMENT_KINDS)),
    withDefault('name', text, () => ''),
    withDefault('origin', oneOf(ORIGINS), () => 'user'),
    optional('boundary', text),
    optional('workload', text),
    optional('technology', text),
    optional('description', text),
    optional('source', SOURCE_REF),
    optional('stale', STALE),
  ],
};

export const MODEL_BOUNDARY: Schema = {
  kind: 'object',
  name: 'ModelBoundary',
  fields: [
    required('id', text),
    required('kind', oneOf(BOUNDARY_KINDS)),
    withDefault('name', text, () => ''),
    optional('parent', text),
    withDefault('origin', oneOf(ORIGINS), () => 'user'),
    optional('source', SOURCE_REF),
    optional('stale', STALE),
  ],
};

export const MODEL_FLOW: Schema = {
  kind: 'object',
  name: 'ModelFlow',
  fields: [
    required('id', text),
    required('from', text),
    required('to', text),
    withDefault('protocol', text, () => 'unknown'),
    optional('port', { kind: 'number', integer: true, min: 0, max: 65535 }),
    withDefault('protection', oneOf(PROTECTIONS), () => 'unknown'),
    optional('authentication', text),
    optional('data', text),
    withDefault('origin', oneOf(ORIGINS), () => 'user'),
    optional('source', SOURCE_REF),
    optional('stale', STALE),
  ],
};

export const MITIGATION_STATE_EDIT: Schema = {
  kind: 'object',
  name: 'MitigationStateEdit',
  fields: [
    required('target', text),
    required('mitigation', oneOf(MITIGATION_IDS)),
    required('state', oneOf(STATES)),
    optional('reason', text),
    optional('author', text),
    withDefault('at', text, () => ''),
  ],
};

export const WORKSHOP_DECISION: Schema = {
  kind: 'object',
  name: 'WorkshopDecision',
  fields: [
    required('id', text),
    required('node', text),
    optional('goal', text),
    required('decision', oneOf(DECISIONS)),
    optional('owner', text),
    optional('due', text),
    optional('note', text),
    optional('mitigation', oneOf(MITIGATION_IDS)),
    withDefault('at', text, () => ''),
  ],
};

export const USER_TREE_NODE: Schema = {
  kind: 'object',
  name: 'UserTreeNode',
  fields: [
    required('id', text),
    required('parent', text),
    required('kind', oneOf(TREE_NODE_KINDS)),
    withDefault('label', text, () => ''),
    optional('description', text),
    optional('cost', { kind: 'number', min: 0 }),
    optional('time', { kind: 'number', min: 0 }),
    optional('skill', { kind: 'number', min: 0 }),
    optional('probability', { kind: 'number', min: 0, max: 1 }),
    optional('active', { kind: 'boolean' }),
  ],
};

export const MODEL_NOTE: Schema = {
  kind: 'object',
  name: 'ModelNote',
  fields: [
    required('id', text),
    required('target', text),
    withDefault('text', text, () => ''),
    optional('author', text),
    withDefault('at', text, () => ''),
  ],
};

export const THREAT_MODEL: Schema = {
  kind: 'object',
  name: 'ThreatModel',
  fields: [
    required('id', text),
    withDefault('name', text, () => ''),
    withDefault('description', text, () => ''),
    withDefault('document', DOCUMENT_INFO, () => ({
      version: '',
      authors: [],
      classification: '',
      organization: '',
    })),
    withDefault(
      'sources',
      { kind: 'array', items: MODEL_SOURCE, order: byPath, unique: 'path', max: MODEL_LIMITS.maxSources },
      () => [],
    ),
    withDefault('elements', list(MODEL_ELEMENT, byId, 'id'), () => []),
    withDefault('boundaries', list(MODEL_BOUNDARY, byId, 'id'), () => []),
    withDefault('flows', list(MODEL_FLOW, byId, 'id'), () => []),
    withDefault('mitigationStates', list(MITIGATION_STATE_EDIT, byTargetAndKind), () => []),
    withDefault(
      'assumptions',
      {
        kind: 'record',
        keys: ASSUMPTION_KEYS,
        values: { kind: 'literal', values: [true, false, 'v1', 'v2', 'unknown'] },
        max: ASSUMPTION_KEYS.length,
      },
      () => ({}),
    ),
    withDefault('decisions', list(WORKSHOP_DECISION, byId, 'id'), () => []),
    withDefault('treeNodes', list(USER_TREE_NODE, byId, 'id'), () => []),
    withDefault('notes', list(MODEL_NOTE, byId, 'id'), () => []),
  ],
};

export const POSITION: Schema = {
  kind: 'object',
  name: 'Position',
  fields: [
    required('x', finite),
    required('y', finite),
    optional('width', { kind: 'number', min: 0 }),
    optional('height', { kind: 'number', min: 0 }),
  ],
};

export const MODEL_LAYOUT: Schema = {
  kind: 'object',
  name: 'ModelLayout',
  fields: [
    withDefault('positions', { kind: 'record', values: POSITION, max: MODEL_LIMITS.maxItems }, () => ({})),
  ],
};

/** The whole file. `format` and `schemaVersion` are checked before the rest is read. */
export const RAMPART_FILE: Schema = {
  kind: 'object',
  name: 'RampartFile',
  fields: [
    required('format', { kind: 'string', values: ['rampart'] }),
    required('schemaVersion', { kind: 'number', integer: true, min: 0 }),
    required('model', THREAT_MODEL),
    withDefault('layout', MODEL_LAYOUT, () => ({ positions: {} })),
  ],
};
