import type { ConditionId } from '../../conditions/condition-ids';
import type { Finding } from '../../conditions/finding';
import type { AssumptionKey, AssumptionValue } from './assumptions';
import { findingMatches } from './finding-filter';
import type { Precondition } from './rule';

/** What a precondition is evaluated against: one container, as the generator sees it. */
export interface PreconditionContext {
  /** Findings of that condition that concern the container: its own, its workload's (pod-wide),
   * and those of the networks and flows it takes part in. */
  findings(condition: ConditionId): Finding[];
  /** The current value of a host assumption (the workshop's, else the catalogue default). */
  assumption(key: AssumptionKey): AssumptionValue;
  /** The workload's platform (`docker`, `kubernetes`, `oci`, `image`). */
  platform: string;
}

export interface PreconditionResult {
  holds: boolean;
  /** The findings that make it hold; the generator shows them as evidence. Sorted by id. */
  evidence: Finding[];
  /** The assumption leaves the conclusion rests on. Sorted. */
  assumptions: AssumptionKey[];
}

const FAILS: PreconditionResult = { holds: false, evidence: [], assumptions: [] };

function mergeEvidence(results: PreconditionResult[]): Finding[] {
  const byId = new Map<string, Finding>();
  for (const result of results) for (const finding of result.evidence) byId.set(finding.id, finding);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function mergeAssumptions(results: PreconditionResult[]): AssumptionKey[] {
  return [...new Set(results.flatMap((r) => r.assumptions))].sort();
}

/**
 * Evaluates a rule's precondition for one container.
 *
 * - `all` holds when every part holds; it rests on the evidence and assumptions of all parts.
 * - `any` holds when some part holds; its evidence is that of every part that holds, and it rests on
 *   the assumptions of the holding part that needs the fewest (none when a part holds on findings
 *   alone), so an uncertain alternative never weakens a certain one.
 * - An assumption leaf holds when the value is the one asked for or `unknown`.
 * - `not` holds when its part does not; absence has no evidence.
 */
export function evaluatePrecondition(pre: Precondition, ctx: PreconditionContext): PreconditionResult {
  if ('all' in pre) {
    const parts = pre.all.map((part) => evaluatePrecondition(part, ctx));
    if (!parts.every((part) => part.holds)) return FAILS;
    return { holds: true, evidence: mergeEvidence(parts), assumptions: mergeAssumptions(parts) };
  }
  if ('any' in pre) {
    const holding = pre.any.map((part) => evaluatePrecondition(part, ctx)).filter((part) => part.holds);
    if (holding.length === 0) return FAILS;
    const fewest = holding.reduce((best, part) =>
      part.assumptions.length < best.assumptions.length ? part : best,
    );
    return { holds: true, evidence: mergeEvidence(holding), assumptions: fewest.assumptions };
  }
  if ('not' in pre) {
    return evaluatePrecondition(pre.not, ctx).holds ? FAILS : { holds: true, evidence: [], assumptions: [] };
  }
  if ('condition' in pre) {
    const found = ctx.findings(pre.condition).filter((finding) => findingMatches(finding, pre.where));
    if (found.length === 0) return FAILS;
    return {
      holds: true,
      evidence: mergeEvidence([{ holds: true, evidence: found, assumptions: [] }]),
      assumptions: [],
    };
  }
  if ('assumption' in pre) {
    const value = ctx.assumption(pre.assumption);
    if (value !== pre.is && value !== 'unknown') return FAILS;
    return { holds: true, evidence: [], assumptions: [pre.assumption] };
  }
  return ctx.platform === pre.platform ? { holds: true, evidence: [], assumptions: [] } : FAILS;
}
