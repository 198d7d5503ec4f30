import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { collectFiles } from '../../../../cli/collect-files';
import { analyzeFiles, type AnalysisResult } from '../../../../models/analysis/analyze';
import { analyzeThreats } from '../../../../models/analysis/analyze-threats';
import type { AssumptionKey, AssumptionValue } from '../../../../models/attack/rules/assumptions';
import { CONDITION_IDS } from '../../../../models/conditions/condition-ids';
import {
  analysisToThreatDragon,
  CONDITION_STRIDE,
  strideFor,
  THREAT_DRAGON_VERSION,
  type ThreatDragonOptions,
} from '../../../../models/export/threat-dragon';

const ROOT = join(import.meta.dirname, '../../../..');

/** Threat Dragon's own v2 schema (test/fixtures/threat-dragon, see its ATTRIBUTION.md). */
const validate = new Ajv({ strict: false, allErrors: true }).compile(
  JSON.parse(
    readFileSync(join(ROOT, 'test/fixtures/threat-dragon/threat-dragon-v2.schema.json'), 'utf8'),
  ) as object,
);

/* eslint-disable @typescript-eslint/no-explicit-any -- Threat Dragon models are read as plain JSON */
type Json = any;

const STRIDE = [
  'Spoofing',
  'Tampering',
  'Repudiation',
  'Information disclosure',
  'Denial of service',
  'Elevation of privilege',
];

function collected(path: string, assumptions: Partial<Record<AssumptionKey, AssumptionValue>> = {}) {
  const files = collectFiles([path], ROOT);
  return { files: files.files, options: { explicit: files.explicit, read: files.read, assumptions } };
}

/** The example system without attack trees (generating them for it is slow, and the layout and
 * mapping do not need them); statuses from trees are tested on the worked example. */
function shop(): AnalysisResult {
  const { files, options } = collected('templates/examples/shop');
  return analyzeFiles(files, options);
}

function worked(assumptions: Partial<Record<AssumptionKey, AssumptionValue>> = {}) {
  const { files, options } = collected('test/fixtures/attack/worked-example', assumptions);
  return analyzeThreats(files, options);
}

function model(result: AnalysisResult, options?: ThreatDragonOptions): Json {
  return JSON.parse(analysisToThreatDragon(result, options));
}

function cellsOf(doc: Json): Json[] {
  return doc.detail.diagrams[0].cells;
}

function threatsOf(doc: Json): Json[] {
  return cellsOf(doc).flatMap((c) => c.data.threats ?? []);
}

function inside(inner: Json, outer: Json): boolean {
  return (
    inner.position.x >= outer.position.x &&
    inner.position.y >= outer.position.y &&
    inner.position.x + inner.size.width <= outer.position.x + outer.size.width &&
    inner.position.y + inner.size.height <= outer.position.y + outer.size.height
  );
}

describe('Threat Dragon v2 export', () => {
  const result = shop();
  const doc = model(result, { title: 'Shop', contributors: ['Ada'] });
  const cells = cellsOf(doc);
  const byId = new Map(cells.map((c) => [c.id, c]));

  it('is a model Threat Dragon accepts (its v2 schema) with the required fields the reference lists', () => {
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(doc.version).toBe(THREAT_DRAGON_VERSION);
    expect(doc.summary).toMatchObject({ title: 'Shop', owner: '', id: 0 });
    expect(doc.detail).toMatchObject({ contributors: [{ name: 'Ada' }], reviewer: '' });
    expect(doc.detail.diagrams).toHaveLength(1);
    expect(doc.detail.diagrams[0]).toMatchObject({
      id: 0,
      title: 'Shop',
      diagramType: 'STRIDE',
      version: THREAT_DRAGON_VERSION,
      thumbnail: expect.any(String),
    });
    for (const cell of cells) {
      expect(cell).toMatchObject({
        id: expect.any(String),
        shape: expect.any(String),
        zIndex: expect.any(Number),
      });
      expect(cell.data).toMatchObject({
        type: expect.stringMatching(/^tm\./),
        hasOpenThreats: expect.any(Boolean),
      });
    }
  });

  it('has a cell for every element, flow and boundary, with unique ids', () => {
    const shapes = cells.map((c) => c.shape);
    expect(shapes.filter((s) => s === 'trust-boundary-box')).toHaveLength(result.topology.boundaries.length);
    expect(shapes.filter((s) => s === 'flow')).toHaveLength(result.topology.flows.length);
    expect(shapes.filter((s) => ['process', 'store', 'actor'].includes(s)).length).toBeGreaterThanOrEqual(
      result.topology.elements.length,
    );
    expect(shapes.filter((s) => s === 'store').length).toBeGreaterThan(0);
    expect(shapes.filter((s) => s === 'actor').length).toBeGreaterThan(0);
    expect(new Set(cells.map((c) => c.id)).size).toBe(cells.length);
    for (const c of cells)
      expect(c.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("connects every flow's source and target to an element cell", () => {
    for (const flow of cells.filter((c) => c.shape === 'flow')) {
      for (const end of [flow.source.cell, flow.target.cell]) {
        expect(['process', 'store', 'actor']).toContain(byId.get(end)?.shape);
      }
      expect(flow.attrs.line.targetMarker.name).toBe('block');
    }
  });

  it('turns every finding into a threat with the fields Threat Dragon requires', () => {
    const threats = threatsOf(doc);
    expect(threats.length).toBeGreaterThanOrEqual(result.findings.length);
    expect(new Set(threats.map((t) => t.id)).size).toBe(threats.length);
    const numbers = threats.map((t) => t.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(doc.detail.threatTop).toBeGreaterThan(Math.max(...numbers));
    expect(doc.detail.diagramTop).toBeGreaterThan(0);
    for (const t of threats) {
      for (const field of ['title', 'type', 'status', 'severity', 'description', 'mitigation'])
        expect(typeof t[field], field).toBe('string');
      expect(STRIDE).toContain(t.type);
      expect(['Critical', 'High', 'Medium', 'Low']).toContain(t.severity);
      expect(['Open', 'Mitigated', 'Accepted', 'NotApplicable']).toContain(t.status);
      expect(t.modelType).toBe('STRIDE');
      expect(t.description).toMatch(/Evidence: [^\s:]+:\d+:\d+/);
      expect(t.mitigation).toMatch(/MUST/);
    }
    expect(doc.summary.description).not.toMatch(/no element on the diagram/);
  });

  it('puts flow findings on the flow, image findings on the services built from the image', () => {
    const flowThreats = cells.filter((c) => c.shape === 'flow').flatMap((c) => c.data.threats);
    expect(flowThreats.some((t: Json) => t.title === 'Plaintext data flow')).toBe(true);
    expect(
      flowThreats.every((t: Json) =>
        ['Tampering', 'Information disclosure', 'Denial of service'].includes(t.type),
      ),
    ).toBe(true);
    const orders = cells.find((c) => c.data.name === 'orders' && c.data.description.includes('compose'));
    expect(
      orders.data.threats.some((t: Json) => t.title.startsWith('Full operating-system base image')),
    ).toBe(true);
  });

  it('marks elements with open threats, and only those', () => {
    for (const c of cells) {
      const open = (c.data.threats ?? []).some((t: Json) => t.status === 'Open');
      expect(c.data.hasOpenThreats).toBe(open);
    }
  });

  it('nests boundary boxes as the trust boundaries nest, around the elements they contain', () => {
    const boxes = new Map(result.topology.boundaries.map((b) => [b.id, b]));
    const boxCell = new Map(
      result.topology.boundaries.map((b) => [
        b.id,
        cells.find(
          (c) =>
            c.shape === 'trust-boundary-box' &&
            c.data.name === b.name &&
            c.data.description.startsWith(b.kind),
        ),
      ]),
    );
    for (const [id, b] of boxes) {
      const cell = boxCell.get(id);
      expect(cell, id).toBeDefined();
      if (b.parent) expect(inside(cell, boxCell.get(b.parent)), `${id} in ${b.parent}`).toBe(true);
      for (const contained of cell.data.containedElements)
        expect(inside(byId.get(contained), cell)).toBe(true);
    }
    const roots = [...boxes.values()].filter((b) => !b.parent).map((b) => boxCell.get(b.id));
    for (const a of roots)
      for (const b of roots)
        if (a !== b)
          expect(
            inside(a, b) ||
              a.position.x + a.size.width <= b.position.x ||
              b.position.x + b.size.width <= a.position.x,
          ).toBe(true);
  });

  it('keeps given positions', () => {
    const element = result.topology.elements.find((e) => e.kind === 'service')!;
    const placed = model(result, { positions: { [element.id]: { x: 7, y: 9, width: 120 } } });
    const cell = cellsOf(placed).find(
      (c) => c.data.name === element.name && c.data.description.includes(element.at.file),
    );
    expect(cell.position).toEqual({ x: 7, y: 9 });
    expect(cell.size).toEqual({ width: 120, height: 100 });
  });

  it('is deterministic', () => {
    const text = analysisToThreatDragon(result);
    expect(analysisToThreatDragon(result)).toBe(text);
    expect(analysisToThreatDragon(shop())).toBe(text);
  });
});

describe('Threat Dragon threat status', () => {
  const statusOf = (doc: Json, title: string, element: string): string[] =>
    cellsOf(doc)
      .filter((c) => c.data.name === element)
      .flatMap((c) => c.data.threats)
      .filter((t: Json) => t.title.startsWith(title))
      .map((t: Json) => t.status);

  it('follows the evaluated trees: a host fact that implements a mitigation mitigates the threat', () => {
    expect(statusOf(model(worked()), 'No user namespace', 'web')).toEqual(['Open']);
    expect(statusOf(model(worked({ 'daemon-userns-remap': true })), 'No user namespace', 'web')).toEqual([
      'Mitigated',
    ]);
  });

  it.each([
    ['implemented', 'Mitigated'],
    ['accepted-risk', 'Accepted'],
    ['not-applicable', 'NotApplicable'],
    ['planned', 'Open'],
    ['missing', 'Open'],
  ] as const)('a mitigation state %s gives %s', (state, status) => {
    const doc = model(worked(), { mitigationStates: () => state });
    expect(statusOf(doc, 'CAP_SYS_ADMIN added', 'worker')).toEqual([status]);
  });
});

describe('STRIDE mapping', () => {
  it('files every condition under a STRIDE category', () => {
    expect(Object.keys(CONDITION_STRIDE).sort()).toEqual([...CONDITION_IDS].sort());
    for (const category of Object.values(CONDITION_STRIDE)) expect(STRIDE).toContain(category);
  });

  it.each([
    ['privileged', 'process', 'Elevation of privilege'],
    ['privileged', 'store', 'Tampering'],
    ['plaintext-flow', 'flow', 'Information disclosure'],
    ['default-capabilities-kept', 'flow', 'Tampering'],
    ['no-resource-limits', 'store', 'Denial of service'],
    ['secret-in-environment', 'actor', 'Spoofing'],
  ] as const)('%s on a %s is %s', (condition, shape, category) => {
    expect(strideFor(condition, shape)).toBe(category);
  });
});
