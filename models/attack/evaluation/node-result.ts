import { ONE, ZERO } from './bdd';

/** What the evaluation knows about one node under the current defences and assumptions.
 *
 * - `sat`, `clean`, `time`, `skill` are computed bottom-up. That is exact on DAGs for these
 *   domains: Boolean satisfiability and (min, max) are idempotent lattices, so evaluating a shared
 *   node once per parent cannot double-count; `time` follows the series-parallel semantics of SAND
 *   (Jhawar et al. 2015), where it is the duration of the fastest attack.
 * - `cost` and `probability` are not: a shared step must be paid once, and P(A ∧ B) ≠ P(A)·P(B)
 *   when A and B share an event (reference §1.4). They are read off the node's BDD over its basic
 *   events and module atoms (Budde & Stoelinga 2021).
 * - `upCost` and `upProbability` are the plain bottom-up values (ADTool's MinCost and ProbSucc),
 *   reported, labelled inexact, only if the BDD outgrows its limit. On a DAG the bottom-up cost is
 *   the cost of a real attack that pays shared steps more than once, so it bounds the least cost
 *   from above.
 *
 * Minimal attacks are read off the BDD when asked for (`minimal-attacks.ts`).
 *
 * The diagram of a standalone node (one nothing depends on: a goal at the top) is left as its last
 * operation, `deferred`, when that operation would combine two diagrams: its metrics are read off
 * the operands (`combined-metrics.ts`), and `diagramOf` (`node-results.ts`) builds it for an attack
 * list, which is made only when read. Goals that are a small part of their own OR a large shared
 * sub-goal ("persistence in this workload or root on the host") then cost their own part, not a
 * copy of the shared diagram each. A node that only standalone gates read
 * (`CompiledTree.deferrable`: "in position on this flow", the OR of the hub with the flow's network
 * boundaries) is left the same way, and a standalone parent whose own operands all lie above it
 * ("tamper with this flow" = its step AND that position) is left stacked on it: its metrics follow
 * from the two parts' own, as they share no variable.
 *
 * For a defence node the result describes "the attacker is not stopped by this defence": always
 * when it is inactive, by a counter-attack when it blocks, by getting past it or by a
 * counter-attack when it is partial. An attack node countered by defences is its refinement AND
 * each of those. */
export interface NodeResult {
  sat: boolean;
  /** Achievable without getting past any partial defence. */
  clean: boolean;
  time: number;
  skill: number;
  /** The node's function as a BDD node, −1 when the node limit was reached or while `deferred`. */
  bdd: number;
  /** The last operation of the node's diagram, not yet done (see above). */
  deferred: DeferredDiagram | undefined;
  cost: number;
  probability: number;
  upCost: number;
  upProbability: number;
  /** False when cost or probability is a bound (cycle, BDD limit, inexact child). */
  exact: boolean;
}

/** A node's diagram, not yet built: two diagrams combined, or one stacked above a deferred node. */
export type DeferredDiagram = CombinedDiagram | StackedDiagram;

/** `narrow ∨ wide`, or `narrow ∧ wide`: `wide` is the operand whose diagram starts highest. */
export interface CombinedDiagram {
  readonly narrow: number;
  readonly wide: number;
  readonly conjunction: boolean;
}

/** `top ∨ D`, or `top ∧ D`, where D is the deferred diagram of node `node` and every variable of
 * the diagram `top` comes before every variable of D, so the two are independent. */
export interface StackedDiagram {
  readonly top: number;
  readonly node: number;
  readonly conjunction: boolean;
}

export function isStacked(deferred: DeferredDiagram): deferred is StackedDiagram {
  return 'top' in deferred;
}

/** Every result is made here, with its fields in one order. Results of every kind meet in the
 * same functions (the hub ORs over a thousand of them on every what-if), and objects of one shape
 * keep those functions fast: re-evaluating the 500 flow goals of a 500-service system took 8.6 µs
 * a goal while results were copied with spread syntax into a dozen shapes, 1.6 µs with one. */
export function nodeResult(
  sat: boolean,
  clean: boolean,
  time: number,
  skill: number,
  bdd: number,
  deferred: DeferredDiagram | undefined,
  cost: number,
  probability: number,
  upCost: number,
  upProbability: number,
  exact: boolean,
): NodeResult {
  return { sat, clean, time, skill, bdd, deferred, cost, probability, upCost, upProbability, exact };
}

/** `r` with another diagram (or deferred diagram) and metrics. */
export function resultWith(
  r: NodeResult,
  bdd: number,
  deferred: DeferredDiagram | undefined,
  cost: number,
  probability: number,
  exact: boolean,
): NodeResult {
  return nodeResult(
    r.sat,
    r.clean,
    r.time,
    r.skill,
    bdd,
    deferred,
    cost,
    probability,
    r.upCost,
    r.upProbability,
    exact,
  );
}

/** No attack: the node is not achievable. */
export const IMPOSSIBLE: NodeResult = nodeResult(
  false,
  false,
  Infinity,
  Infinity,
  ZERO,
  undefined,
  Infinity,
  0,
  Infinity,
  0,
  true,
);
/** The same, as a bound (a cycle, or a child past its limit). */
export const IMPOSSIBLE_INEXACT: NodeResult = resultWith(IMPOSSIBLE, ZERO, undefined, Infinity, 0, false);
/** Achieved without doing anything (an assumption that holds, an inactive defence). */
export const FREE: NodeResult = nodeResult(true, true, 0, 0, ONE, undefined, 0, 1, 0, 1, true);
