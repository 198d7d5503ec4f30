import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelFile } from '../../../models/model/parse-model-file';
import { serializeModelFile } from '../../../models/model/serialize-model';
import type { ModelLayout, ThreatModel } from '../../../models/model/threat-model';
import { createEmptyModel } from '../../../models/model/create-model';
import { counter, editedSmallModel, FIXTURES } from './model-builder';

const golden = readFileSync(`${FIXTURES}/small.rampart.json`, 'utf8');

describe('serializeModelFile', () => {
  it('writes the edited small model exactly as the golden file', () => {
    const { model, layout } = editedSmallModel();
    expect(serializeModelFile(model, layout)).toBe(golden);
  });

  it('gives back a canonical file byte for byte after parsing it', () => {
    const parsed = parseModelFile(golden, 'small.rampart.json');
    expect(parsed.diagnostics).toEqual([]);
    expect(serializeModelFile(parsed.file!.model, parsed.file!.layout)).toBe(golden);
  });

  it('writes the envelope, 2-space indent and a trailing newline', () => {
    expect(
      golden.startsWith('{\n  "format": "rampart",\n  "schemaVersion": 1,\n  "model": {\n    "id": '),
    ).toBe(true);
    expect(golden.endsWith('}\n')).toBe(true);
    expect(JSON.parse(golden)).toBeTruthy();
  });

  it('orders keys by declaration, not by insertion, and lists by id', () => {
    const { model, layout } = editedSmallModel();
    const shuffled = JSON.parse(JSON.stringify(model), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : Array.isArray(value) && value.every((item) => typeof item === 'object')
          ? [...value].reverse()
          : value,
    ) as ThreatModel;
    expect(serializeModelFile(shuffled, layout)).toBe(golden);
  });

  it('writes integer-like and hostile ids in sorted order as plain keys', () => {
    const model = createEmptyModel(counter());
    const positions = Object.create(null) as ModelLayout['positions'];
    for (const id of ['b', '10', '2', 'constructor', '__proto__', 'a']) positions[id] = { x: 1, y: 2 };
    const text = serializeModelFile(model, { positions });
    const keys = [...text.matchAll(/^ {6}"([^"]+)": \{/gm)].map((m) => m[1]);
    expect(keys).toEqual(['10', '2', '__proto__', 'a', 'b', 'constructor']);
  });

  // Found by test/robustness/fuzz-model-file.test.ts: `"time": 504535131780238000` was read back
  // as the text "504535131780238000" and dropped from the reopened model.
  it('writes numbers beyond 2^53 so that they read back as the same numbers', () => {
    const model = createEmptyModel(counter());
    model.treeNodes = [
      { id: 't', parent: 'g', kind: 'step', label: '', time: 504535131780238000, cost: 2 ** 53 },
    ];
    const layout = { positions: { e: { x: -(2 ** 60), y: 1e21 } } };
    const text = serializeModelFile(model, layout);
    expect(text).toContain('"time": 5.04535131780238e+17');
    const reopened = parseModelFile(text);
    expect(reopened.diagnostics).toEqual([]);
    expect(reopened.file!.model.treeNodes).toEqual(model.treeNodes);
    expect(reopened.file!.layout.positions).toEqual(layout.positions);
    expect(serializeModelFile(reopened.file!.model, reopened.file!.layout)).toBe(text);
  });

  it('does not write fields the schema does not declare', () => {
    const model = { ...createEmptyModel(counter()), extra: 'x' } as ThreatModel;
    expect(serializeModelFile(model, { positions: {} })).not.toContain('extra');
  });
});
