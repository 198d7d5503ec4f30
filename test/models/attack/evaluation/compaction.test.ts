// A long what-if session must not run the shared diagram manager into its node limit.
import { describe, expect, it } from 'vitest';
import {
  BddManager,
  NodeMemo,
  ONE,
  ZERO,
  bddMinWeight,
  bddProbability,
} from '../../../../models/attack/evaluation/bdd';
import {
  compactWhenNearlyFull,
  evaluateTree,
  stateOf,
} from '../../../../models/attack/evaluation/evaluate-tree';
import { whatIf, whatIfInView, type ScopedWhatIfResult } from '../../../../models/attack/evaluation/what-if';
import type { DefenceNode } from '../../../../models/attack/tree/attack-tree';
import { snapshot } from './helpers';
import { generatedSystem } from './random-trees';

describe('compacting a BDD manager', () => {
  const bdd = new BddManager(1000);
  const x = (level: number) => bdd.variable(level);
  const kept = bdd.or(bdd.and(x(0), x(2)), bdd.and(x(1), x(3)));
  const dropped = bdd.and(bdd.or(x(4), x(5)), x(6));
  const { manager, ids } = bdd.compacted([kept, -1]);

  it('keeps the diagrams asked for, with the same functions', () => {
    const weights = [3, 1, 4, 1, 5, 9, 2];
    const probabilities = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];
    expect(bddMinWeight(manager, ids[kept]!, weights, new NodeMemo())).toBe(
      bddMinWeight(bdd, kept, weights, new NodeMemo()),
    );
    expect(bddProbability(manager, ids[kept]!, probabilities, new NodeMemo())).toBeCloseTo(
      bddProbability(bdd, kept, probabilities, new NodeMemo()),
      15,
    );
    // Still canonical: building the function again in the new manager finds the copied node.
    const again = manager.or(
      manager.and(manager.variable(0), manager.variable(2)),
      manager.and(manager.variable(1), manager.variable(3)),
    );
    expect(again).toBe(ids[kept]);
  });

  it('drops everything else', () => {
    expect(ids[dropped]).toBe(-1);
    expect(manager.size).toBeLessThan(bdd.size);
    expect([ids[ZERO], ids[ONE]]).toEqual([ZERO, ONE]);
  });
});

describe('what-if in a long session', () => {
  // A baseline of about 4,900 diagram nodes, 10,500 once every goal's attack list has been read,
  // under a limit of 13,000; every whole-system toggle leaves up to 750 nodes behind, and a toggle
  // in view whose attack list is read up to 1,700, so thirty of them would pass the limit without
  // compaction.
  const system = generatedSystem(5, 40);
  const limits = { maxBddNodes: 13_000 };
  const defences = [...system.nodes.values()].filter((n): n is DefenceNode => n.kind === 'defence');
  const flip = (d: DefenceNode) => [{ kind: 'defence' as const, id: d.id, active: !d.active }];

  it('stays exact and equal to a fresh evaluation, toggle after toggle', () => {
    const baseline = evaluateTree(system, limits);
    const original = stateOf(baseline)!.bdd;
    for (const d of defences.slice(0, 30)) {
      const result = whatIf(system, baseline, flip(d));
      expect(snapshot(result.evaluation)).toBe(snapshot(evaluateTree(result.tree, limits)));
      expect(result.evaluation.goals.every((g) => g.exact)).toBe(true);
    }
    expect(stateOf(baseline)!.bdd).not.toBe(original);
  });

  it('compacts when idle once three-quarters full, so the next toggles need not', () => {
    const baseline = evaluateTree(system, limits);
    const original = stateOf(baseline)!.bdd;
    // The lists fill the manager: a session that has looked at every goal.
    for (const g of baseline.goals) void g.attacks;
    expect(original.size).toBeGreaterThanOrEqual(0.75 * limits.maxBddNodes);
    expect(original.size).toBeLessThan(0.9 * limits.maxBddNodes);
    expect(compactWhenNearlyFull(baseline)).toBe(true);
    const compacted = stateOf(baseline)!.bdd;
    expect(compacted).not.toBe(original);
    expect(compacted.size).toBeLessThan(original.size);
    expect(compactWhenNearlyFull(baseline)).toBe(false); // not again until it has grown
    const result = whatIf(system, baseline, flip(defences[0]!));
    expect(stateOf(baseline)!.bdd).toBe(compacted);
    expect(snapshot(result.evaluation)).toBe(snapshot(evaluateTree(result.tree, limits)));
    expect(compactWhenNearlyFull(evaluateTree(system, { maxBddNodes: 1_000_000 }))).toBe(false);
  });

  it('lists attacks right, read when shown or after a compaction', () => {
    const baseline = evaluateTree(system, limits);
    const goal = baseline.goals[0]!.id;
    const expected = (result: ScopedWhatIfResult) =>
      evaluateTree(result.tree, limits).goals.filter((g) => g.id === goal);
    let compactions = 0;
    let readAfterCompaction = 0;
    let manager = stateOf(baseline)!.bdd; // stateOf only reads; a what-if compacts
    let unread: ScopedWhatIfResult | undefined;
    const noticeCompaction = (): void => {
      if (stateOf(baseline)!.bdd === manager) return;
      compactions++;
      manager = stateOf(baseline)!.bdd;
      // Made on the manager before: its attack list is made from that manager, on first read.
      if (unread) {
        for (const g of unread.goals) void g.attacks;
        expect(unread.goals).toEqual(expected(unread));
        readAfterCompaction++;
        unread = undefined;
      }
    };
    for (const [k, d] of defences.slice(0, 30).entries()) {
      const result = whatIfInView(system, baseline, flip(d), [goal]);
      noticeCompaction();
      // As the explorer does: the list of the goal in view right after the toggle.
      for (const g of result.goals) void g.attacks;
      expect(result.goals).toEqual(expected(result));
      // Two toggles at once, its list left unread until the next compaction (the last one only:
      // each list read fills the old manager further).
      const both = whatIfInView(system, baseline, [...flip(d), ...flip(defences[k + 30]!)], [goal]);
      noticeCompaction();
      unread = both;
    }
    expect(compactions).toBeGreaterThan(0);
    expect(readAfterCompaction).toBeGreaterThan(0);
  });
});
