import { CONTAINER_ROOT_RULES } from './container-root-rules';
import { CREDENTIAL_RULES } from './credential-rules';
import { DATA_ACCESS_RULES } from './data-access-rules';
import { IMAGE_RULES } from './image-rules';
import { IMPACT_RULES } from './impact-rules';
import { KERNEL_RULES } from './kernel-rules';
import { MOUNT_ESCAPE_RULES } from './mount-escape-rules';
import { NETWORK_RULES } from './network-rules';
import { PRIVILEGED_ESCAPE_RULES } from './privileged-escape-rules';
import type { AttackRule, RuleId } from './rule';
import { RUNTIME_RULES } from './runtime-rules';

function ruleNumber(id: RuleId): number {
  return Number(id.slice(1));
}

/** Every attack step Rampart knows, sorted by id (attack-trees.md §4.2, plus Rampart's own
 * analysis from R32 on). */
export const ATTACK_RULES: readonly AttackRule[] = [
  ...PRIVILEGED_ESCAPE_RULES,
  ...MOUNT_ESCAPE_RULES,
  ...KERNEL_RULES,
  ...RUNTIME_RULES,
  ...CONTAINER_ROOT_RULES,
  ...IMAGE_RULES,
  ...CREDENTIAL_RULES,
  ...NETWORK_RULES,
  ...IMPACT_RULES,
  ...DATA_ACCESS_RULES,
].sort((a, b) => ruleNumber(a.id) - ruleNumber(b.id));

const BY_ID = new Map<string, AttackRule>(ATTACK_RULES.map((rule) => [rule.id, rule]));

/** The rule with that id (`R04`), if the catalogue has it. */
export function ruleById(id: string): AttackRule | undefined {
  return BY_ID.get(id);
}
