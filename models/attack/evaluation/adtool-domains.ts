import {
  partialEffectOf,
  type AssumptionHolds,
  type DefenceNode,
  type StepAttributes,
} from '../tree/attack-tree';

/** ADTool 2's predefined attribute domains, operator for operator (reference §1.3, from
 * `tahti/ADTool2` domains/adtpredefined/*.java and sandpredefined/MinTime.java). An attribute domain
 * A = (D, ∨p, ∧p, ∨o, ∧o, cp, co) of Kordy et al. 2014: ∨p/∧p refine attack nodes, ∨o/∧o refine
 * defence nodes, cp combines an attack node with its countermeasure, co a defence with its
 * counter-attack. ADTool evaluates bottom-up, which is exact on trees only (§1.4).
 *
 * Rampart additions, each stated where ADTool has no counterpart:
 * - `sand`: ADTool's ADTrees have no SAND; its SAND trees use MinTime (OR = min, AND = max,
 *   SAND = +). So SAND is + for the time domains and the same as AND elsewhere (ADTool's SAND
 *   DiffLMH: "SAND is the same as AND operation").
 * - Leaf values of assumptions: a fact that holds is free (the neutral element of ∧p), a fact that
 *   does not hold is impossible (the absorbing element), an unknown fact costs nothing and succeeds
 *   with its probability.
 * - Defence leaves: ADTool leaves opponent values at their defaults (∞ for MinCost, MinTime*,
 *   MinSkill: "an unbroken defence makes the attack impossible"); Rampart uses those for blocking
 *   defences, the partial effect for partial ones (added cost or time, 1 − factor for ProbSucc,
 *   no effect for satisfiability), and the neutral element of cp for inactive ones — "a what-if is
 *   re-evaluating with some defence leaves switched off". */
export interface AdtoolDomain<V> {
  id: AdtoolDomainId;
  /** Java class name ADTool writes in `<domain><class>`. */
  className: string;
  /** ∨p, ∧p, ∨o, ∧o, cp, co and SAND. */
  op(x: V, y: V): V;
  ap(x: V, y: V): V;
  oo(x: V, y: V): V;
  ao(x: V, y: V): V;
  cp(x: V, y: V): V;
  co(x: V, y: V): V;
  sand(x: V, y: V): V;
  step(attributes: StepAttributes): V;
  assumption(holds: AssumptionHolds, probability: number): V;
  /** Value of a defence leaf (before any counter-attack). */
  defence(defence: DefenceNode): V;
  /** Value of something impossible (a gate with no children, a cycle). */
  impossible: V;
  /** Reads an ADTool parameter text (`Infinity`, `12.0`, `true`). */
  parse(text: string): V | undefined;
  /** Writes a value the way ADTool does. */
  format(value: V): string;
}

export type AdtoolDomainId =
  'MinCost' | 'MinTimeSeq' | 'MinTimePar' | 'MinSkill' | 'ProbSucc' | 'SatScenario';

const ADT = 'lu.uni.adtool.domains.adtpredefined.';

const sum = (x: number, y: number): number => x + y;
const min = (x: number, y: number): number => Math.min(x, y);
const max = (x: number, y: number): number => Math.max(x, y);
const orProbability = (x: number, y: number): number => x + y - x * y;
const times = (x: number, y: number): number => x * y;
const butNot = (x: number, y: number): number => x * (1 - y);

function numeric(
  id: AdtoolDomainId,
  ops: Pick<AdtoolDomain<number>, 'op' | 'ap' | 'oo' | 'ao' | 'cp' | 'co' | 'sand'>,
  leaf: Pick<AdtoolDomain<number>, 'step' | 'assumption' | 'defence' | 'impossible'>,
): AdtoolDomain<number> {
  return { id, className: ADT + id, ...ops, ...leaf, parse: parseNumber, format: formatNumber };
}

function costLike(id: AdtoolDomainId, attribute: 'cost' | 'time', parallel: boolean): AdtoolDomain<number> {
  const ops = parallel
    ? { op: min, ap: max, oo: max, ao: min, cp: max, co: min, sand: sum }
    : { op: min, ap: sum, oo: sum, ao: min, cp: sum, co: min, sand: sum };
  return numeric(id, ops, {
    step: (a) => a[attribute],
    assumption: (holds) => (holds === false ? Infinity : 0),
    defence: (d) => {
      if (!d.active) return 0;
      if (d.effect !== 'partial') return Infinity;
      const effect = partialEffectOf(d);
      return attribute === 'cost' ? effect.addedCost : effect.addedTime;
    },
    impossible: Infinity,
  });
}

export const MIN_COST = costLike('MinCost', 'cost', false);
export const MIN_TIME_SEQ = costLike('MinTimeSeq', 'time', false);
export const MIN_TIME_PAR = costLike('MinTimePar', 'time', true);

export const MIN_SKILL = numeric(
  'MinSkill',
  { op: min, ap: max, oo: max, ao: min, cp: max, co: min, sand: max },
  {
    step: (a) => a.skill,
    assumption: (holds) => (holds === false ? Infinity : 0),
    defence: (d) => (!d.active ? 0 : d.effect === 'partial' ? 0 : Infinity),
    impossible: Infinity,
  },
);

export const PROB_SUCC = numeric(
  'ProbSucc',
  { op: orProbability, ap: times, oo: orProbability, ao: times, cp: butNot, co: butNot, sand: times },
  {
    step: (a) => a.probability,
    assumption: (holds, p) => (holds === true ? 1 : holds === false ? 0 : p),
    defence: (d) => (!d.active ? 0 : d.effect === 'partial' ? 1 - partialEffectOf(d).probabilityFactor : 1),
    impossible: 0,
  },
);

export const SAT_SCENARIO: AdtoolDomain<boolean> = {
  id: 'SatScenario',
  className: ADT + 'SatScenario',
  op: (x, y) => x || y,
  ap: (x, y) => x && y,
  oo: (x, y) => x || y,
  ao: (x, y) => x && y,
  cp: (x, y) => x && !y,
  co: (x, y) => x && !y,
  sand: (x, y) => x && y,
  step: () => true,
  assumption: (holds) => holds !== false,
  defence: (d) => d.active && d.effect !== 'partial',
  impossible: false,
  parse: (text) => (text.trim() === 'true' ? true : text.trim() === 'false' ? false : undefined),
  format: (value) => String(value),
};

export const ADTOOL_DOMAINS = {
  MinCost: MIN_COST,
  MinTimeSeq: MIN_TIME_SEQ,
  MinTimePar: MIN_TIME_PAR,
  MinSkill: MIN_SKILL,
  ProbSucc: PROB_SUCC,
  SatScenario: SAT_SCENARIO,
} as const;

/** ADTool's SAND-tree time domain: `<sandtree>` files name it in `<domain><class>`. */
export const SAND_MIN_TIME_CLASS = 'lu.uni.adtool.domains.sandpredefined.MinTime';

export type AdtoolValue<D extends AdtoolDomainId> =
  (typeof ADTOOL_DOMAINS)[D] extends AdtoolDomain<infer V> ? V : never;

function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (t === 'Infinity' || t === '∞') return Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/** Java's Double.toString for the values that occur: `Infinity`, `12.0`, `0.25`. */
function formatNumber(value: number): string {
  if (value === Infinity) return 'Infinity';
  return Number.isInteger(value) ? `${value}.0` : String(value);
}
