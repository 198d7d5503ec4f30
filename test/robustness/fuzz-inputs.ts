import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { dump, loadAll } from 'js-yaml';

/**
 * Inputs for the importer fuzzers (test/robustness/fuzz-*.test.ts), in three families:
 *
 * - unstructured: random bytes read as UTF-8 the way a file off disk arrives, and random strings
 *   of any code unit;
 * - structure-aware: values built over the field names an importer reads, with values of every
 *   type in those places, written out as YAML (block or flow style) or JSON;
 * - mutated fixtures: real files from `templates/examples/` and `test/fixtures/`, either edited as
 *   text (spans deleted, format-significant fragments inserted, lines duplicated or swapped, the
 *   file cut short) or edited as data (a field deleted, its value replaced by one of another type,
 *   a field added) and written out again.
 */

const ROOT = join(import.meta.dirname, '../..');

export interface FixtureFile {
  /** Path relative to the repository, as the importers see it. */
  path: string;
  text: string;
}

/** Files under the given repository folders whose path passes `keep`, sorted by path. */
export function fixtureFiles(folders: readonly string[], keep: (path: string) => boolean): FixtureFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : [path];
      });
  return folders
    .flatMap((folder) => walk(join(ROOT, folder)))
    .map((path) => relative(ROOT, path).split('\\').join('/'))
    .filter(keep)
    .map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
}

/** Text of files by path, as the importers' surroundings would supply them. */
export function filesByPath(files: readonly FixtureFile[]): Map<string, string> {
  return new Map(files.map((f) => [f.path, f.text]));
}

// ---- unstructured -----------------------------------------------------------------------------

const utf8 = new TextDecoder('utf-8');

/** Random bytes decoded as UTF-8 (invalid sequences become U+FFFD, as when a file is read). */
const randomBytesText: fc.Arbitrary<string> = fc
  .uint8Array({ maxLength: 400 })
  .map((bytes) => utf8.decode(bytes));

/** Any text: arbitrary code units (lone surrogates, NUL, control characters), printable ASCII
 * heavy with the punctuation that YAML, JSON and Dockerfiles give meaning to, and random bytes. */
export const randomText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({
    unit: fc.constantFrom(...' \n\t:-[]{}",\'#&*!|>%@`\\/=$.0123456789abcxyzAZ'.split('')),
    maxLength: 300,
  }),
  randomBytesText,
);

// ---- text edits -------------------------------------------------------------------------------

export type TextEdit =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'swap-lines'; at: number; other: number }
  | { kind: 'truncate'; at: number };

/** One text edit; `fragments` are the pieces of syntax that matter to the format at hand. */
function textEdit(fragments: readonly string[]): fc.Arbitrary<TextEdit> {
  return fc.oneof(
    fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 24 }),
    }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.oneof(fc.constantFrom(...fragments), fc.string({ unit: 'binary', maxLength: 6 })),
    }),
    fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('swap-lines' as const), at: fc.nat(), other: fc.nat() }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  );
}

export function textEdits(fragments: readonly string[]): fc.Arbitrary<TextEdit[]> {
  return fc.array(textEdit(fragments), { minLength: 1, maxLength: 6 });
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % out.length;
    switch (e.kind) {
      case 'delete':
        out = out.slice(0, at) + out.slice(at + e.length);
        break;
      case 'insert':
        out = out.slice(0, at) + e.text + out.slice(at);
        break;
      case 'duplicate-line': {
        const start = out.lastIndexOf('\n', at) + 1;
        const end = out.indexOf('\n', at);
        out = out.slice(0, start) + out.slice(start, end === -1 ? out.length : end + 1) + out.slice(start);
        break;
      }
      case 'swap-lines': {
        const lines = out.split('\n');
        const i = at % lines.length;
        const j = e.other % lines.length;
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        out = lines.join('\n');
        break;
      }
      case 'truncate':
        out = out.slice(0, at);
        break;
    }
  }
  return out;
}

/** Syntax of YAML and JSON that breaks or changes structure when dropped in at random. */
export const YAML_FRAGMENTS = [
  ':',
  ': ',
  '- ',
  '\n',
  '\n  ',
  '  ',
  '\t',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '#',
  '---\n',
  '...\n',
  '&a ',
  '*a',
  '<<: ',
  '!!str ',
  '!!int ',
  '!reset ',
  '!override ',
  '? ',
  '|\n',
  '>-\n',
  'null',
  '~',
  'true',
  'no',
  '-1',
  '0x1F',
  '1e400',
  '.nan',
  '${',
  '}',
  '$$',
  '\\',
  '\r\n',
  '\u00a0',
  '\ufeff',
  '\u0000',
];

// ---- structured values ------------------------------------------------------------------------

/** Strings that mean something to some importer, plus the hostile ones. */
const MEANINGFUL_STRINGS = [
  '',
  ' ',
  'ALL',
  'all',
  'SYS_ADMIN',
  'CAP_NET_ADMIN',
  'NET_RAW',
  'root',
  '0',
  '0:0',
  '1000',
  '1000:1000',
  'nobody',
  'host',
  'none',
  'private',
  'service:db',
  'container:web',
  'unconfined',
  'runtime/default',
  'RuntimeDefault',
  'Localhost',
  'Unconfined',
  'localhost/profile',
  'no-new-privileges:true',
  'no-new-privileges',
  'seccomp=unconfined',
  'seccomp:unconfined',
  'apparmor=unconfined',
  'apparmor:docker-default',
  'label=disable',
  'label:type:spc_t',
  'systempaths=unconfined',
  '80',
  '8080:80',
  '127.0.0.1:8080:80',
  '[::1]:443:443/udp',
  '0.0.0.0:1-65535:1-65535',
  '65536:80',
  '3000-3005',
  '-1',
  '99999',
  '80/sctp',
  './data:/data:ro',
  '/var/run/docker.sock:/var/run/docker.sock',
  '/:/host:rshared',
  '/proc:/host/proc',
  'data:/var/lib/data',
  '/dev/kvm:/dev/kvm:rwm',
  'bind',
  'volume',
  'tmpfs',
  'hostPath',
  'Socket',
  'Bidirectional',
  'http://api:3000',
  'postgres://app:secret@db:5432/app',
  'redis://cache',
  'amqp://user:pw@mq:5672/',
  '${DB_PASSWORD}',
  '${X:-default}',
  '${X:?required}',
  '$${ESCAPED}',
  '${',
  'postgres:16',
  'nginx:latest',
  'registry.example.com:5000/team/app@sha256:' + 'a'.repeat(64),
  'scratch',
  'Dockerfile',
  'base.yml',
  'web.env',
  '.',
  '..',
  '../../etc',
  '/',
  '512m',
  '1g',
  '0.5',
  '100m',
  'true',
  'false',
  'yes',
  'Ingress',
  'Egress',
  'TCP',
  'UDP',
  'ClusterIP',
  'NodePort',
  'LoadBalancer',
  'ExternalName',
  'Always',
  'Unmasked',
  'Default',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'a\u0000b',
  '\ud800',
  'é✓',
  '~',
];

/** A scalar of any type, weighted towards values an importer gives meaning to. */
export const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...MEANINGFUL_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.integer({ min: -2, max: 70_000 }),
      fc.constantFrom(0, -0, 1, 22, 80, 443, 65535, 65536, 2 ** 31, 2 ** 53 + 2, -(2 ** 31), 1e21, 0.5),
    ),
  },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** Values over a vocabulary of keys: scalars, lists of values, and mappings keyed mostly by the
 * names the importer reads, so that random trees reach its deep fields. */
export function valueTree(keys: readonly string[], maxDepth = 3): fc.Arbitrary<unknown> {
  const key = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...keys) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', '<<', 'x-extra', '') },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  );
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', maxDepth, withCrossShrink: true },
      { weight: 3, arbitrary: scalar },
      { weight: 1, arbitrary: fc.array(tie('tree'), { maxLength: 3 }) },
      { weight: 2, arbitrary: fc.dictionary(key, tie('tree'), { maxKeys: 4 }) },
    ),
  }));
  return tree;
}

/** A mapping whose keys are exactly some of `fields`, each with a value tree over `keys`. */
export function objectOf(fields: readonly string[], keys: readonly string[], depth = 3) {
  return fc
    .uniqueArray(fc.constantFrom(...fields), { maxLength: Math.min(fields.length, 8) })
    .chain((chosen) =>
      fc.tuple(...chosen.map(() => valueTree(keys, depth))).map((values) => ({ chosen, values })),
    )
    .map(({ chosen, values }) => plainObject(chosen.map((k, i) => [k, values[i]])));
}

/** An object built from entries, keeping a `__proto__` key as data rather than a prototype. */
export function plainObject(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

// ---- writing values out ----------------------------------------------------------------------

export type Style = 'block' | 'flow' | 'json';

export const style: fc.Arbitrary<Style> = fc.constantFrom('block', 'flow', 'json');

/** Writes parsed documents as YAML (block or flow style) or JSON; a document js-yaml cannot write
 * falls back to JSON, which is also YAML. */
export function render(documents: readonly unknown[], how: Style): string {
  if (how === 'json') return documents.map((d) => JSON.stringify(d, null, 2) ?? 'null').join('\n---\n');
  return documents
    .map((d) => {
      try {
        return dump(d, { noRefs: true, lineWidth: -1, flowLevel: how === 'flow' ? 1 : -1 });
      } catch {
        return JSON.stringify(d) ?? 'null';
      }
    })
    .join('---\n');
}

/** The documents of a real file, as plain data: empty when the file is not plain YAML/JSON, or
 * when its aliases expand it beyond `maxNodes` (the alias bomb of test/fixtures/bad). */
export function documentsOf(text: string, maxNodes = 100_000): unknown[] {
  let documents: unknown[];
  try {
    documents = loadAll(text).filter((d) => d !== undefined);
  } catch {
    return [];
  }
  let nodes = 0;
  const count = (value: unknown): void => {
    if (++nodes > maxNodes || typeof value !== 'object' || value === null) return;
    for (const child of Object.values(value)) count(child);
  };
  documents.forEach(count);
  return nodes > maxNodes ? [] : documents;
}

// ---- data edits -------------------------------------------------------------------------------

export type DataEdit =
  | { kind: 'delete'; steps: number[] }
  | { kind: 'replace'; steps: number[]; value: unknown }
  | { kind: 'add'; steps: number[]; key: string; value: unknown }
  | { kind: 'wrap'; steps: number[] };

/** One edit of parsed data at a random place: delete a field or item, replace a value by one of
 * another type, add a field the importer reads, or wrap a value in a list. */
function dataEdit(keys: readonly string[]): fc.Arbitrary<DataEdit> {
  const steps = fc.array(fc.nat(), { minLength: 1, maxLength: 9 });
  const value = valueTree(keys, 3);
  return fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), steps }),
    fc.record({ kind: fc.constant('replace' as const), steps, value }),
    fc.record({ kind: fc.constant('add' as const), steps, key: fc.constantFrom(...keys), value }),
    fc.record({ kind: fc.constant('wrap' as const), steps }),
  );
}

export function dataEdits(keys: readonly string[]): fc.Arbitrary<DataEdit[]> {
  return fc.array(dataEdit(keys), { minLength: 1, maxLength: 5 });
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** Applies edits to a deep copy of `value`; each edit walks down by its steps (a step picks a
 * child by index, modulo the number of children) and acts where the walk stops. Inserted values
 * are copies, so that edits applied to several documents never make a value contain itself. */
export function applyDataEdits(value: unknown, edits: readonly DataEdit[]): unknown {
  const root = { value: structuredClone(value) as unknown };
  for (const edit of edits) {
    let parent: Container = root;
    let key: string | number = 'value';
    for (const step of edit.steps) {
      const current: unknown = (parent as Record<string | number, unknown>)[key];
      if (!isContainer(current)) break;
      const children: (string | number)[] = Array.isArray(current)
        ? current.map((_, i) => i)
        : Object.keys(current);
      if (children.length === 0) break;
      parent = current;
      key = children[step % children.length]!;
    }
    const slot = parent as Record<string | number, unknown>;
    switch (edit.kind) {
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else if (parent !== root) delete slot[key];
        break;
      case 'replace':
        slot[key] = structuredClone(edit.value);
        break;
      case 'add': {
        const target = slot[key];
        if (isContainer(target) && !Array.isArray(target))
          Object.defineProperty(target, edit.key, {
            value: structuredClone(edit.value),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else if (Array.isArray(target)) target.push(structuredClone(edit.value));
        break;
      }
      case 'wrap':
        slot[key] = [slot[key]];
        break;
    }
  }
  return root.value;
}

/** A real JSON file with either text edits (syntax broken in places) or data edits (values of
 * every type under the keys the importer reads), both the ways a hand-edited file goes wrong. */
export function editedJsonFixture(
  fixtures: readonly FixtureFile[],
  keys: readonly string[],
  fragments: readonly string[],
): fc.Arbitrary<FixtureFile> {
  const parsed = fixtures.map((fixture) => ({ fixture, documents: documentsOf(fixture.text) }));
  return fc
    .tuple(
      fc.constantFrom(...parsed),
      fc.oneof(
        textEdits(fragments).map((edits) => ({ edits, data: false as const })),
        dataEdits(keys).map((edits) => ({ edits, data: true as const })),
      ),
    )
    .map(([{ fixture, documents }, change]) => ({
      path: fixture.path,
      text: change.data
        ? render(
            documents.map((d) => applyDataEdits(d, change.edits)),
            'json',
          )
        : applyTextEdits(fixture.text, change.edits),
    }));
}
