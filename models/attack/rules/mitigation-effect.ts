import type { MitigationId } from '../../mitigations/mitigation-ids';
import { evaluatePrecondition, type PreconditionContext } from './evaluate-precondition';
import type { AttackRule, RuleMitigation } from './rule';

export type MitigationEffect = 'blocks' | 'partial' | 'none';

function applies(entry: RuleMitigation, ctx: PreconditionContext): boolean {
  return entry.unless === undefined || !evaluatePrecondition(entry.unless, ctx).holds;
}

/**
 * Effect of one mitigation kind on its own against a step, for the container in `ctx` as it is
 * configured: `blocks` or `partial` per the rule, unless the entry's `unless` holds for the
 * container (then `none`). Kinds the rule does not list, and the `ineffective` ones, are `none`.
 */
export function mitigationEffect(
  rule: AttackRule,
  mitigation: MitigationId,
  ctx: PreconditionContext,
): MitigationEffect {
  const blocking = rule.blockedBy.find((entry) => entry.mitigation === mitigation);
  if (blocking && applies(blocking, ctx)) return 'blocks';
  const partial = rule.partiallyBlockedBy.find((entry) => entry.mitigation === mitigation);
  if (partial && applies(partial, ctx)) return 'partial';
  return 'none';
}

export interface DefenceSets {
  /** Each set blocks the step when all its mitigations are in place. */
  blocks: MitigationId[][];
  /** Each set cuts the step partly when all its mitigations are in place. */
  partial: MitigationId[][];
}

function setsOf(entries: RuleMitigation[], ctx: PreconditionContext): MitigationId[][] {
  const sets = new Map<string, MitigationId[]>();
  for (const entry of entries) {
    let set: MitigationId[] | undefined;
    if (applies(entry, ctx)) set = [entry.mitigation];
    else if (entry.combinedWith) set = [...new Set([entry.mitigation, ...entry.combinedWith])].sort();
    if (set) sets.set(set.join('+'), set);
  }
  return [...sets.values()].sort((a, b) => a.length - b.length || (a.join('+') < b.join('+') ? -1 : 1));
}

/**
 * The defence nodes the generator attaches to a step for this container: single mitigations that
 * work on their own, and the combinations (`combinedWith`) that work where one alone does not, e.g.
 * AppArmor together with removing `privileged` against R02 on a privileged container.
 */
export function defenceSets(rule: AttackRule, ctx: PreconditionContext): DefenceSets {
  return { blocks: setsOf(rule.blockedBy, ctx), partial: setsOf(rule.partiallyBlockedBy, ctx) };
}
