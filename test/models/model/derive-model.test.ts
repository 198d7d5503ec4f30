import { describe, expect, it } from 'vitest';
import { analyzeThreats } from '../../../models/analysis/analyze-threats';
import type { DefenceNode } from '../../../models/attack/tree/attack-tree';
import { deriveModel } from '../../../models/model/derive-model';
import { serializeModelFile } from '../../../models/model/serialize-model';
import type { ThreatModel } from '../../../models/model/threat-model';
import { API, DB, editedSmallModel, smallFiles, smallModel, WEB, WEB_TO_API } from './model-builder';

const defence = (model: ThreatModel, id: string) =>
  deriveModel(model).analysis.trees.tree.nodes.get(id) as DefenceNode | undefined;

describe('deriveModel', () => {
  it('equals analyzeThreats of the sources for a model nobody edited', () => {
    const { model } = smallModel();
    const derived = deriveModel(model);
    const direct = analyzeThreats(smallFiles());
    expect(derived.analysis).toEqual(direct);
    expect(derived.diagnostics).toEqual(direct.diagnostics);
  });

  it('resolves mitigation states per workload element and per flow', () => {
    const { model } = smallModel();
    const { states } = deriveModel(model);
    expect(states.get(API)!.find((s) => s.mitigation === 'non-root-user')).toMatchObject({
      state: 'implemented',
      overridden: false,
    });
    expect(states.get(WEB_TO_API)!.map((s) => [s.mitigation, s.state])).toEqual([
      ['tls', 'missing'],
      ['mtls', 'missing'],
      ['ipsec', 'missing'],
    ]);
    expect(states.has('internet')).toBe(false);
  });

  it('turns mitigation-state edits into overrides that change the tree’s defences', () => {
    const { model } = smallModel();
    const id = `defence:read-only-rootfs@${WEB}`;
    const before = defence(model, id);
    expect(before?.active).toBe(false);
    const edited: ThreatModel = {
      ...model,
      mitigationStates: [
        { target: WEB, mitigation: 'read-only-rootfs', state: 'implemented', at: '2026-03-01' },
      ],
    };
    expect(defence(edited, id)?.active).toBe(true);
    const state = deriveModel(edited)
      .states.get(WEB)!
      .find((s) => s.mitigation === 'read-only-rootfs')!;
    expect(state).toMatchObject({ state: 'implemented', overridden: true, basis: 'user' });
    expect(state.derived?.state).toBe('missing');
  });

  it('lets the latest of two edits of the same kind win', () => {
    const { model } = smallModel();
    const edited: ThreatModel = {
      ...model,
      mitigationStates: [
        { target: WEB, mitigation: 'read-only-rootfs', state: 'missing', at: '2026-03-02' },
        { target: WEB, mitigation: 'read-only-rootfs', state: 'implemented', at: '2026-03-01' },
      ],
    };
    expect(defence(edited, `defence:read-only-rootfs@${WEB}`)?.active).toBe(false);
  });

  it('counts a protection the user set on a flow as transport overrides', () => {
    const { model } = smallModel();
    const edited: ThreatModel = {
      ...model,
      flows: model.flows.map((f) => (f.id === WEB_TO_API ? { ...f, protection: 'mtls' } : f)),
    };
    const derived = deriveModel(edited);
    expect(derived.states.get(WEB_TO_API)!.map((s) => [s.mitigation, s.state, s.overridden])).toEqual([
      ['tls', 'implemented', true],
      ['mtls', 'implemented', true],
      ['ipsec', 'missing', true],
    ]);
    const tls = [...derived.analysis.trees.tree.nodes.values()].find(
      (n) => n.kind === 'defence' && n.mitigation === 'tls' && n.id.includes(WEB_TO_API),
    ) as DefenceNode | undefined;
    expect(tls?.active).toBe(true);
  });

  it('carries user tree nodes into the trees and evaluates them', () => {
    const { model } = editedSmallModel();
    const derived = deriveModel(model);
    const tree = derived.analysis.trees.tree;
    const goal = tree.nodes.get(`goal:data:${DB}`);
    expect(goal?.kind === 'goal' && goal.children).toContain('user-step-1');
    expect(tree.nodes.get('user-step-1')).toMatchObject({
      origin: 'user',
      attributes: { cost: 3, probability: 0.2 },
    });
    expect(goal?.notes).toContain('Backups are on the NAS');
    expect(derived.diagnostics.filter((d) => d.code === 'MODEL_TREE_NODE_DETACHED')).toEqual([]);
  });

  it('warns about a user node whose parent the trees no longer have', () => {
    const { model } = smallModel();
    const edited: ThreatModel = {
      ...model,
      treeNodes: [{ id: 'lost', parent: 'goal:data:gone', kind: 'step', label: 'Phish the DBA' }],
    };
    const detached = deriveModel(edited).diagnostics.filter((d) => d.code === 'MODEL_TREE_NODE_DETACHED');
    expect(detached.map((d) => d.path)).toEqual(['treeNodes["lost"]']);
  });

  it('gives the same result forty times', () => {
    const { model } = editedSmallModel();
    const snapshot = (m: ThreatModel) => {
      const d = deriveModel(m);
      return JSON.stringify({
        nodes: [...d.analysis.trees.tree.nodes.values()],
        goals: d.analysis.trees.goals,
        states: [...d.states],
        diagnostics: d.diagnostics,
      });
    };
    const first = snapshot(model);
    for (let i = 0; i < 40; i++) expect(snapshot(model)).toBe(first);
    expect(serializeModelFile(model, { positions: {} })).toContain('user-step-1');
  });
});
