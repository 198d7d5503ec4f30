// Seeded generators of attack-defence DAGs for property tests and benches. Same seed, same tree.
import type { AssumptionHolds, AttackTree, Gate, NodeId } from '../../../../models/attack/tree/attack-tree';
import { TreeBuilder } from '../../../../models/attack/tree/tree-builder';

/** Mulberry32: a small, fast, seeded generator (d3's lcg plays the same role). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomDagOptions {
  steps: number;
  gates: number;
  assumptions: number;
  defences: number;
  /** Each node gets at most one parent and each defence counters one node. */
  treeShaped?: boolean;
  /** Gates allowed (default all three). */
  gateKinds?: readonly Gate[];
  /** Allow partial defences (default true). */
  partial?: boolean;
  /** Allow counter-attacks on defences (default true). */
  counterAttacks?: boolean;
  /** Allow inactive defences (default true). */
  inactive?: boolean;
  /** Extra goals, each a random gate over one shared gate and one other node: the shared gate gets
   * that many parents, as a hub does ("root on the host" under every goal of a system). */
  goalsOnOneGate?: number;
}

/** A random DAG whose last gate is the goal. Children are picked among earlier nodes, so there is
 * no cycle; attributes are small integers so that metric comparisons are exact. */
export function randomDag(seed: number, options: RandomDagOptions): AttackTree {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const b = new TreeBuilder();
  const pool: NodeId[] = [];
  const unused = new Set<NodeId>();
  const take = (): NodeId | undefined => {
    if (options.treeShaped) {
      const free = pool.filter((id) => unused.has(id));
      if (free.length === 0) return undefined;
      const id = pick(free);
      unused.delete(id);
      return id;
    }
    return pick(pool);
  };

  for (let k = 0; k < options.steps; k++) {
    const id = `s${k}`;
    b.step(id, {
      cost: Math.floor(random() * 10),
      time: Math.floor(random() * 6),
      skill: Math.floor(random() * 5),
      probability: pick([0.1, 0.25, 0.5, 0.75, 0.9, 1]),
    });
    pool.push(id);
    unused.add(id);
  }
  for (let k = 0; k < options.assumptions; k++) {
    const id = `a${k}`;
    b.assumption(id, pick<AssumptionHolds>([true, false, 'unknown', 'unknown']), {
      probability: pick([0.2, 0.5, 0.8]),
    });
    pool.push(id);
    unused.add(id);
  }
  const gateKinds = options.gateKinds ?? ['OR', 'AND', 'SAND'];
  const gates: NodeId[] = [];
  for (let k = 0; k < options.gates; k++) {
    const id = `g${k}`;
    const children: NodeId[] = [];
    const count = 1 + Math.floor(random() * 3);
    for (let c = 0; c < count; c++) {
      const child = take();
      if (child !== undefined && !children.includes(child)) children.push(child);
    }
    if (children.length === 0) break;
    const last = k === options.gates - 1;
    const gate = pick(gateKinds);
    if (last) b.goal(id, gate, children);
    else if (gate === 'OR') b.or(id, children);
    else if (gate === 'AND') b.and(id, children);
    else b.sand(id, children);
    pool.push(id);
    unused.add(id);
    gates.push(id);
  }
  if (options.goalsOnOneGate && gates.length > 1) {
    const shared = gates[Math.floor(gates.length / 2)]!;
    for (let k = 0; k < options.goalsOnOneGate; k++) {
      const id = `w${k}`;
      const other = pick(pool.filter((n) => n !== shared));
      const gate = pick(gateKinds);
      b.goal(id, gate, [shared, other]);
      pool.push(id);
    }
  }
  const attackNodes = [...pool];
  const countered = new Set<NodeId>();
  for (let k = 0; k < options.defences; k++) {
    const id = `d${k}`;
    const candidates = options.treeShaped ? attackNodes.filter((n) => !countered.has(n)) : attackNodes;
    if (candidates.length === 0) break;
    const targets = [pick(candidates)];
    if (!options.treeShaped && random() < 0.3) targets.push(pick(candidates));
    for (const t of targets) countered.add(t);
    const partial = options.partial !== false && random() < 0.4;
    const children: NodeId[] = [];
    if (options.counterAttacks !== false && random() < 0.4) {
      const counter = `c${k}`;
      b.step(counter, {
        cost: Math.floor(random() * 10),
        time: Math.floor(random() * 6),
        skill: Math.floor(random() * 5),
        probability: pick([0.25, 0.5, 0.75]),
      });
      children.push(counter);
    }
    b.defence(id, [...new Set(targets)], {
      active: options.inactive === false ? true : random() < 0.75,
      children,
      ...(partial && {
        partial: {
          probabilityFactor: pick([0.25, 0.5, 0.75]),
          addedCost: Math.floor(random() * 4),
          addedTime: Math.floor(random() * 3),
        },
      }),
    });
  }
  return b.build();
}

/** A generated-looking system the size of a large deployment: `services` workloads spread over
 * hosts, each with entry points (published port, mutable image), a shared "exec in service"
 * sub-goal fed by its entries and by lateral movement from up to two services on the same host, container
 * escapes guarded by defences (some partial, some with host-fact assumptions), and goals per host
 * (root on the host) and per service (steal its secrets). Realistic sharing: every exec-in node
 * feeds several parents. */
export function generatedSystem(seed: number, services: number, servicesPerHost = 10): AttackTree {
  const random = seededRandom(seed);
  const b = new TreeBuilder();
  const attrs = () => ({
    cost: 1 + Math.floor(random() * 20),
    time: 1 + Math.floor(random() * 10),
    skill: 1 + Math.floor(random() * 4),
    probability: 0.1 + Math.floor(random() * 8) / 10,
  });
  const hosts = Math.ceil(services / servicesPerHost);
  const kernelFacts: NodeId[] = [];
  for (let h = 0; h < hosts; h++) {
    const id = `host${h}:kernel-vulnerable`;
    b.assumption(id, 'unknown', { probability: 0.3, key: 'kernel', value: '5.10' });
    kernelFacts.push(id);
  }
  for (let s = 0; s < services; s++) {
    const svc = `svc${s}`;
    const host = Math.floor(s / servicesPerHost);
    b.step(`${svc}:rce`, attrs(), { ruleId: 'R31', attack: ['T1190'], elementId: svc });
    b.step(`${svc}:malicious-image`, attrs(), { ruleId: 'R26', attack: ['T1204.003'], elementId: svc });
    b.defence(`${svc}:pin-digest`, [`${svc}:malicious-image`], {
      mitigation: 'immutable-image',
      active: random() < 0.5,
    });
    const entries = [`${svc}:rce`, `${svc}:malicious-image`];
    // Lateral movement from up to two services of the same host (namespace).
    const first = host * servicesPerHost;
    const upstream = [s - 1, first + Math.floor(random() * (s - first))].filter((u) => u >= first && u < s);
    for (const u of new Set(upstream)) {
      const move = `svc${u}->${svc}:reach`;
      b.step(move, attrs(), { ruleId: 'R25', attack: ['T1210'] });
      b.defence(`svc${u}->${svc}:network-policy`, [move], {
        mitigation: 'network-policy',
        active: random() < 0.3,
      });
      b.sand(`svc${u}->${svc}:lateral`, [`svc${u}:exec`, move]);
      entries.push(`svc${u}->${svc}:lateral`);
    }
    b.or(`${svc}:exec`, entries, { label: `code execution in ${svc}` });
    b.step(`${svc}:escape-socket`, attrs(), { ruleId: 'R04', attack: ['T1611'] });
    b.defence(`${svc}:no-socket`, [`${svc}:escape-socket`], {
      mitigation: 'no-runtime-socket',
      active: random() < 0.6,
    });
    b.step(`${svc}:dirty-pipe`, attrs(), { ruleId: 'R16', attack: ['T1068'] });
    b.and(`${svc}:kernel-exploit`, [`${svc}:dirty-pipe`, kernelFacts[host]!]);
    b.defence(`${svc}:seccomp`, [`${svc}:kernel-exploit`], {
      mitigation: 'seccomp-default',
      partial: { probabilityFactor: 0.5, addedCost: 5, addedTime: 2 },
    });
    b.or(`${svc}:escape`, [`${svc}:escape-socket`, `${svc}:kernel-exploit`]);
    b.sand(`${svc}:to-host`, [`${svc}:exec`, `${svc}:escape`]);
    b.step(`${svc}:read-env`, attrs(), { ruleId: 'R23', attack: ['T1552.007'] });
    b.defence(`${svc}:secrets-manager`, [`${svc}:read-env`], {
      mitigation: 'secrets-manager',
      active: random() < 0.4,
    });
    b.goal(`goal:secrets-of-${svc}`, 'SAND', [`${svc}:exec`, `${svc}:read-env`]);
  }
  for (let h = 0; h < hosts; h++) {
    const members: NodeId[] = [];
    for (let s = h * servicesPerHost; s < Math.min(services, (h + 1) * servicesPerHost); s++)
      members.push(`svc${s}:to-host`);
    b.goal(`goal:root-on-host${h}`, 'OR', members);
  }
  return b.build();
}
