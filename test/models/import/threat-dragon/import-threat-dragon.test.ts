import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importThreatDragon } from '../../../../models/import/threat-dragon/import-threat-dragon';
import { mitigationOfThreat, stateOfThreat } from '../../../../models/import/threat-dragon/threat-mapping';
import { deriveModel } from '../../../../models/model/derive-model';
import { parseModelFile } from '../../../../models/model/parse-model-file';
import { serializeModelFile } from '../../../../models/model/serialize-model';

const DIR = 'test/fixtures/threat-dragon-import';
const NOW = '2026-03-01T00:00:00.000Z';

function load(name: string) {
  let n = 0;
  return importThreatDragon(readFileSync(`${DIR}/${name}.json`, 'utf8'), `${name}.json`, {
    newId: () => `model-${++n}`,
    now: NOW,
  });
}

const PROCESS = '7c2e4b6a-1f3d-4e5a-9b8c-2d3e4f5a6b02';
const STORE = '9e4a6c8d-3b5f-4a7c-8d9e-3f4a5b6c7d03';
const PUBLIC_FLOW = 'c1d2e3f4-5a6b-4c7d-8e9f-0a1b2c3d4e04';
const DB_FLOW = 'c1d2e3f4-5a6b-4c7d-8e9f-0a1b2c3d4e05';

describe('importThreatDragon', () => {
  it('maps the small model exactly as the golden file', () => {
    const { model, layout, diagnostics } = load('small');
    expect(serializeModelFile(model!, layout!)).toBe(
      readFileSync(`${DIR}/small.expected.rampart.json`, 'utf8'),
    );
    expect(diagnostics.map((d) => d.code)).toEqual(['TD_CURVED_BOUNDARY']);
  });

  it('gives a model that reads back without a single repair', () => {
    const { model, layout } = load('small');
    const parsed = parseModelFile(serializeModelFile(model!, layout!));
    expect(parsed.diagnostics).toEqual([]);
  });

  it('maps shapes, flows and boundaries', () => {
    const { model, layout } = load('small');
    expect(model!.elements.map((e) => [e.name, e.kind, e.origin])).toEqual([
      ['Customer', 'external', 'user'],
      ['Payments API', 'service', 'user'],
      ['Payments DB', 'data-store', 'user'],
    ]);
    expect(model!.elements.find((e) => e.id === PROCESS)!.boundary).toBe(
      'b1f8a8c4-3d2e-4d6b-9d61-1b0c2a4f5e01',
    );
    expect(model!.flows.find((f) => f.id === PUBLIC_FLOW)).toMatchObject({
      protocol: 'https',
      port: 443,
      protection: 'tls',
    });
    expect(model!.flows.find((f) => f.id === `${DB_FLOW}:reverse`)).toMatchObject({
      from: STORE,
      to: PROCESS,
    });
    expect(layout!.positions[PROCESS]).toEqual({ x: 440, y: 150, width: 100, height: 100 });
  });

  it('turns threats into notes and, where they name a control, mitigation states with the threat as reason', () => {
    const { model } = load('small');
    expect(model!.notes).toHaveLength(5);
    expect(model!.mitigationStates.map((s) => [s.target, s.mitigation, s.state])).toEqual([
      [PROCESS, 'non-root-user', 'implemented'],
      [STORE, 'secrets-manager', 'accepted-risk'],
      [PUBLIC_FLOW, 'tls', 'implemented'],
      [DB_FLOW, 'tls', 'planned'],
    ]);
    expect(model!.mitigationStates[1]!.reason).toContain('Database credentials in environment');
  });

  it('derives states for the drawn model: its edits, with no configuration behind them', () => {
    const { model } = load('small');
    const { states } = deriveModel(model!);
    expect(states.get(PROCESS)).toEqual([
      expect.objectContaining({ mitigation: 'non-root-user', state: 'implemented', overridden: true }),
    ]);
    expect(states.get(DB_FLOW)!.find((s) => s.mitigation === 'tls')!.state).toBe('planned');
  });

  it('reports fields the schema requires but the file lacks, with their place', () => {
    const { model, diagnostics } = load('missing-fields');
    const missing = diagnostics.filter((d) => d.code === 'TD_MISSING_FIELD').map((d) => d.message);
    expect(missing).toContain('summary: `title` is missing');
    expect(missing).toContain('detail: `threatTop` is missing');
    expect(missing).toContain('detail.diagrams[0].cells[0]: `zIndex` is missing');
    expect(missing).toContain('detail.diagrams[0].cells[0].data.threats[0]: `status` is missing');
    const dangling = diagnostics.find((d) => d.code === 'TD_UNCONNECTED_FLOW')!;
    expect(dangling).toMatchObject({ line: 26, path: 'detail.diagrams[0].cells[2]' });
    expect(model!.name).toBe('Threat Dragon model');
    expect(model!.flows.map((f) => f.id)).toEqual(['f2']);
  });

  it('reports fields the schema does not define, and unknown shapes, and keeps the rest', () => {
    const { model, layout, diagnostics } = load('extra-fields');
    const unknown = diagnostics.filter((d) => d.code === 'TD_UNKNOWN_FIELD').map((d) => d.path);
    expect(unknown).toEqual([
      'summary.tags',
      'detail.diagrams[0].zoom',
      'detail.diagrams[0].cells[0].customProps',
      'detail.diagrams[0].cells[0].data.dataClassification',
      'detail.diagrams[0].cells[0].data.threats[0].cvss',
      'detail.diagrams[0].cells[0].data.threats[0].references',
      '$.meta',
    ]);
    expect(diagnostics.map((d) => d.code)).toContain('TD_UNKNOWN_SHAPE');
    expect(model!.description).toBe('Reviewed in the March workshop');
    expect(model!.notes.find((n) => n.target === 'a1')!.text).toBe('Out of scope: Managed by IT');
    expect(model!.mitigationStates).toEqual([
      expect.objectContaining({ target: 'p1', mitigation: 'seccomp-profile', state: 'planned' }),
    ]);
    // The second diagram is placed to the right of the first.
    expect(layout!.positions.a1!.x).toBeGreaterThan(layout!.positions.p1!.x + 100);
  });

  it('reads a v1 file where the shapes agree', () => {
    const v1 = JSON.stringify({
      summary: { title: 'Old' },
      detail: {
        diagrams: [
          {
            title: 'D',
            diagramJson: {
              cells: [
                {
                  type: 'tm.Process',
                  id: 'p',
                  position: { x: 1, y: 2 },
                  size: { width: 100, height: 100 },
                  attrs: { text: { text: 'api' } },
                  threats: [
                    {
                      title: 'Runs as root',
                      status: 'Mitigated',
                      type: 'Elevation of privilege',
                      severity: 'High',
                      description: '',
                      mitigation: '',
                    },
                  ],
                },
              ],
            },
          },
        ],
      },
    });
    const result = importThreatDragon(v1, 'old.json', { newId: () => 'm', now: NOW });
    expect(result.diagnostics.map((d) => d.code)).toContain('TD_VERSION_1');
    expect(result.model!.elements).toEqual([{ id: 'p', kind: 'service', name: 'api', origin: 'user' }]);
    expect(result.model!.mitigationStates[0]).toMatchObject({
      target: 'p',
      mitigation: 'non-root-user',
      state: 'implemented',
    });
  });

  it('leaves out cells whose shape names an Object property', () => {
    const file = JSON.stringify({
      version: '2.6.2',
      summary: { title: 'Hostile' },
      detail: { contributors: [], reviewer: '', diagramTop: 1, threatTop: 0, diagrams: [] },
    }).replace(
      '"diagrams":[]',
      '"diagrams":[{"id":0,"title":"D","version":"2.6.2","cells":[{"id":"c","shape":"constructor","zIndex":1},{"id":"p","shape":"__proto__","zIndex":2}]}]',
    );
    const result = importThreatDragon(file, 'hostile.json', { newId: () => 'm', now: NOW });
    expect(result.model!.elements).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['TD_UNKNOWN_SHAPE', 'TD_UNKNOWN_SHAPE']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['not JSON', 'summary: x', 'TD_NOT_JSON'],
    ['a Rampart model', '{ "format": "rampart", "schemaVersion": 1 }', 'TD_NOT_THREAT_DRAGON'],
  ])('refuses %s', (_name, input, code) => {
    const result = importThreatDragon(input, 'x.json', { newId: () => 'm', now: NOW });
    expect(result.model).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toEqual([code]);
  });
});

/** Shrunk counterexamples of test/robustness/fuzz-importers.test.ts: each gave a model the app's
 * own restore step had to repair, so a position or a flow was lost on reopening. */
describe('importThreatDragon gives a model that reads back without repair', () => {
  function importDiagrams(...diagrams: object[][]) {
    const file = JSON.stringify({
      version: '2.6.2',
      summary: { title: 'Fuzzed' },
      detail: {
        contributors: [],
        reviewer: '',
        diagramTop: 0,
        threatTop: 0,
        diagrams: diagrams.map((cells, id) => ({ id, title: 'D', version: '2.6.2', cells })),
      },
    });
    const result = importThreatDragon(file, 'fuzzed.json', { newId: () => 'm', now: NOW });
    const reopened = parseModelFile(serializeModelFile(result.model!, result.layout!));
    expect(reopened.diagnostics).toEqual([]);
    return result;
  }

  it('counts a negative size as none', () => {
    const { layout } = importDiagrams([
      { id: 'a', shape: 'actor', zIndex: 1, position: { x: 0, y: 0 }, size: { width: -5e-324, height: 0 } },
    ]);
    expect(layout!.positions.a).toEqual({ x: 0, y: 0, width: 150, height: 0 });
  });

  it('gives the way back of a bidirectional flow an id no cell has', () => {
    const { model } = importDiagrams([
      {
        id: 'f',
        shape: 'flow',
        source: { cell: 'a' },
        target: { cell: 'a' },
        data: { isBidirectional: true },
      },
      { id: 'f:reverse', shape: 'flow', source: { cell: 'a' }, target: { cell: 'a' } },
      { id: 'a', shape: 'actor', zIndex: 1 },
    ]);
    expect(model!.flows.map((f) => f.id)).toEqual(['f', 'f:reverse', 'f:reverse~2']);
  });

  it('keeps a diagram whose coordinates cannot be moved where they are', () => {
    const { layout } = importDiagrams(
      [
        {
          id: 'f',
          shape: 'flow',
          position: { x: 1e308, y: 0 },
          source: { cell: 'a' },
          target: { cell: 'a' },
        },
      ],
      [{ id: 'b', shape: 'trust-boundary-box', zIndex: 1, position: { x: -1e308, y: 0 } }],
    );
    expect(layout!.positions.b).toEqual({ x: -1e308, y: 0, width: 500, height: 300 });
  });

  it('names a cell with id __proto__ by its place in the file, and its flows follow it', () => {
    const { model, layout, diagnostics } = importDiagrams([
      { id: 'f', shape: 'flow', source: { cell: '__proto__' }, target: { cell: 'b' } },
      { id: '__proto__', shape: 'process', zIndex: 1, position: { x: 10, y: 20 } },
      { id: 'b', shape: 'store', zIndex: 2 },
    ]);
    const renamed = 'detail.diagrams[0].cells[1]';
    expect(model!.elements.map((e) => e.id)).toEqual(['b', renamed]);
    expect(model!.flows.map((f) => [f.from, f.to])).toEqual([[renamed, 'b']]);
    expect(Object.keys(layout!.positions)).toEqual([renamed]);
    expect(diagnostics.filter((d) => d.code === 'TD_RESERVED_ID').map((d) => d.path)).toEqual([renamed]);
  });
});

describe('threat mapping', () => {
  it.each([
    ['Use mutual TLS between services', 'flow', 'mtls'],
    ['Enable TLS', 'flow', 'tls'],
    ['Enable TLS', 'process', undefined],
    ['Run as non-root and enable TLS', 'process', 'non-root-user'],
    ['Apply an AppArmor profile', 'process', 'apparmor-profile'],
    ['Drop all capabilities', 'store', 'drop-capabilities'],
    ['Anything at all', 'actor', undefined],
  ] as const)('%s on a %s → %s', (textValue, target, expected) => {
    expect(mitigationOfThreat(textValue, target)).toBe(expected);
  });

  it.each([
    ['Mitigated', true, 'implemented'],
    ['Eliminated', false, 'implemented'],
    ['Accepted', false, 'accepted-risk'],
    ['Transferred', false, 'accepted-risk'],
    ['NotApplicable', false, 'not-applicable'],
    ['Open', true, 'planned'],
    ['Open', false, 'missing'],
    ['Whatever', false, undefined],
  ] as const)('%s → %s', (status, hasText, expected) => {
    expect(stateOfThreat(status, hasText)).toBe(expected);
  });
});
