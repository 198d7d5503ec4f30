import type { AnalysisResult } from '../../analysis/analyze';
import type { ThreatAnalysis } from '../../analysis/analyze-threats';
import { CONDITION_IDS, type ConditionId } from '../../conditions/condition-ids';
import type { Finding } from '../../conditions/finding';
import type { Diagnostic } from '../../source/diagnostic';
import type { SourceRef } from '../../source/source-ref';
import { physicalLocation, type SarifPhysicalLocation } from './artifact-location';
import { conditionRule, type SarifRule } from './condition-rules';
import { SARIF_LEVEL, SECURITY_SEVERITY } from './severity-levels';
import { stableHash } from './stable-hash';

/** Where the SARIF 2.1.0 schema (OASIS Committee Specification, errata 01) is published. */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The `partialFingerprints` key; the version changes if what it hashes ever changes. */
export const FINGERPRINT_KEY = 'rampartFinding/v1';

interface SarifLocation {
  id?: number;
  physicalLocation: SarifPhysicalLocation;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
}

interface SarifNotification {
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  descriptor: { id: string };
  locations?: SarifLocation[];
}

/**
 * The analysis as a SARIF 2.1.0 log: one run of `rampart`, one rule per condition that was found
 * (catalogue order), one result per finding at its config line, and the input problems as tool
 * execution notifications. Meant for GitHub code scanning and other SARIF viewers:
 *
 * - `partialFingerprints` hash the condition, the workload, the container and the path into the
 *   document (never a line number), so an alert keeps its identity when lines move;
 * - `security-severity` follows the finding's own severity (a check may raise or lower the
 *   condition's default);
 * - `executionSuccessful` is false when an input could not be read (an error diagnostic), the
 *   case in which the CLI exits 2.
 *
 * Keys are written in a fixed order and arrays follow the analysis order, so the same inputs give
 * byte-identical output.
 */
export function analysisToSarif(
  result: AnalysisResult | ThreatAnalysis,
  tool: { name: string; version: string },
): string {
  const used = new Set<ConditionId>(result.findings.map((f) => f.condition));
  const ruleIds = CONDITION_IDS.filter((id) => used.has(id));
  const rules: SarifRule[] = ruleIds.map(conditionRule);
  const ruleIndex = new Map<string, number>(ruleIds.map((id, i) => [id, i]));
  const names = new Map(result.bundle.workloads.map((w) => [w.id, w.name]));
  const fingerprints = new FingerprintCounter();

  const results: SarifResult[] = result.findings.map((finding) => {
    const related = uniqueRefs(finding.evidence).filter((ref) => !sameRef(ref, finding.source));
    const severity = SECURITY_SEVERITY[finding.severity];
    return {
      ruleId: finding.condition,
      ruleIndex: ruleIndex.get(finding.condition)!,
      level: SARIF_LEVEL[finding.severity],
      message: { text: resultMessage(finding) },
      locations: [{ physicalLocation: physicalLocation(finding.source) }],
      ...(related.length > 0
        ? {
            relatedLocations: related.map((ref, i) => ({
              id: i + 1,
              physicalLocation: physicalLocation(ref),
            })),
          }
        : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprints.next(finding) },
      properties: {
        severity: finding.severity,
        ...(severity !== undefined ? { 'security-severity': severity } : {}),
        workload: names.get(finding.workload) ?? finding.workload,
        workloadId: finding.workload,
        ...(finding.container !== undefined ? { container: finding.container } : {}),
        ...(finding.source.path !== undefined ? { path: finding.source.path } : {}),
        attack: finding.attack,
        mitigations: finding.mitigations,
        implicit: finding.implicit,
      },
    };
  });

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: !result.diagnostics.some((d) => d.severity === 'error'),
            toolExecutionNotifications: result.diagnostics.map(notification),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The finding's message with its detail; it already names the workload. */
function resultMessage(finding: Finding): string {
  const container = finding.container !== undefined ? ` [container ${finding.container}]` : '';
  return `${finding.message}${finding.detail ? ` (${finding.detail})` : ''}${container}`;
}

function notification(d: Diagnostic): SarifNotification {
  return {
    level: d.severity === 'info' ? 'note' : d.severity,
    message: { text: d.excerpt ? `${d.message} (found: ${d.excerpt})` : d.message },
    descriptor: { id: d.code },
    ...(d.file ? { locations: [{ physicalLocation: physicalLocation(d) }] } : {}),
  };
}

/**
 * Fingerprints from what identifies a finding across edits: condition, workload, container and
 * the path into the document. Two findings that share all four (a Dockerfile with two `ADD` lines
 * and no path) are told apart by their order, which is the order of their lines.
 */
class FingerprintCounter {
  private readonly seen = new Map<string, number>();

  next(finding: Finding): string {
    const key = [
      finding.condition,
      finding.workload,
      finding.container ?? '',
      finding.source.path ?? '',
    ].join('\u0000');
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return stableHash(n === 1 ? key : `${key}\u0000${n}`);
  }
}

function sameRef(a: SourceRef, b: SourceRef): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}

function uniqueRefs(refs: readonly SourceRef[]): SourceRef[] {
  const out: SourceRef[] = [];
  for (const ref of refs) if (!out.some((r) => sameRef(r, ref))) out.push(ref);
  return out;
}
