// An independent oracle for small trees: enumerates every subset of basic events and evaluates
// the ADTree semantics directly on the tree objects. Exponential; for ≤ 14 events.
import {
  partialEffectOf,
  type AttackTree,
  type NodeId,
  type TreeNode,
} from '../../../../models/attack/tree/attack-tree';
import type { NodeStatus } from '../../../../models/attack/evaluation/evaluation-types';

export interface BruteForceResult {
  status: NodeStatus;
  minCost: number;
  minTime: number;
  minSkill: number;
  probability: number;
  /** Minimal attacks as sorted lists of event ids (steps, unknown assumptions, partial defences). */
  attacks: { events: NodeId[]; cost: number; time: number; skill: number; probability: number }[];
}

interface Event {
  id: NodeId;
  probability: number;
  cost: number;
  skill: number;
  pass: boolean;
}

export function bruteForce(tree: AttackTree, goal: NodeId): BruteForceResult {
  const events: Event[] = [];
  for (const node of tree.nodes.values()) {
    if (node.kind === 'step') {
      events.push({
        id: node.id,
        probability: node.attributes.probability,
        cost: node.attributes.cost,
        skill: node.attributes.skill,
        pass: false,
      });
    } else if (node.kind === 'assumption' && node.holds === 'unknown') {
      events.push({ id: node.id, probability: node.probability, cost: 0, skill: 0, pass: false });
    } else if (node.kind === 'defence' && node.active && node.effect === 'partial') {
      const e = partialEffectOf(node);
      events.push({ id: node.id, probability: e.probabilityFactor, cost: e.addedCost, skill: 0, pass: true });
    }
  }
  if (events.length > 14) throw new Error('too many events for brute force');
  const defencesOf = new Map<NodeId, TreeNode[]>();
  for (const node of tree.nodes.values()) {
    if (node.kind !== 'defence') continue;
    for (const t of node.counters) defencesOf.set(t, [...(defencesOf.get(t) ?? []), node]);
  }

  const satisfied = (id: NodeId, has: (id: NodeId) => boolean): boolean => {
    const node = tree.nodes.get(id)!;
    let ok: boolean;
    switch (node.kind) {
      case 'step':
        ok = has(id);
        break;
      case 'assumption':
        ok = node.holds === true || (node.holds === 'unknown' && has(id));
        break;
      case 'defence': {
        if (!node.active) return true;
        const counter = node.children.some((c) => satisfied(c, has));
        return counter || (node.effect === 'partial' && has(id));
      }
      default:
        ok =
          node.children.length > 0 &&
          (node.gate === 'OR'
            ? node.children.some((c) => satisfied(c, has))
            : node.children.every((c) => satisfied(c, has)));
    }
    return ok && (defencesOf.get(id) ?? []).every((d) => satisfied(d.id, has));
  };

  const duration = (id: NodeId, has: (id: NodeId) => boolean): number => {
    const node = tree.nodes.get(id)!;
    let t: number;
    switch (node.kind) {
      case 'step':
        t = has(id) ? node.attributes.time : Infinity;
        break;
      case 'assumption':
        t = node.holds === true || (node.holds === 'unknown' && has(id)) ? 0 : Infinity;
        break;
      case 'defence': {
        if (!node.active) return 0;
        let best = Math.min(...node.children.map((c) => duration(c, has)), Infinity);
        if (node.effect === 'partial' && has(id)) best = Math.min(best, partialEffectOf(node).addedTime);
        return best;
      }
      default: {
        const times = node.children.map((c) => duration(c, has));
        t =
          times.length === 0
            ? Infinity
            : node.gate === 'OR'
              ? Math.min(...times)
              : node.gate === 'SAND'
                ? times.reduce((a, b) => a + b, 0)
                : Math.max(...times);
      }
    }
    for (const d of defencesOf.get(id) ?? []) t += duration(d.id, has);
    return t;
  };

  const n = events.length;
  const sat = new Uint8Array(1 << n);
  let probability = 0;
  let minCost = Infinity;
  let minTime = Infinity;
  let minSkill = Infinity;
  const cost = (mask: number) => events.reduce((s, e, k) => (mask & (1 << k) ? s + e.cost : s), 0);
  const skill = (mask: number) => events.reduce((s, e, k) => (mask & (1 << k) ? Math.max(s, e.skill) : s), 0);
  const chance = (mask: number) => events.reduce((p, e, k) => (mask & (1 << k) ? p * e.probability : p), 1);
  const hasOf = (mask: number) => {
    const ids = new Set(events.filter((_, k) => mask & (1 << k)).map((e) => e.id));
    return (id: NodeId) => ids.has(id);
  };
  for (let mask = 0; mask < 1 << n; mask++) {
    const has = hasOf(mask);
    if (!satisfied(goal, has)) continue;
    sat[mask] = 1;
    let p = 1;
    events.forEach((e, k) => (p *= mask & (1 << k) ? e.probability : 1 - e.probability));
    probability += p;
    minCost = Math.min(minCost, cost(mask));
    minTime = Math.min(minTime, duration(goal, has));
    minSkill = Math.min(minSkill, skill(mask));
  }
  const attacks: BruteForceResult['attacks'] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    if (!sat[mask]) continue;
    let minimal = true;
    for (let k = 0; k < n; k++) if (mask & (1 << k) && sat[mask & ~(1 << k)]) minimal = false;
    if (!minimal) continue;
    const has = hasOf(mask);
    attacks.push({
      events: events
        .filter((_, k) => mask & (1 << k))
        .map((e) => e.id)
        .sort(),
      cost: cost(mask),
      time: duration(goal, has),
      skill: skill(mask),
      probability: chance(mask),
    });
  }
  const all = (1 << n) - 1;
  const withoutPasses = events.reduce((m, e, k) => (e.pass ? m & ~(1 << k) : m), all);
  const status: NodeStatus = !sat[all] ? 'mitigated' : sat[withoutPasses] ? 'open' : 'partially-mitigated';
  return { status, minCost, minTime, minSkill, probability, attacks };
}
