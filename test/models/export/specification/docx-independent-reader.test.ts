import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFiles } from '../../../../cli/collect-files';
import { exportSpecification } from '../../../../cli/specification-export';
import { analyzeThreats, type ThreatAnalysis } from '../../../../models/analysis/analyze-threats';
import { SECTION_TITLES } from '../../../../models/export/specification/build-specification';
import { DEFAULT_SPEC_TEMPLATE } from '../../../../models/export/specification/spec-template';

const PYTHON = '/usr/bin/python3';
const READER = join(import.meta.dirname, '../../../fixtures/specification/read-docx.py');
const SHOP = join(import.meta.dirname, '../../../../templates/examples/shop');

const hasPythonDocx = spawnSync(PYTHON, ['-c', 'import docx'], { stdio: 'ignore' }).status === 0;
// In CI the checker is installed: a missing one is a failure there, not a skip.
const runIndependent = hasPythonDocx || !!process.env.CI;
const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice'], { stdio: 'ignore' }).status === 0;

interface DocxReport {
  headings: { style: string; text: string }[];
  tables: { first_row: string[]; rows: number; header_repeats: boolean }[];
  images: { descr: string | null; title: string | null; width: number; height: number }[];
  sections: { orientation: 'portrait' | 'landscape'; header: string; footer: string }[];
  toc: boolean;
}

/** The example shop as `rampart export templates/examples/shop/compose templates/examples/shop/services`
 * sees it. */
function analyseShop(): ThreatAnalysis {
  const collected = collectFiles([join(SHOP, 'compose'), join(SHOP, 'services')], SHOP);
  const texts = new Map(collected.files.map((f) => [f.path, f.text]));
  return analyzeThreats(collected.files, {
    explicit: collected.explicit,
    read: (path) => texts.get(path) ?? collected.read(path),
    diagnostics: collected.diagnostics,
  });
}

describe.runIf(runIndependent)('the example shop as DOCX, read by python-docx', () => {
  let dir: string;
  let file: string;
  let report: DocxReport;
  let analysis: ThreatAnalysis;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rampart-spec-'));
    file = join(dir, 'shop.docx');
    analysis = analyseShop();
    const bytes = await exportSpecification(analysis, 'docx', {
      info: {
        authors: ['Security Architecture'],
        organization: 'Acme Shop',
        version: '1.0',
        date: '2026-11-28',
      },
    });
    writeFileSync(file, bytes);
    report = JSON.parse(
      execFileSync(PYTHON, [READER, file], { encoding: 'utf8', maxBuffer: 64 << 20 }),
    ) as DocxReport;
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('uses Word heading styles: a Heading 1 per chapter, in template order', () => {
    const chapters = report.headings.filter((h) => h.style === 'Heading 1').map((h) => h.text);
    expect(chapters).toEqual(
      DEFAULT_SPEC_TEMPLATE.sections.filter((s) => s !== 'title-page').map((s) => SECTION_TITLES[s]),
    );
    expect(report.headings[0]).toEqual({ style: 'Title', text: DEFAULT_SPEC_TEMPLATE.title });
  });

  it('has a Heading 2 per service in the requirements chapter and per goal in the attack trees', () => {
    const h2 = report.headings.filter((h) => h.style === 'Heading 2').map((h) => h.text);
    for (const name of ['api-gateway', 'orders', 'worker', 'monitoring-agent', 'postgres'])
      expect(h2).toContain(name);
    for (const goal of analysis.trees.goals) expect(h2).toContain(goal.title);
  });

  it('has a table of contents field', () => {
    expect(report.toc).toBe(true);
  });

  it('marks the first row of every table as a repeating header', () => {
    expect(report.tables.length).toBeGreaterThan(20);
    for (const t of report.tables) expect(t.header_repeats, t.first_row.join(' | ')).toBe(true);
    const firstRows = report.tables.map((t) => t.first_row.join(' | '));
    expect(firstRows[0]).toBe('Field | Value');
    expect(firstRows).toContain('Id | Requirement | State | Evidence');
    expect(firstRows).toContain('Severity | Subject | Finding | Evidence');
    expect(firstRows.some((r) => r.startsWith('Service | user-namespace | apparmor-profile'))).toBe(true);
    const findings = report.tables.find((t) => t.first_row[0] === 'Severity')!;
    expect(findings.rows).toBe(analysis.findings.length + 1);
  });

  it('embeds the diagram as one inline image with alternative text, on a landscape page', () => {
    expect(report.images).toHaveLength(1);
    expect(report.images[0]!.descr).toMatch(/^Architecture diagram: 15 elements in 5 trust boundaries/);
    expect(report.images[0]!.width).toBeGreaterThan(report.images[0]!.height);
    expect(report.sections.map((s) => s.orientation)).toContain('landscape');
    expect(report.sections[0]!.orientation).toBe('portrait');
  });

  it('prints the classification in the header and footer of every section', () => {
    for (const s of report.sections) {
      expect(s.header).toContain('INTERNAL');
      expect(s.footer).toContain('INTERNAL');
      expect(s.footer).toContain('Page');
    }
  });

  it.runIf(hasSoffice)('converts to PDF with LibreOffice', () => {
    const result = spawnSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(dir, 'shop.pdf'))).toBe(true);
    expect(readdirSync(dir)).toContain('shop.pdf');
  });
});
