import type { Severity } from '../../models/conditions/condition-ids';
import type { Finding } from '../../models/conditions/finding';

export interface FindingFilter {
  severity: Severity | '';
  condition: string;
  /** Element (or flow) id. */
  element: string;
}

export const NO_FILTER: FindingFilter = { severity: '', condition: '', element: '' };

/** Findings with the element each belongs to, filtered: what the overview lists. */
export function filterFindings(
  byTarget: ReadonlyMap<string, readonly Finding[]>,
  filter: FindingFilter,
): { finding: Finding; target: string }[] {
  const rows: { finding: Finding; target: string }[] = [];
  for (const [target, findings] of byTarget) {
    if (filter.element && target !== filter.element) continue;
    for (const finding of findings) {
      if (filter.severity && finding.severity !== filter.severity) continue;
      if (filter.condition && finding.condition !== filter.condition) continue;
      rows.push({ finding, target });
    }
  }
  const rank: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
  return rows.sort(
    (a, b) =>
      rank[a.finding.severity] - rank[b.finding.severity] ||
      (a.target < b.target ? -1 : a.target > b.target ? 1 : 0) ||
      (a.finding.id < b.finding.id ? -1 : 1),
  );
}
