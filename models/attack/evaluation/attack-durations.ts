import { ONE, ZERO } from './bdd';
import { GATE_OR, GATE_SAND, NODE_ASSUMPTION, NODE_DEFENCE, NODE_GATE, NODE_STEP } from './compile-tree';
import type { EvaluationState } from './node-results';

/**
 * Durations of the attacks listed for one node (`root`): the series-parallel reading of SAND
 * (sum) and AND (max) restricted to the attack, OR taking the fastest branch the attack enables,
 * getting past a defence before the node it counters (sum). Module atoms inside the root are
 * replaced by the durations of the module attacks chosen.
 *
 * An attack touches a sliver of the root's structure: a node's function depends only on the
 * events below it, so on an attack none of whose events lies below it, a monotone function is
 * true only if it is constantly true. Each attack marks its events and their ancestors inside the
 * root's cone, and the visit skips unmarked nodes with a non-constant diagram without looking
 * below them. The cone is made once per listed node, mostly from parts kept per tree below widely
 * shared nodes (`sharedParts`).
 */
export class AttackDurations {
  /** The nodes a visit from the root can reach: below it, not inside a module below it. */
  private readonly cone: Cone;
  private readonly stack: number[] = [];

  constructor(
    private readonly state: EvaluationState,
    private readonly root: number,
  ) {
    this.cone = coneOf(state, root);
  }

  /** Duration of the root when the attacker has exactly `events` (basic events outside modules)
   * and, for each module atom in `moduleTimes`, an attack of that module taking that time.
   * Memoised per call in the state's scratch arrays (a generation stamp instead of clearing). */
  of(events: readonly number[], moduleTimes: readonly (readonly [number, number])[]): number {
    const { state } = this;
    const { compiled, scratch } = state;
    if (scratch.generation === 0xffffffff) {
      scratch.stamp.fill(0);
      scratch.mark.fill(0);
      scratch.event.fill(0);
      scratch.module.fill(0);
      scratch.generation = 0;
    }
    const stamp = ++scratch.generation;
    for (const v of events) {
      scratch.event[v] = stamp;
      this.markAbove(compiled.varNode[v]!, stamp);
    }
    for (const [node, time] of moduleTimes) {
      scratch.module[node] = stamp;
      scratch.moduleTime[node] = time;
      scratch.event[compiled.atomVar[node]!] = stamp;
      this.markAbove(node, stamp);
    }
    return this.visit(this.root, -1, stamp);
  }

  /** Marks `start` and its ancestors inside the cone (a shared hub has many ancestors outside it:
   * every goal built on it). */
  private markAbove(start: number, stamp: number): void {
    const { scratch } = this.state;
    if (scratch.mark[start] === stamp) return;
    scratch.mark[start] = stamp;
    const { stack } = this;
    stack.push(start);
    while (stack.length > 0) {
      for (const p of this.state.compiled.parents[stack.pop()!]!) {
        if (scratch.mark[p] === stamp || !this.cone.has(p)) continue;
        scratch.mark[p] = stamp;
        stack.push(p);
      }
    }
  }

  private visit(n: number, parent: number, stamp: number): number {
    const { state, root } = this;
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
        else if (gate === GATE_OR) t = this.fastestBranch(n, stamp);
        else {
          t = 0;
          for (const c of children) {
            const ct = this.visit(c, n, stamp);
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
        t =
          compiled.partial[n] && scratch.event[compiled.rawVar[n]!] === stamp ? compiled.time[n]! : Infinity;
        for (const c of compiled.children[n]!) t = Math.min(t, this.visit(c, n, stamp));
        break;
      }
      default:
        t = Infinity;
    }
    for (const d of compiled.defences[n]!) if (t !== Infinity) t += this.visit(d, n, stamp);
    scratch.stamp[n] = stamp;
    scratch.value[n] = t;
    return t;
  }

  /** The fastest child of OR node `n` the attack enables. A branch restricted to the attack is
   * never faster than its unrestricted time, so a branch that cannot beat the best found is
   * skipped, and so is one whose function is false on the attack (not marked, and neither
   * constant nor without a diagram), without a call. */
  private fastestBranch(n: number, stamp: number): number {
    const { state } = this;
    const { compiled, scratch } = state;
    let t = Infinity;
    for (const c of compiled.children[n]!) {
      const r = state.results.get(c);
      if (!r || r.time >= t || (r.bdd > ONE && scratch.mark[c] !== stamp)) continue;
      t = Math.min(t, this.visit(c, n, stamp));
    }
    return t;
  }
}

/** A set of tree nodes, one bit each. */
class Cone {
  readonly words: Uint32Array;

  constructor(size: number) {
    this.words = new Uint32Array((size + 31) >>> 5);
  }

  has(n: number): boolean {
    return ((this.words[n >>> 5]! >>> (n & 31)) & 1) === 1;
  }

  add(n: number): void {
    this.words[n >>> 5]! |= 1 << (n & 31);
  }

  addAll(other: Cone): void {
    const { words } = this;
    const from = other.words;
    for (let k = 0; k < words.length; k++) words[k]! |= from[k]!;
  }
}

/** A node with this many parents has its part of any cone kept (`sharedParts`). */
const SHARED_FROM = 16;

/** Per compiled tree, the part of a cone below each widely shared node: the node, and, unless it
 * is a module atom, what its children (placed before it) contribute. It does not depend on the
 * cone's root, so the 500 goals above a 500-service hub each add the hub's part instead of walking
 * it again (20,000 nodes a goal). */
const sharedParts = new WeakMap<EvaluationState['compiled'], Map<number, Cone>>();

/** The nodes a duration visit from `root` can reach: below it, not inside a module below it. */
function coneOf(state: EvaluationState, root: number): Cone {
  const { compiled } = state;
  let parts = sharedParts.get(compiled);
  if (!parts) sharedParts.set(compiled, (parts = new Map()));
  const cone = new Cone(compiled.ids.length);
  cone.add(root);
  fillBelow(compiled, parts, cone, root);
  return cone;
}

/** Adds to `cone` what `from` (already in it) contributes below itself. */
function fillBelow(
  compiled: EvaluationState['compiled'],
  parts: Map<number, Cone>,
  cone: Cone,
  from: number,
): void {
  const stack = [from];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n !== from && compiled.atom[n]) continue;
    for (const list of [compiled.children[n]!, compiled.defences[n]!]) {
      for (const c of list) {
        if (cone.has(c) || compiled.position[c]! >= compiled.position[n]!) continue;
        if (compiled.parents[c]!.length >= SHARED_FROM) {
          cone.addAll(sharedPart(compiled, parts, c));
          continue;
        }
        cone.add(c);
        stack.push(c);
      }
    }
  }
}

function sharedPart(compiled: EvaluationState['compiled'], parts: Map<number, Cone>, n: number): Cone {
  let part = parts.get(n);
  if (!part) {
    part = new Cone(compiled.ids.length);
    part.add(n);
    if (!compiled.atom[n]) fillBelow(compiled, parts, part, n);
    parts.set(n, part);
  }
  return part;
}

/** Whether a node's function (a BDD over basic events and module events) holds when exactly the
 * events stamped for the current attack are true: one path from the root to a terminal. */
function satisfiedBy(state: EvaluationState, f: number, stamp: number): boolean {
  const { bdd, scratch } = state;
  while (f !== ZERO && f !== ONE) f = scratch.event[bdd.level(f)] === stamp ? bdd.high(f) : bdd.low(f);
  return f === ONE;
}
