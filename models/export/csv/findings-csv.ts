import type { AnalysisResult } from '../../analysis/analyze';
import type { ThreatAnalysis } from '../../analysis/analyze-threats';
import { csvRecord } from './csv-cell';

/** The columns, in order; the header row spells them as here. */
export const FINDINGS_CSV_COLUMNS = [
  'severity',
  'condition',
  'workload',
  'container',
  'file',
  'line',
  'column',
  'path',
  'message',
  'attack',
  'mitigations',
] as const;

/** UTF-8 byte order mark: spreadsheet programs read a file without it in the local code page, which
 * garbles any name that is not ASCII. */
const BOM = '\ufeff';

export interface FindingsCsvOptions {
  /** Start with a UTF-8 byte order mark (default true); turn it off for tools that read the mark
   * as part of the first header name. */
  bom?: boolean;
}

/**
 * The findings as CSV (RFC 4180): a header row, then one row per finding in analysis order, CR LF
 * line ends, UTF-8 with a byte order mark by default. `workload` is the name the user wrote (the
 * finding's subject id for flows and networks); `attack` and `mitigations` list their ids
 * separated by `; `; `message` carries the finding's detail in parentheses. Every cell is made
 * formula-safe (see `csvCell`).
 */
export function findingsToCsv(
  result: AnalysisResult | ThreatAnalysis,
  options: FindingsCsvOptions = {},
): string {
  const names = new Map(result.bundle.workloads.map((w) => [w.id, w.name]));
  let out = options.bom === false ? '' : BOM;
  out += csvRecord([...FINDINGS_CSV_COLUMNS]);
  for (const f of result.findings) {
    out += csvRecord([
      f.severity,
      f.condition,
      names.get(f.workload) ?? f.workload,
      f.container,
      f.source.file,
      f.source.line,
      f.source.column,
      f.source.path,
      f.detail ? `${f.message} (${f.detail})` : f.message,
      f.attack.join('; '),
      f.mitigations.join('; '),
    ]);
  }
  return out;
}
