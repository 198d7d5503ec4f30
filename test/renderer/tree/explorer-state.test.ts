import { describe, expect, it } from 'vitest';
import { evaluateTree, whatIf } from '../../../models/attack/evaluation';
import { stateOf } from '../../../models/attack/evaluation/evaluate-tree';
import { TreeExplorerState } from '../../../renderer/tree/explorer-state';
import { TreeDerivationCache, type TreeDerivation } from '../../../renderer/tree/tree-derivation';
import { editorWith, element, scene } from '../builders';
import { countingDerive, sampleDerivation, sampleTree } from './fixtures';

function setUp(derivation?: TreeDerivation) {
  const editor = editorWith(scene({ elements: [element('compose:web'), element('compose:db')] }));
  const counting = countingDerive();
  const queued: (() => void)[] = [];
  const idle: (() => void)[] = [];
  const explorer = new TreeExplorerState(editor, {
    cache: new TreeDerivationCache(derivation ? () => derivation : counting.derive),
    schedule: (run) => queued.push(run),
    afterPaint: (run) => queued.push(run),
    whenIdle: (run) => idle.push(run),
  });
  const flush = () => queued.splice(0).forEach((run) => run());
  return { editor, explorer, calls: counting.calls, flush, idle };
}

const SECCOMP = 'defence:seccomp-profile@compose:web';

describe('tree explorer state', () => {
  it('derives lazily when opened and lands on the first open goal', () => {
    const { explorer, calls, flush } = setUp();
    expect(calls).toHaveLength(0);
    explorer.open();
    expect(explorer.value.status).toBe('deriving');
    flush();
    expect(calls).toHaveLength(1);
    expect(explorer.value.status).toBe('ready');
    expect(explorer.value.goal).toBe('goal:data');
    expect(explorer.laidOut()?.view.root.node).toBe('goal:data');
  });

  it('keeps the derivation for edits the trees do not depend on, and redoes it for those they do', () => {
    const { editor, explorer, calls, flush } = setUp();
    explorer.open();
    flush();
    editor.dispatch('record-decision', {
      id: 'd1',
      node: 'rce',
      decision: 'accept',
      at: '2026-01-01T00:00:00Z',
    });
    flush();
    expect(calls).toHaveLength(1);
    editor.dispatch('set-mitigation-state', {
      target: 'compose:web',
      mitigation: 'seccomp-profile',
      state: 'implemented',
      at: '2026-01-01T00:00:00Z',
    });
    flush();
    expect(calls).toHaveLength(2);
  });

  it('collapses and expands a node of the open goal', () => {
    const { explorer, flush } = setUp();
    explorer.open('goal:host-root');
    flush();
    explorer.expandAll();
    const open = explorer.laidOut()!.view.nodes.length;
    explorer.toggleCollapsed('web-root');
    const folded = explorer.laidOut()!.view;
    expect(folded.nodes.length).toBeLessThan(open);
    expect(folded.nodes.find((n) => n.node === 'web-root')?.collapsed).toBe(true);
    explorer.toggleCollapsed('web-root');
    expect(explorer.laidOut()!.view.nodes.length).toBe(open);
  });

  it('leaves compacting the model evaluation for idle time after a toggle, one task at a time', () => {
    const { explorer, flush, idle } = setUp();
    explorer.open('goal:host-root');
    flush();
    expect(idle).toHaveLength(0);
    explorer.toggleDefence(SECCOMP);
    expect(idle).toHaveLength(0); // not before the paint and its attack list
    flush();
    expect(idle).toHaveLength(1);
    explorer.toggleDefence(SECCOMP);
    flush();
    expect(idle).toHaveLength(1);
    const evaluation = explorer.value.base!.evaluation;
    idle.splice(0).forEach((run) => run());
    explorer.toggleDefence(SECCOMP);
    flush();
    expect(idle).toHaveLength(1);
    expect(explorer.value.listed).toBe(true);
    expect(explorer.value.base!.evaluation).toBe(evaluation);
  });

  it('compacts a nearly full model evaluation in that idle task', () => {
    // The sample's diagrams take 15 nodes: under a limit of 18 that is over three-quarters full
    // but under the 90% at which a toggle would compact it itself.
    const derivation = { ...sampleDerivation(), evaluation: evaluateTree(sampleTree(), { maxBddNodes: 18 }) };
    const { explorer, flush, idle } = setUp(derivation);
    explorer.open('goal:host-root');
    flush();
    const manager = stateOf(derivation.evaluation)!.bdd;
    explorer.toggleDefence(SECCOMP);
    flush();
    expect(stateOf(derivation.evaluation)!.bdd).toBe(manager);
    idle.splice(0).forEach((run) => run());
    expect(stateOf(derivation.evaluation)!.bdd).not.toBe(manager);
  });

  it('toggles a defence as a what-if: cuts attacks against the model, undoable, adoptable', () => {
    const { editor, explorer, flush } = setUp();
    explorer.open('goal:host-root');
    flush();
    const before = explorer.goalEvaluation()!;
    explorer.toggleDefence(SECCOMP);
    expect(explorer.value.scenario).toEqual([{ kind: 'defence', id: SECCOMP, active: true }]);
    // The tree and metrics first; the attack list and the summary after the paint.
    expect(explorer.value.listed).toBe(false);
    expect(explorer.whatIfSummary()).toBeUndefined();
    flush();
    expect(explorer.value.listed).toBe(true);
    const summary = explorer.whatIfSummary()!;
    expect(summary.cut).toBeGreaterThan(0);
    expect(summary.attacksBefore).toBe(before.attacks.length);
    expect(explorer.goalEvaluation()!.attacks.length).toBe(before.attacks.length - summary.cut);
    // The model itself is untouched by a what-if.
    expect(editor.scene.value.model.mitigationStates).toEqual([]);

    expect(explorer.undoWhatIf()).toBe(true);
    expect(explorer.value.scenario).toEqual([]);
    expect(explorer.goalEvaluation()).toBe(before);
    expect(explorer.redoWhatIf()).toBe(true);
    expect(explorer.value.scenario).toHaveLength(1);

    expect(explorer.adoptWhatIf('2026-01-01T00:00:00Z')).toBe(true);
    expect(editor.scene.value.model.mitigationStates).toEqual([
      { target: 'compose:web', mitigation: 'seccomp-profile', state: 'planned', at: '2026-01-01T00:00:00Z' },
    ]);
    expect(explorer.value.scenario).toEqual([]);
    editor.dispatch('undo');
    expect(editor.scene.value.model.mitigationStates).toEqual([]);
  });

  it('under a scenario, shows the status of every goal and the chosen goal as the full what-if does', () => {
    const { explorer, flush } = setUp();
    explorer.open('goal:host-root');
    flush();
    const base = explorer.value.base!;
    // Every defence in place: statuses change, not only attack lists.
    for (const node of base.tree.nodes.values())
      if (node.kind === 'defence' && !node.active) explorer.toggleDefence(node.id);
    flush();
    const full = whatIf(base.tree, base.evaluation, explorer.value.scenario).evaluation;
    expect([...explorer.value.statuses!]).toEqual(full.goals.map((g) => [g.id, g.status]));
    expect(full.goals.some((g, k) => g.status !== base.evaluation.goals[k]!.status)).toBe(true);
    for (const goal of full.goals) {
      explorer.chooseGoal(goal.id);
      flush();
      expect(explorer.goalEvaluation()).toEqual(goal);
      for (const node of explorer.laidOut()!.view.nodes)
        if (node.role !== 'more')
          expect(explorer.value.evaluation!.nodes.get(node.node)).toEqual(full.nodes.get(node.node));
    }
  });

  it('highlights a minimal attack and unfolds what hides its steps', () => {
    const { explorer, flush } = setUp();
    explorer.open('goal:host-root');
    flush();
    explorer.collapseAll();
    const attack = explorer.goalEvaluation()!.attacks[0]!;
    explorer.highlightAttack(attack.key);
    const drawn = new Set(explorer.laidOut()!.view.nodes.map((n) => n.node));
    for (const step of attack.steps) expect(drawn.has(step)).toBe(true);
    explorer.highlightAttack(attack.key);
    expect(explorer.value.attack).toBeUndefined();
  });

  it('searches the whole goal and shows only the paths through a node', () => {
    const { explorer, flush } = setUp();
    explorer.open('goal:host-root');
    flush();
    explorer.setSearch('ESCAPE');
    expect(explorer.searchResults()).toEqual(['escape']);
    explorer.setFocus('db-shell');
    const nodes = explorer.laidOut()!.view.nodes.map((n) => n.node);
    expect(nodes).toContain('db-shell');
    expect(nodes).not.toContain('rce');
  });

  it('opens on a goal about a diagram item', () => {
    const { explorer, flush } = setUp();
    explorer.openFor(['host:local']);
    flush();
    expect(explorer.value.goal).toBe('goal:host-root');
  });
});
