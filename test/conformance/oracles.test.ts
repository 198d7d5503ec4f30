import { describe, expect, it } from 'vitest';
import { analyzeCorpusFile, caseHolds, caseKey, loadOracles } from './oracle-cases';

/**
 * Conformance with the peers' own test suites (Pod Security Admission, KICS, kubesec), restated in
 * Rampart's condition vocabulary by test/fixtures/corpus/oracles.json (see ORACLES.md there).
 * Every case Rampart disagrees with is listed here with the reason; the test fails when a new
 * disagreement appears and also when a listed one is fixed, so the list stays true.
 */
const KNOWN_DISAGREEMENTS: Record<string, string> = {};

const oracles = loadOracles();

describe('peer oracles', () => {
  const results = oracles.cases.map((c) => ({ c, holds: caseHolds(c) }));

  it('agrees with every Pod Security Admission case', () => {
    const failed = results.filter((r) => r.c.suite === 'psa' && !r.holds).map((r) => caseKey(r.c));
    expect(failed).toEqual([]);
  });

  it('agrees with at least 95% of all cases, and every disagreement is explained', () => {
    const failed = results.filter((r) => !r.holds).map((r) => caseKey(r.c));
    const bySuite = new Map<string, { total: number; held: number }>();
    for (const r of results) {
      const s = bySuite.get(r.c.suite) ?? { total: 0, held: 0 };
      s.total++;
      if (r.holds) s.held++;
      bySuite.set(r.c.suite, s);
    }
    const held = results.filter((r) => r.holds).length;
    const lines = [...bySuite].map(([suite, s]) => `${suite}: ${s.held}/${s.total}`);
    console.log(
      `peer oracles: ${held}/${results.length} cases agree (${((100 * held) / results.length).toFixed(1)}%); ${lines.join(', ')}`,
    );
    expect(failed.sort()).toEqual(Object.keys(KNOWN_DISAGREEMENTS).sort());
    expect(held / results.length).toBeGreaterThanOrEqual(0.95);
  });

  it.each(oracles.noCrash.map((n) => [n.file] as const))('reads %s without crashing', (file) => {
    const result = analyzeCorpusFile(file);
    expect(result.bundle.inputs.length + result.diagnostics.length).toBeGreaterThan(0);
  });
});
