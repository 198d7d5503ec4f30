import { compareIds, type NodeId } from '../tree/attack-tree';
import { VAR_ASSUMPTION, VAR_MODULE, VAR_PASS, VAR_STEP } from './compile-tree';
import { BddOverflow } from './bdd';
import { cheapestSets, countSets, minimalSolutions } from './minimal-attacks';
import { AttackDurations } from './attack-durations';
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
  let durations: AttackDurations | undefined;
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
      durations ??= new AttackDurations(state, i);
      attacks.push(compose(durations, options, modules, pick));
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

function compose(
  durations: AttackDurations,
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
  return { vars, cost, probability, skill, time: durations.of(events, moduleTimes) };
}

function compareNumbers(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return a.length - b.length;
}
