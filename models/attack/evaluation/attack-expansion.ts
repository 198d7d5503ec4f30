import { compareIds, type NodeId } from '../tree/attack-tree';
import {
  NODE_ASSUMPTION,
  NODE_DEFENCE,
  NODE_GATE,
  NODE_STEP,
  GATE_OR,
  GATE_SAND,
  VAR_ASSUMPTION,
  VAR_MODULE,
  VAR_PASS,
  VAR_STEP,
} from './compile-tree';
import { BddOverflow, ONE, ZERO } from './bdd';
import { cheapestSets, countSets, minimalSolutions } from './minimal-attacks';
import { diagramOf, type EvaluationState } from './node-results';
import { roomierState } from './compact-state';
import type { Attack } from './evaluation-types';

/** A minimal attack in basic events, with its metrics. */
export interface ConcreteAttack {
  /** Basic events (steps, unknown assumptions, partial defences passed), ascending. */
  vars: number[];
  cost: number;
  probability: number;
  skill: number;
  time: number;
}

export interface ConcreteFamily {
  /** The cheapest minimal attacks, at most `maxAttacksPerGoal`. */
  attacks: ConcreteAttack[];
  /** How many minimal attacks there are in all (exact up to 2^53, then approximate); NaN when
   * the BDD limit was reached. */
  count: number;
  /** False when attacks were left out or the node lies on a cycle. */
  complete: boolean;
  /** The limit that left attacks out. */
  bound?: number;
}

/** Minimal attacks of node `i` in basic events, cheapest first. The node's BDD is over basic
 * events and module atoms; its minimal solutions (`minimal-attacks.ts`) are listed cheapest
 * first, and each module atom is replaced by each of the module's own minimal attacks. Modules
 * have disjoint basic events, so every combination is again a minimal attack and no subsumption
 * check is needed; the metrics of a combination are composed from the parts (sum of costs,
 * product of probabilities, max of skills), and only its duration is recomputed over the part of
 * the structure outside the modules. When the list is cut at the limit it holds the cheapest
 * module-level attacks, each with the cheapest attacks of its modules first. Memoised per node in
 * `state.expansions`. A list that runs out of room on a manager since compacted away is made on a
 * fresh copy of the state (`roomierState`). */
export function expandAttacks(state: EvaluationState, i: number): ConcreteFamily {
  const cached = state.expansions.get(i);
  if (cached) return cached;
  const { compiled, limits } = state;
  const result = state.results.get(i)!;
  const overflow: ConcreteFamily = { attacks: [], count: NaN, complete: false, bound: limits.maxBddNodes };
  let family: ConcreteFamily;
  if (!result.sat) family = { attacks: [], count: 0, complete: true };
  else if (result.bdd < 0 && !result.deferred) family = overflow;
  else family = listedWithin(state, i) ?? listedWithin(roomierState(state), i) ?? overflow;
  if (compiled.inexact[i]) family = { ...family, complete: false };
  state.expansions.set(i, family);
  return family;
}

/** The list, or undefined when the diagram or the list would pass the manager's node limit. */
function listedWithin(state: EvaluationState | undefined, i: number): ConcreteFamily | undefined {
  if (!state) return undefined;
  try {
    const f = diagramOf(state, i);
    return f < 0 ? undefined : listAttacks(state, i, f);
  } catch (error) {
    if (!(error instanceof BddOverflow)) throw error;
    return undefined;
  }
}

function listAttacks(state: EvaluationState, i: number, f: number): ConcreteFamily {
  const { compiled, bdd } = state;
  const cap = state.limits.maxAttacksPerGoal;
  const isModule = (v: number): boolean => compiled.varKind[v] === VAR_MODULE;
  const solutions = minimalSolutions(bdd, f);
  const count = countSets(
    bdd,
    solutions,
    (v) => (isModule(v) ? expandAttacks(state, compiled.varNode[v]!).count : 1),
    new Map(),
  );
  const { sets, more } = cheapestSets(bdd, solutions, cap, (v) => state.varCost[v]!);
  const attacks: ConcreteAttack[] = [];
  let cone: Uint8Array | undefined;
  let complete = !more;
  let bound: number | undefined = more ? cap : undefined;
  outer: for (const set of sets) {
    const options: ConcreteAttack[][] = [];
    const modules: number[] = [];
    for (const v of set) {
      if (isModule(v)) {
        const inner = expandAttacks(state, compiled.varNode[v]!);
        if (!inner.complete) {
          complete = false;
          bound ??= inner.bound;
        }
        options.push(inner.attacks);
        modules.push(compiled.varNode[v]!);
      } else {
        options.push([basicAttack(state, v)]);
        modules.push(-1);
      }
    }
    if (options.some((o) => o.length === 0)) continue;
    const pick = new Array<number>(options.length).fill(0);
    for (;;) {
      if (attacks.length >= cap) {
        complete = false;
        bound = cap;
        break outer;
      }
      cone ??= coneOf(state, i);
      attacks.push(compose(state, i, cone, options, modules, pick));
      let k = options.length - 1;
      while (k >= 0 && ++pick[k]! === options[k]!.length) pick[k--] = 0;
      if (k < 0) break;
    }
  }
  attacks.sort((a, b) => a.cost - b.cost || a.time - b.time || compareNumbers(a.vars, b.vars));
  return { attacks, count, complete, ...(bound !== undefined && !complete && { bound }) };
}

/** The public form of an attack: node ids by role, sorted. */
export function toAttack(state: EvaluationState, attack: ConcreteAttack): Attack {
  const { compiled } = state;
  const steps: NodeId[] = [];
  const assumed: NodeId[] = [];
  const partialDefences: NodeId[] = [];
  for (const v of attack.vars) {
    const id = compiled.ids[compiled.varNode[v]!]!;
    const k = compiled.varKind[v];
    if (k === VAR_STEP) steps.push(id);
    else if (k === VAR_ASSUMPTION) assumed.push(id);
    else if (k === VAR_PASS) partialDefences.push(id);
  }
  steps.sort(compareIds);
  assumed.sort(compareIds);
  partialDefences.sort(compareIds);
  return {
    key: attackKey(steps, assumed),
    steps,
    assumed,
    partialDefences,
    cost: attack.cost,
    time: attack.time,
    skill: attack.skill,
    probability: attack.probability,
  };
}

/** Identity of an attack: what the attacker does and relies on. */
export function attackKey(steps: readonly NodeId[], assumed: readonly NodeId[]): string {
  return assumed.length === 0 ? steps.join(' + ') : `${steps.join(' + ')} | assumes ${assumed.join(' + ')}`;
}

function basicAttack(state: EvaluationState, v: number): ConcreteAttack {
  const { compiled } = state;
  return {
    vars: [v],
    cost: state.varCost[v]!,
    probability: state.varProbability[v]!,
    // Step attributes are part of the compiled tree (what-if changes no step).
    skill: compiled.varKind[v] === VAR_STEP ? compiled.skill[compiled.varNode[v]!]! : 0,
    time: 0,
  };
}

/** The nodes a duration visit from `root` can reach: below it, not inside a module below it. */
function coneOf(state: EvaluationState, root: number): Uint8Array {
  const { compiled } = state;
  const cone = new Uint8Array(compiled.ids.length);
  cone[root] = 1;
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n !== root && compiled.atom[n]) continue;
    for (const list of [compiled.children[n]!, compiled.defences[n]!]) {
      for (const c of list) {
        if (cone[c] || compiled.position[c]! >= compiled.position[n]!) continue;
        cone[c] = 1;
        stack.push(c);
      }
    }
  }
  return cone;
}

function compose(
  state: EvaluationState,
  i: number,
  cone: Uint8Array,
  options: ConcreteAttack[][],
  modules: number[],
  pick: number[],
): ConcreteAttack {
  const vars: number[] = [];
  const events: number[] = [];
  const moduleTimes: [number, number][] = [];
  let cost = 0;
  let probability = 1;
  let skill = 0;
  for (let k = 0; k < options.length; k++) {
    const part = options[k]![pick[k]!]!;
    vars.push(...part.vars);
    cost += part.cost;
    probability *= part.probability;
    skill = Math.max(skill, part.skill);
    if (modules[k]! >= 0) moduleTimes.push([modules[k]!, part.time]);
    else events.push(part.vars[0]!);
  }
  vars.sort((a, b) => a - b);
  return { vars, cost, probability, skill, time: durationOf(state, i, cone, events, moduleTimes) };
}

/** Duration of node `i` when the attacker has exactly these basic events, with module atoms
 * inside it replaced by the durations of the module attacks chosen: the series-parallel reading
 * of SAND (sum) and AND (max) restricted to the attack, OR taking the fastest branch it enables.
 * Memoised per call in the state's scratch arrays (a generation stamp instead of clearing). */
function durationOf(
  state: EvaluationState,
  i: number,
  cone: Uint8Array,
  events: readonly number[],
  moduleTimes: readonly (readonly [number, number])[],
): number {
  const { scratch } = state;
  if (scratch.generation === 0xffffffff) {
    scratch.stamp.fill(0);
    scratch.mark.fill(0);
    scratch.event.fill(0);
    scratch.module.fill(0);
    scratch.generation = 0;
  }
  const stamp = ++scratch.generation;
  const { compiled } = state;
  for (const v of events) {
    scratch.event[v] = stamp;
    markAbove(state, compiled.varNode[v]!, cone, stamp);
  }
  for (const [node, time] of moduleTimes) {
    scratch.module[node] = stamp;
    scratch.moduleTime[node] = time;
    scratch.event[compiled.atomVar[node]!] = stamp;
    markAbove(state, node, cone, stamp);
  }
  return visitDuration(state, i, i, -1, stamp);
}

/** Marks `start` and its ancestors inside the cone of the goal being listed (a shared hub has
 * many ancestors outside it: every goal built on it). A node's function depends only on the events below it, so on an attack none of whose events lies
 * below it, a monotone function is true only if it is constantly true: the visit skips the
 * unmarked, non-constant nodes without looking at them, and its cost follows the attack's own
 * part of the tree rather than the width of the goal (a hub's OR over every workload). */
function markAbove(state: EvaluationState, start: number, cone: Uint8Array, stamp: number): void {
  const { compiled, scratch } = state;
  if (scratch.mark[start] === stamp) return;
  scratch.mark[start] = stamp;
  const stack = [start];
  while (stack.length > 0) {
    for (const p of compiled.parents[stack.pop()!]!) {
      if (scratch.mark[p] === stamp || !cone[p]) continue;
      scratch.mark[p] = stamp;
      stack.push(p);
    }
  }
}

function visitDuration(
  state: EvaluationState,
  root: number,
  n: number,
  parent: number,
  stamp: number,
): number {
  const { compiled, scratch } = state;
  if (parent >= 0 && compiled.position[n]! >= compiled.position[parent]!) return Infinity;
  const r = state.results.get(n);
  if (!r || !r.sat) return Infinity;
  if (n !== root && compiled.atom[n]) {
    if (r.bdd === ONE) return r.time;
    return scratch.module[n] === stamp ? scratch.moduleTime[n]! : Infinity;
  }
  if (scratch.stamp[n] === stamp) return scratch.value[n]!;
  let t: number;
  if (r.bdd >= 0 && r.bdd !== ONE && (scratch.mark[n] !== stamp || !satisfiedBy(state, r.bdd, stamp))) {
    // The node's function is false on the attack (no event of the attack below it, or one path
    // of its BDD): no need to explore the branches below it.
    scratch.stamp[n] = stamp;
    scratch.value[n] = Infinity;
    return Infinity;
  }
  switch (compiled.kind[n]) {
    case NODE_STEP:
      t = scratch.event[compiled.rawVar[n]!] === stamp ? compiled.time[n]! : Infinity;
      break;
    case NODE_ASSUMPTION: {
      const holds = state.holds[n];
      t = holds === 1 || (holds === -1 && scratch.event[compiled.rawVar[n]!] === stamp) ? 0 : Infinity;
      break;
    }
    case NODE_GATE: {
      const children = compiled.children[n]!;
      const gate = compiled.gate[n];
      if (children.length === 0) t = Infinity;
      else if (gate === GATE_OR) {
        // A branch restricted to the attack is never faster than its unrestricted time: skip
        // branches that cannot beat the best found.
        t = Infinity;
        for (const c of children) {
          if ((state.results.get(c)?.time ?? Infinity) < t)
            t = Math.min(t, visitDuration(state, root, c, n, stamp));
        }
      } else {
        t = 0;
        for (const c of children) {
          const ct = visitDuration(state, root, c, n, stamp);
          t = gate === GATE_SAND ? t + ct : Math.max(t, ct);
          if (t === Infinity) break;
        }
      }
      break;
    }
    case NODE_DEFENCE: {
      if (!state.active[n]) {
        t = 0;
        break;
      }
      t = compiled.partial[n] && scratch.event[compiled.rawVar[n]!] === stamp ? compiled.time[n]! : Infinity;
      for (const c of compiled.children[n]!) t = Math.min(t, visitDuration(state, root, c, n, stamp));
      break;
    }
    default:
      t = Infinity;
  }
  for (const d of compiled.defences[n]!) if (t !== Infinity) t += visitDuration(state, root, d, n, stamp);
  scratch.stamp[n] = stamp;
  scratch.value[n] = t;
  return t;
}

/** Whether a node's function (a BDD over basic events and module events) holds when exactly the
 * events stamped for the current attack are true: one path from the root to a terminal. */
function satisfiedBy(state: EvaluationState, f: number, stamp: number): boolean {
  const { bdd, scratch } = state;
  while (f !== ZERO && f !== ONE) f = scratch.event[bdd.level(f)] === stamp ? bdd.high(f) : bdd.low(f);
  return f === ONE;
}

function compareNumbers(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return a.length - b.length;
}
