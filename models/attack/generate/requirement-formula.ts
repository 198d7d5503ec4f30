import type { Finding } from '../../conditions/finding';
import type { AssumptionKey, AssumptionValue } from '../rules/assumptions';
import type { PreconditionContext } from '../rules/evaluate-precondition';
import { findingMatches } from '../rules/finding-filter';
import type { Precondition } from '../rules/rule';

/**
 * A rule's precondition with everything the configuration decides already decided: what is left
 * is a formula over host assumptions, which become explicit leaves of the tree so that a workshop
 * can change them and watch the paths open or close without regenerating anything.
 */
export type Requirement =
  | { kind: 'true' }
  | { kind: 'false' }
  | { kind: 'assumption'; key: AssumptionKey; is: AssumptionValue }
  | { kind: 'and' | 'or'; items: Requirement[] };

export interface ResolvedRequirement {
  requirement: Requirement;
  /** Findings that made the decided parts hold: the step's evidence. */
  evidence: Finding[];
  /** True when the precondition asks for root in the container: the step then starts from the
   * container-root sub-goal instead of plain code execution. */
  needsRoot: boolean;
}

const TRUE: Requirement = { kind: 'true' };
const FALSE: Requirement = { kind: 'false' };

/** `root` says how a `runs-as-root` condition is read: `'finding'` reads the finding itself (the
 * rules that define root in the container, R20 and R21); `true` or `false` say whether root in the
 * container can be had through the container-root sub-goal, which the step then starts from. */
export function resolveRequirement(
  pre: Precondition,
  ctx: PreconditionContext,
  root: boolean | 'finding',
): ResolvedRequirement {
  const evidence = new Map<string, Finding>();
  let needsRoot = false;
  const walk = (p: Precondition, positive: boolean): Requirement => {
    if ('all' in p)
      return simplify(
        'and',
        p.all.map((x) => walk(x, positive)),
      );
    if ('any' in p)
      return simplify(
        'or',
        p.any.map((x) => walk(x, positive)),
      );
    if ('not' in p) {
      // The catalogue negates definite facts only (never an assumption), so the inner part decides.
      const inner = walk(p.not, !positive);
      return inner.kind === 'true' ? FALSE : inner.kind === 'false' ? TRUE : FALSE;
    }
    if ('condition' in p) {
      if (p.condition === 'runs-as-root' && p.where === undefined && positive && root !== 'finding') {
        if (!root) return FALSE;
        needsRoot = true;
        for (const f of ctx.findings('runs-as-root')) evidence.set(f.id, f);
        return TRUE;
      }
      const found = ctx.findings(p.condition).filter((f) => findingMatches(f, p.where));
      if (positive) for (const f of found) evidence.set(f.id, f);
      return found.length > 0 ? TRUE : FALSE;
    }
    if ('assumption' in p) return { kind: 'assumption', key: p.assumption, is: p.is };
    return ctx.platform === p.platform ? TRUE : FALSE;
  };
  const requirement = walk(pre, true);
  const sorted = [...evidence.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    requirement,
    evidence: requirement.kind === 'false' ? [] : sorted,
    needsRoot: requirement.kind !== 'false' && needsRoot,
  };
}

function simplify(kind: 'and' | 'or', items: Requirement[]): Requirement {
  const absorbing = kind === 'and' ? 'false' : 'true';
  const neutral = kind === 'and' ? 'true' : 'false';
  if (items.some((i) => i.kind === absorbing)) return kind === 'and' ? FALSE : TRUE;
  const rest = items.filter((i) => i.kind !== neutral);
  const flat = rest.flatMap((i) => (i.kind === kind ? (i as { items: Requirement[] }).items : [i]));
  const unique = dedupe(flat);
  if (unique.length === 0) return kind === 'and' ? TRUE : FALSE;
  if (unique.length === 1) return unique[0]!;
  return { kind, items: unique };
}

function dedupe(items: Requirement[]): Requirement[] {
  const seen = new Map<string, Requirement>();
  for (const item of items) seen.set(JSON.stringify(item), item);
  return [...seen.values()];
}
