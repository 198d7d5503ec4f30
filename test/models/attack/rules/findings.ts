import type { ConditionId } from '../../../../models/conditions/condition-ids';
import type { Finding, FindingData } from '../../../../models/conditions/finding';

export interface FindingOptions {
  data?: FindingData;
  workload?: string;
  container?: string;
  implicit?: boolean;
  file?: string;
  line?: number;
}

/** A hand-made finding with a deterministic id; only the fields attack rules read matter. */
export function finding(condition: ConditionId, options: FindingOptions = {}): Finding {
  const workload = options.workload ?? 'compose:shop/web';
  const data = options.data ?? {};
  const file = options.file ?? 'compose.yml';
  const line = options.line ?? 1;
  return {
    id: `${workload}/${options.container ?? ''}/${condition}/${JSON.stringify(data)}`,
    condition,
    workload,
    ...(options.container !== undefined ? { container: options.container } : {}),
    severity: 'medium',
    message: condition,
    source: { file, line, column: 5, path: `services.${options.container ?? 'web'}` },
    evidence: [],
    attack: [],
    mitigations: [],
    data,
    implicit: options.implicit ?? false,
  };
}
