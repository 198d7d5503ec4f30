import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFiles, type AnalysisResult } from '../../models/analysis/analyze';
import type { Finding } from '../../models/conditions/finding';

export const CORPUS = join(import.meta.dirname, '../fixtures/corpus');

export interface OracleCase {
  suite: 'psa' | 'kics' | 'kubesec';
  file: string;
  workload: string | null;
  condition: string;
  expect: 'present' | 'absent';
  note: string;
}

export interface Oracles {
  cases: OracleCase[];
  noCrash: { suite: string; file: string; note: string }[];
}

export function loadOracles(): Oracles {
  return JSON.parse(readFileSync(join(CORPUS, 'oracles.json'), 'utf8')) as Oracles;
}

const cache = new Map<string, AnalysisResult>();

/** Analyzes one corpus file on its own, as `rampart analyze <file>` would. */
export function analyzeCorpusFile(file: string): AnalysisResult {
  let result = cache.get(file);
  if (!result) {
    const text = readFileSync(join(CORPUS, file), 'utf8');
    result = analyzeFiles([{ path: file, text }], { explicit: new Set([file]) });
    cache.set(file, result);
  }
  return result;
}

/** ORACLES.md: a finding counts for the named workload when the workload or the finding's
 * container carries the name; a pod-wide finding counts for every container; where a workload
 * and one of its containers share the name, findings on the other containers do not count. */
export function findingMatches(result: AnalysisResult, finding: Finding, name: string | null): boolean {
  if (name === null) return true;
  if (finding.container === name) return true;
  const workload = result.bundle.workloads.find((w) => w.id === finding.workload);
  if (!workload) return false;
  const containerNames = workload.containers.map((c) => c.name);
  if (finding.container === undefined && containerNames.includes(name)) return true;
  if (workload.name !== name) return false;
  return finding.container === undefined || !containerNames.includes(name);
}

export function caseHolds(c: OracleCase): boolean {
  const result = analyzeCorpusFile(c.file);
  const found = result.findings.some(
    (f) => f.condition === c.condition && findingMatches(result, f, c.workload),
  );
  return c.expect === 'present' ? found : !found;
}

export function caseKey(c: OracleCase): string {
  return `${c.file} ${c.workload ?? '*'} ${c.condition} ${c.expect}`;
}
