import { CONDITIONS } from '../../conditions/condition-catalogue';
import type { ConditionId } from '../../conditions/condition-ids';
import { MITIGATIONS } from '../../mitigations/catalogue';
import { formatRequirement } from '../../mitigations/format-requirement';
import { SARIF_LEVEL, SECURITY_SEVERITY } from './severity-levels';

/** A SARIF `reportingDescriptor` for one condition (SARIF 2.1.0 §3.49). */
export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties: { tags: string[]; precision: string; 'security-severity'?: string };
}

/** Placeholder for the element a requirement names: rules describe every workload at once. */
const ANY_TARGET = '<workload>';

/** `runtime-socket-mount` → `RuntimeSocketMount`: SARIF wants `name` to read as an identifier. */
function pascalCase(id: string): string {
  return id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/**
 * The rule for a condition, from the condition catalogue (title, default severity, ATT&CK
 * techniques) and the mitigation catalogue (each mitigation's title, requirement and rationale).
 * `tags` carry the ATT&CK ids and `security` so that code scanning files results as security alerts.
 */
export function conditionRule(id: ConditionId): SarifRule {
  let rule = RULES.get(id);
  if (!rule) {
    rule = buildRule(id);
    RULES.set(id, rule);
  }
  return rule;
}

/** Built once per condition: the catalogues are constant. */
const RULES = new Map<ConditionId, SarifRule>();

function buildRule(id: ConditionId): SarifRule {
  const info = CONDITIONS[id];
  const mitigations = info.mitigations.map((m) => MITIGATIONS[m]);
  const techniques = info.attack.length > 0 ? info.attack.join(', ') : 'none';
  const addressedBy = mitigations.map((m) => m.title).join('; ');
  const fullDescription =
    `${info.title} (Rampart condition \`${id}\`, default severity ${info.severity}). ` +
    `MITRE ATT&CK techniques it enables: ${techniques}. Addressed by: ${addressedBy}.`;
  const helpText = [
    `${info.title}.`,
    '',
    ...mitigations.flatMap((m) => [
      `${m.title}: ${formatRequirement(m, ANY_TARGET)}`,
      `Why: ${m.rationale}`,
      '',
    ]),
  ]
    .join('\n')
    .trimEnd();
  const helpMarkdown = [
    `**${info.title}** (\`${id}\`)`,
    '',
    ...mitigations.flatMap((m) => [
      `### ${m.title}`,
      '',
      formatRequirement(m, ANY_TARGET).replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      '',
      m.rationale,
      '',
    ]),
    `ATT&CK: ${info.attack.map((t) => `\`${t}\``).join(', ') || 'none'}`,
  ].join('\n');
  const securitySeverity = SECURITY_SEVERITY[info.severity];
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: info.title },
    fullDescription: { text: fullDescription },
    help: { text: helpText, markdown: helpMarkdown },
    defaultConfiguration: { level: SARIF_LEVEL[info.severity] },
    properties: {
      tags: ['security', 'containers', ...info.attack],
      precision: 'high',
      ...(securitySeverity !== undefined ? { 'security-severity': securitySeverity } : {}),
    },
  };
}
