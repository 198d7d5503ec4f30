import type { ConditionId } from '../conditions/condition-ids';
import type { Verification } from './mitigation';

/** A CI step that fails while Rampart still reports any of these conditions for the deployment
 * configs (`rampart analyze --format json`, DESIGN §7). */
export function rampartFindingsCheck(conditions: readonly ConditionId[]): Verification {
  const names = conditions.map((condition) => `"${condition}"`).join(', ');
  return {
    on: 'ci',
    command: `rampart analyze deploy/ --format json | jq '[.findings[] | select(.condition | IN(${names}))] | length'`,
    expect: '`0`',
  };
}
