import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseModelFile } from '../../../models/model/parse-model-file';
import { restoreLayout, restoreModel } from '../../../models/model/restore-model';
import { serializeModelFile } from '../../../models/model/serialize-model';
import { FIXTURES } from './model-builder';

const golden = readFileSync(`${FIXTURES}/small.rampart.json`, 'utf8');

/** A minimal valid file with `model` fields replaced by `patch`, pretty-printed. */
function file(patch: Record<string, unknown>, envelope: Record<string, unknown> = {}): string {
  const base = JSON.parse(readFileSync(`${FIXTURES}/v0-small.migrated.rampart.json`, 'utf8')) as {
    model: Record<string, unknown>;
  };
  return JSON.stringify({ ...base, ...envelope, model: { ...base.model, ...patch } }, null, 2);
}

describe('parseModelFile refuses what it cannot read', () => {
  it.each([
    ['not JSON', 'format: rampart\n', 'MODEL_NOT_JSON'],
    ['broken JSON', '{ "format": "rampart", ', 'MODEL_NOT_JSON'],
    ['a list', '[1, 2]', 'MODEL_NOT_JSON'],
    ['another format', '{ "format": "drawio" }', 'MODEL_NOT_RAMPART'],
    ['no version', '{ "format": "rampart", "model": {} }', 'MODEL_VERSION_INVALID'],
    ['a fractional version', '{ "format": "rampart", "schemaVersion": 1.5 }', 'MODEL_VERSION_INVALID'],
  ])('%s', (_name, text, code) => {
    const parsed = parseModelFile(text);
    expect(parsed.file).toBeUndefined();
    expect(parsed.diagnostics.map((d) => d.code)).toEqual([code]);
  });

  it('refuses a newer schema version with a clear message instead of reading part of it', () => {
    const parsed = parseModelFile(file({}, { schemaVersion: 7, futureField: { x: 1 } }));
    expect(parsed.file).toBeUndefined();
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]).toMatchObject({ code: 'MODEL_VERSION_NEWER', severity: 'error' });
    expect(parsed.diagnostics[0]!.message).toContain('newer version of Rampart (schema version 7');
  });

  it('reports a syntax error at its line and column', () => {
    const parsed = parseModelFile('{\n  "format": "rampart",\n  "schemaVersion": 1,,\n}');
    expect(parsed.diagnostics[0]).toMatchObject({ code: 'MODEL_NOT_JSON', line: 3 });
  });

  it('refuses a model without an id', () => {
    const text = file({ id: 42 });
    const parsed = parseModelFile(text);
    expect(parsed.file).toBeUndefined();
    expect(parsed.diagnostics.map((d) => d.code)).toContain('MODEL_ITEM_DROPPED');
  });
});

describe('restoring untrusted JSON', () => {
  it('names the JSON path, line and column of a value of the wrong type', () => {
    const text = file({
      elements: [
        { id: 'a', kind: 'service', name: 'a', origin: 'user' },
        { id: 'b', kind: 'banana', name: 'b', origin: 'user' },
      ],
      flows: [],
    });
    const parsed = parseModelFile(text, 'hostile.rampart.json');
    const dropped = parsed.diagnostics.find((d) => d.code === 'MODEL_ITEM_DROPPED')!;
    expect(dropped.path).toBe('model.elements[1]');
    expect(dropped.message).toContain('`kind`: expected one of "service"');
    const line = text.split('\n').findIndex((l) => l.includes('"id": "b"'));
    expect(dropped.line).toBe(line); // the line of the item's opening brace, just above its id
    expect(dropped.file).toBe('hostile.rampart.json');
    expect(parsed.file!.model.elements.map((e) => e.id)).toEqual(['a']);
  });

  it('uses the default for a wrong optional value and drops unknown fields with a warning', () => {
    const parsed = parseModelFile(
      file({
        name: 17,
        colour: 'red',
        elements: [{ id: 'a', kind: 'service', origin: 'user', port: 'x' }],
        flows: [],
      }),
    );
    const byCode = (code: string) => parsed.diagnostics.filter((d) => d.code === code).map((d) => d.path);
    expect(byCode('MODEL_WRONG_TYPE')).toEqual(['model.name']);
    expect(byCode('MODEL_UNKNOWN_FIELD').sort()).toEqual(['model.colour', 'model.elements[0].port']);
    expect(byCode('MODEL_MISSING_FIELD')).toEqual(['model.elements[0].name']);
    expect(parsed.file!.model.name).toBe('');
    expect(parsed.file!.model.elements[0]).toEqual({ id: 'a', kind: 'service', name: '', origin: 'user' });
  });

  it('keeps __proto__ and constructor inert', () => {
    // Written as JSON text: in an object literal `__proto__` would set the prototype instead.
    const text = file({
      constructor: { prototype: { polluted: true } },
      assumptions: { 'kernel-patched': false },
    })
      .replace('"model": {', '"model": { "__proto__": { "polluted": true },')
      .replace('"assumptions": {', '"assumptions": { "__proto__": { "polluted": true },')
      .replace(
        '"positions": {',
        '"positions": { "__proto__": { "x": 1, "y": 1 }, "constructor": { "x": 2, "y": 3 },',
      );
    const parsed = parseModelFile(text);
    const model = parsed.file!.model;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(model)).toBe(Object.prototype);
    expect((model as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(model.assumptions).toEqual({ 'kernel-patched': false });
    expect(parsed.file!.layout.positions.constructor).toEqual({ x: 2, y: 3 });
    expect(parsed.file!.layout.positions.toString).toBeUndefined();
    expect(Object.keys(parsed.file!.layout.positions)).not.toContain('__proto__');
    expect(parsed.diagnostics.filter((d) => d.code === 'MODEL_RESERVED_KEY').length).toBe(4);
  });

  it('reads large lists within the limits and sorts them', () => {
    const elements = Array.from({ length: 5000 }, (_, i) => ({
      id: `e${String(4999 - i).padStart(4, '0')}`,
      kind: 'service',
      name: `e${i}`,
      origin: 'user',
    }));
    const parsed = parseModelFile(file({ elements, flows: [] }));
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.file!.model.elements).toHaveLength(5000);
    expect(parsed.file!.model.elements[0]!.id).toBe('e0000');
  });

  it('refuses entries beyond a list limit with a diagnostic, not silently', () => {
    const authors = Array.from({ length: 1500 }, (_, i) => `a${i}`);
    const parsed = parseModelFile(
      file({ document: { version: '', authors, classification: '', organization: '' } }),
    );
    expect(parsed.diagnostics.map((d) => d.code)).toContain('MODEL_TOO_MANY_ITEMS');
    expect(parsed.file!.model.document.authors).toHaveLength(1000);
  });

  it('keeps the first of two entries with the same id', () => {
    const parsed = parseModelFile(
      file({
        notes: [
          { id: 'n', target: 'x', text: 'first', at: '' },
          { id: 'n', target: 'x', text: 'second', at: '' },
        ],
      }),
    );
    expect(parsed.file!.model.notes.map((n) => n.text)).toEqual(['first']);
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['MODEL_DUPLICATE_ID']);
  });

  it('clears references to ids that do not exist', () => {
    const parsed = parseModelFile(
      file({
        elements: [{ id: 'a', kind: 'service', name: 'a', origin: 'user', boundary: 'nowhere' }],
        boundaries: [
          { id: 'b1', kind: 'network', name: 'b1', origin: 'user', parent: 'b2' },
          { id: 'b2', kind: 'network', name: 'b2', origin: 'user', parent: 'b1' },
        ],
        flows: [{ id: 'f', from: 'a', to: 'ghost', protocol: 'http', protection: 'none', origin: 'user' }],
      }),
    );
    const model = parsed.file!.model;
    expect(model.elements[0]!.boundary).toBeUndefined();
    expect(model.flows).toEqual([]);
    expect(model.boundaries.filter((b) => b.parent !== undefined)).toHaveLength(1);
    expect(parsed.diagnostics.filter((d) => d.code === 'MODEL_DANGLING_REFERENCE')).toHaveLength(3);
  });

  it('reads the text of sources exactly, whatever characters they hold', () => {
    const text = 'é 😀 \u0001 \t "quoted" \\ back\r\nline\u2028sep';
    const parsed = parseModelFile(file({ sources: [{ path: 'x.yml', text, importedAt: '' }] }));
    expect(parsed.file!.model.sources[0]!.text).toBe(text);
    const again = serializeModelFile(parsed.file!.model, parsed.file!.layout);
    expect(parseModelFile(again).file!.model.sources[0]!.text).toBe(text);
  });

  it('never throws on arbitrary input', () => {
    const inputs = [
      '',
      '{',
      '{}',
      'null',
      '{"format":"rampart","schemaVersion":1,"model":[]}',
      golden.slice(0, 500),
    ];
    for (const input of inputs) expect(() => parseModelFile(input)).not.toThrow();
  });
});

describe('restoring a stored model', () => {
  // Found by test/robustness/fuzz-model-file.test.ts: describing a BigInt with JSON.stringify threw.
  it('reports values JSON cannot hold instead of throwing', () => {
    expect(restoreModel(0n).diagnostics.map((d) => d.message)).toEqual([
      'model: expected an object, found 0n; the model cannot be read',
    ]);
    const model = restoreModel({ id: 'm', name: 12n, elements: [{ id: 'e', kind: 'service', name: 1n }] });
    expect(model.value).toMatchObject({ id: 'm', name: '', elements: [{ id: 'e', name: '' }] });
    expect(restoreLayout({ positions: { e: { x: 1n, y: 0 } } }).value!.positions).toEqual({});
  });
});

describe('restoring arbitrary JSON', () => {
  const base = JSON.parse(readFileSync(`${FIXTURES}/v0-small.migrated.rampart.json`, 'utf8')) as {
    model: Record<string, unknown>;
  };
  const fields = [
    'name',
    'document',
    'elements',
    'boundaries',
    'flows',
    'mitigationStates',
    'assumptions',
    'notes',
  ];

  // Lists of entries that are nearly right, so that repairs inside entries are exercised too.
  const entries = fc.array(
    fc.record(
      {
        id: fc.oneof(fc.string({ maxLength: 3 }), fc.integer()),
        kind: fc.constantFrom('service', 'external', 'network', 'banana'),
        name: fc.oneof(fc.string(), fc.integer()),
        from: fc.constantFrom('compose:small/web', 'internet', 'x'),
        to: fc.constantFrom('compose:small/web', 'internet'),
        boundary: fc.constantFrom('boundary:network:small/back', 'gone'),
        parent: fc.string({ maxLength: 3 }),
        target: fc.string({ maxLength: 3 }),
        mitigation: fc.constantFrom('tls', 'seccomp-profile', 'magic'),
        state: fc.constantFrom('planned', 'done'),
        origin: fc.constantFrom('user', 'imported', 'z'),
        port: fc.oneof(fc.integer({ min: -5, max: 70000 }), fc.double()),
        text: fc.string(),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 6 },
  );

  it('never throws, and what it restores is canonical: serialize → parse → serialize is stable', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fields),
        fc.oneof(fc.jsonValue({ maxDepth: 4 }), entries),
        (field, value) => {
          const text = JSON.stringify({ ...base, model: { ...base.model, [field]: value } });
          const parsed = parseModelFile(text);
          if (!parsed.file) return;
          const once = serializeModelFile(parsed.file.model, parsed.file.layout);
          const again = parseModelFile(once);
          expect(again.diagnostics).toEqual([]);
          expect(serializeModelFile(again.file!.model, again.file!.layout)).toBe(once);
        },
      ),
      { numRuns: 150, seed: 20260301 },
    );
  });
});
