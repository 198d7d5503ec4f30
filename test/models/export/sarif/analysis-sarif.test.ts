import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectFiles } from '../../../../cli/collect-files';
import { analyzeFiles, type AnalysisResult } from '../../../../models/analysis/analyze';
import { CONDITION_IDS } from '../../../../models/conditions/condition-ids';
import type { ImportFile } from '../../../../models/import/import-file';
import {
  analysisToSarif,
  FINGERPRINT_KEY,
  SARIF_LEVEL,
  SECURITY_SEVERITY,
} from '../../../../models/export/sarif';
import { sarifSchemaErrors } from './sarif-validator';

const ROOT = join(import.meta.dirname, '../../../..');
const FIXTURES = join(ROOT, 'test/fixtures');
const TOOL = { name: 'rampart', version: '1.2.3' };

/* eslint-disable @typescript-eslint/no-explicit-any -- SARIF documents are read as plain JSON */
type Sarif = any;

function sarifOf(result: AnalysisResult): Sarif {
  return JSON.parse(analysisToSarif(result, TOOL));
}

/** The example system as `rampart analyze` reads it. SARIF needs no attack trees, and generating
 * them for the whole example is the slow part, so they are left out here. */
function shop(): AnalysisResult {
  const collected = collectFiles(['templates/examples/shop'], ROOT);
  return analyzeFiles(collected.files, { explicit: collected.explicit, read: collected.read });
}

/** Every input file of one golden case folder, with paths relative to it. */
function caseFiles(dir: string): ImportFile[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !/^(expected\.json|README\.md|ATTRIBUTION\.md)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .map((path) => ({ path: relative(dir, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));
}

describe('SARIF 2.1.0 export', () => {
  const result = shop();
  const doc = sarifOf(result);
  const run = doc.runs[0];

  it('is valid against the official SARIF 2.1.0 schema for the example system', () => {
    expect(sarifSchemaErrors(doc)).toEqual([]);
    expect(doc.version).toBe('2.1.0');
    expect(doc.runs).toHaveLength(1);
    expect(result.findings.length).toBeGreaterThan(50);
  });

  it('names the tool without an information URI', () => {
    expect(run.tool.driver).toMatchObject({ name: 'rampart', version: '1.2.3' });
    expect(run.tool.driver.informationUri).toBeUndefined();
  });

  it('has one rule per condition used, in catalogue order, each with its descriptions and tags', () => {
    const used = CONDITION_IDS.filter((id) => result.findings.some((f) => f.condition === id));
    expect(run.tool.driver.rules.map((r: Sarif) => r.id)).toEqual(used);
    for (const rule of run.tool.driver.rules) {
      expect(rule.name).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(rule.shortDescription.text.length).toBeGreaterThan(3);
      expect(rule.fullDescription.text).toContain(rule.id);
      expect(rule.help.text).toMatch(/MUST/);
      expect(rule.properties.tags).toContain('security');
    }
    const privileged = run.tool.driver.rules.find((r: Sarif) => r.id === 'runtime-socket-mount');
    expect(privileged.properties.tags).toEqual(expect.arrayContaining(['T1611', 'T1610']));
    expect(privileged.defaultConfiguration.level).toBe('error');
    expect(privileged.properties['security-severity']).toBe('9.5');
  });

  it('gives one result per finding, pointing at its rule and its config line', () => {
    expect(run.results).toHaveLength(result.findings.length);
    run.results.forEach((r: Sarif, i: number) => {
      const f = result.findings[i]!;
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.ruleId).toBe(f.condition);
      expect(r.level).toBe(SARIF_LEVEL[f.severity]);
      expect(r.properties['security-severity']).toBe(SECURITY_SEVERITY[f.severity]);
      const where = r.locations[0].physicalLocation;
      expect(where.artifactLocation).toEqual({ uri: f.source.file, uriBaseId: '%SRCROOT%' });
      expect(where.region).toEqual({ startLine: f.source.line, startColumn: f.source.column });
      expect(r.message.text).toContain(f.message);
    });
  });

  it.each([
    ['critical', 'error', '9.5'],
    ['high', 'error', '8.0'],
    ['medium', 'warning', '5.5'],
    ['low', 'note', '3.0'],
    ['info', 'note', undefined],
  ] as const)('maps %s to level %s and security-severity %s', (severity, level, score) => {
    expect(SARIF_LEVEL[severity]).toBe(level);
    expect(SECURITY_SEVERITY[severity]).toBe(score);
  });

  it('gives every result a distinct fingerprint', () => {
    const prints = run.results.map((r: Sarif) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(new Set(prints).size).toBe(prints.length);
    for (const p of prints) expect(p).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps fingerprints when lines move, and changes them when the finding changes', () => {
    const compose =
      'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    network_mode: host\n';
    const before = sarifOf(analyzeFiles([{ path: 'compose.yaml', text: compose }])).runs[0].results;
    const after = sarifOf(analyzeFiles([{ path: 'compose.yaml', text: `# moved down\n\n${compose}` }]))
      .runs[0].results;
    const key = (r: Sarif) => `${r.ruleId} ${r.partialFingerprints[FINGERPRINT_KEY]}`;
    expect(after.map(key)).toEqual(before.map(key));
    expect(after[0].locations[0].physicalLocation.region.startLine).toBe(
      before[0].locations[0].physicalLocation.region.startLine + 2,
    );
    const renamed = sarifOf(analyzeFiles([{ path: 'compose.yaml', text: compose.replace('web:', 'api:') }]))
      .runs[0].results;
    expect(renamed.map(key)).not.toEqual(before.map(key));
  });

  it('reports input problems as tool execution notifications', () => {
    const broken = sarifOf(
      analyzeFiles([{ path: 'deploy/compose.yaml', text: 'services:\n  web:\n    image: [unclosed\n' }]),
    );
    expect(sarifSchemaErrors(broken)).toEqual([]);
    const invocation = broken.runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications.length).toBeGreaterThan(0);
    const first = invocation.toolExecutionNotifications[0];
    expect(first.level).toBe('error');
    expect(first.descriptor.id).toMatch(/^[A-Z_]+$/);
    expect(first.locations[0].physicalLocation.artifactLocation.uri).toBe('deploy/compose.yaml');
    expect(run.invocations[0].executionSuccessful).toBe(true);
  });

  it('is deterministic', () => {
    const text = analysisToSarif(result, TOOL);
    for (let i = 0; i < 5; i++) expect(analysisToSarif(result, TOOL)).toBe(text);
    expect(analysisToSarif(shop(), TOOL)).toBe(text);
  });

  it('produces valid SARIF for every golden fixture case', () => {
    const suites = [
      'attack',
      'compose',
      'conditions',
      'dockerfile',
      'inspect',
      'kubernetes',
      'oci',
      'topology',
    ];
    const invalid: string[] = [];
    let cases = 0;
    let results = 0;
    for (const suite of suites) {
      for (const name of readdirSync(join(FIXTURES, suite)).sort()) {
        const dir = join(FIXTURES, suite, name);
        if (!statSync(dir).isDirectory()) continue;
        const sarif = sarifOf(analyzeFiles(caseFiles(dir)));
        cases++;
        results += sarif.runs[0].results.length;
        const errors = sarifSchemaErrors(sarif);
        if (errors.length > 0) invalid.push(`${suite}/${name}: ${errors.slice(0, 3).join('; ')}`);
      }
    }
    expect(invalid).toEqual([]);
    expect(cases).toBeGreaterThan(90);
    expect(results).toBeGreaterThan(1000);
  });
});
