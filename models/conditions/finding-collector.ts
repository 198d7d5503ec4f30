import { compareSourceRefs, type SourceRef } from '../source/source-ref';
import type { Container, Workload } from '../import/workload';
import { CONDITIONS } from './condition-catalogue';
import type { ConditionId, Severity } from './condition-ids';
import type { Finding, FindingData } from './finding';

export interface FindingInput {
  message: string;
  source: SourceRef;
  detail?: string;
  evidence?: SourceRef[];
  severity?: Severity;
  implicit?: boolean;
  data?: FindingData;
}

/** Gathers findings from the checks and gives them deterministic ids and order. */
export class FindingCollector {
  private readonly findings: Finding[] = [];

  add(
    condition: ConditionId,
    workload: Workload | string,
    container: Container | undefined,
    input: FindingInput,
  ): void {
    const info = CONDITIONS[condition];
    const finding: Finding = {
      id: '',
      condition,
      workload: typeof workload === 'string' ? workload : workload.id,
      severity: input.severity ?? info.severity,
      message: input.message,
      source: input.source,
      evidence: input.evidence ?? [],
      attack: info.attack,
      mitigations: info.mitigations,
      implicit: input.implicit ?? false,
      data: input.data ?? {},
    };
    if (container) finding.container = container.name;
    if (input.detail) finding.detail = input.detail;
    this.findings.push(finding);
  }

  /** Findings sorted by workload, container, condition and source; ids are readable and stable:
   * `condition@workload/container`, with `#n` when one container has the condition more than once. */
  result(): Finding[] {
    // Sorted workload by workload: most comparisons are then among one workload's few findings.
    const byWorkload = new Map<string, Finding[]>();
    for (const f of this.findings) {
      const list = byWorkload.get(f.workload);
      if (list) list.push(f);
      else byWorkload.set(f.workload, [f]);
    }
    const sorted: Finding[] = [];
    for (const workload of [...byWorkload.keys()].sort()) {
      for (const f of byWorkload.get(workload)!.sort(compareFindings)) sorted.push(f);
    }
    // Sorting puts the findings that share an id base next to each other, so they are counted
    // without a lookup by base. The order does not tell a container named "" from no container,
    // so a run of findings keeps one count for each.
    let previous: Finding | undefined;
    let withoutContainer = 0;
    let withContainer = 0;
    for (const f of sorted) {
      if (!previous || compareOwner(previous, f) !== 0) withoutContainer = withContainer = 0;
      const n = f.container === undefined ? ++withoutContainer : ++withContainer;
      const base = `${f.condition}@${f.workload}${f.container !== undefined ? `/${f.container}` : ''}`;
      f.id = n === 1 ? base : `${base}#${n}`;
      previous = f;
    }
    return sorted;
  }
}

/** Order by what an id names: workload, container, condition. */
function compareOwner(a: Finding, b: Finding): number {
  if (a.workload !== b.workload) return a.workload < b.workload ? -1 : 1;
  const ac = a.container ?? '';
  const bc = b.container ?? '';
  if (ac !== bc) return ac < bc ? -1 : 1;
  if (a.condition !== b.condition) return a.condition < b.condition ? -1 : 1;
  return 0;
}

function compareFindings(a: Finding, b: Finding): number {
  const byOwner = compareOwner(a, b);
  if (byOwner !== 0) return byOwner;
  const bySource = compareSourceRefs(a.source, b.source);
  if (bySource !== 0) return bySource;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
