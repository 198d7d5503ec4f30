import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFormat } from '../../cli/export-formats';
import { FINDINGS_CSV_COLUMNS } from '../../models/export/csv';
import { DEFAULT_SPEC_TEMPLATE } from '../../models/export/specification/spec-template';
import { modelFromImport } from '../../models/model/create-model';
import { deriveModel, type DerivedModel } from '../../models/model/derive-model';
import type { ThreatModel } from '../../models/model/threat-model';
import { diagramOf, renderExport, type ExportJob } from '../../renderer/export/export-job';
import type { FileExportKind } from '../../renderer/export/export-kinds';
import { readZip } from '../cli/read-zip';
import {
  csvProblems,
  docxProblems,
  htmlProblems,
  markdownProblems,
  parseCsv,
  svgProblems,
  wordText,
} from './export-checks';
import { NOW, threatModelArbitrary } from './model-arbitrary';
import { FORMULA, IMG, JS_URL, MD_LINK, SCRIPT, SVG } from './nasty-text';

/**
 * The payloads of a hostile config, exported in every format: each must come out as the text
 * the user wrote, in the form that keeps it text in that format — escaped markup in HTML, SVG and
 * Word XML, a quote before a spreadsheet formula, a JSON string in SARIF — and the Word files must
 * open in an independent reader (python-docx).
 */

// With a NUL: exports must drop or escape what XML and Word cannot hold.
const CONTROL = 'ctl\u0001\u0007\u001b\u0000end';

const TOOL = { name: 'rampart', version: '0.0.0-payload' };
const PYTHON = '/usr/bin/python3';
const hasPythonDocx = spawnSync(PYTHON, ['-c', 'import docx'], { stdio: 'ignore' }).status === 0;

function payloadModel(): ThreatModel {
  const compose = {
    services: {
      [IMG]: {
        image: 'nginx:1.25',
        ports: ['80:80'],
        environment: { DB_URL: `postgres://${FORMULA}:5432/x`, [`${SVG}_TOKEN`]: MD_LINK },
        labels: { note: JS_URL },
        privileged: true,
      },
      [SCRIPT]: { image: `${SVG}:latest`, container_name: FORMULA, cap_add: ['SYS_ADMIN'] },
      [FORMULA]: { image: 'postgres:16', user: CONTROL },
      [MD_LINK]: { image: JS_URL },
    },
  };
  let id = 0;
  const { model } = modelFromImport(
    [{ path: `app/compose.yml`, text: JSON.stringify(compose, null, 2) }],
    NOW,
    {
      newId: () => `payload-${++id}`,
      name: IMG,
    },
  );
  const first = model.elements.find((e) => e.workload !== undefined)!;
  return {
    ...model,
    description: `${SCRIPT} ${MD_LINK} ${CONTROL}`,
    document: { version: SVG, authors: [FORMULA, IMG], classification: SCRIPT, organization: JS_URL },
    decisions: [
      {
        id: 'decision-1',
        node: `goal:persist:${first.id}`,
        decision: 'accept',
        owner: IMG,
        note: SCRIPT,
        at: NOW,
      },
    ],
    mitigationStates: [
      {
        target: first.id,
        mitigation: 'no-privileged',
        state: 'accepted-risk',
        reason: FORMULA,
        author: SVG,
        at: NOW,
      },
    ],
    notes: [{ id: 'note-1', target: first.id, text: `${IMG}\n${MD_LINK}`, at: NOW }],
  };
}

const model = payloadModel();
let derived: DerivedModel;

const job = (kind: FileExportKind, m: ThreatModel = model): ExportJob => ({
  kind,
  model: m,
  layout: { positions: {} },
  info: {
    title: m.name,
    version: m.document.version || '1.0',
    date: '2026-03-01',
    authors: m.document.authors,
    classification: m.document.classification || DEFAULT_SPEC_TEMPLATE.classification,
    organization: m.document.organization,
  },
  tool: TOOL,
});

async function exported(kind: FileExportKind): Promise<string> {
  const { data } = await renderExport(job(kind), derived);
  return typeof data === 'string' ? data : new TextDecoder().decode(data);
}

describe('payloads in every export', () => {
  let dir: string;
  beforeAll(() => {
    derived = deriveModel(model);
    dir = mkdtempSync(join(tmpdir(), 'rampart-payloads-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reach the analysis as the names the config gave', () => {
    const names = derived.analysis.bundle.workloads.map((w) => w.name).sort();
    expect(names).toEqual([FORMULA, IMG, SCRIPT, MD_LINK].sort());
  });

  it('are escaped markup in the HTML specification, and nothing else is markup', async () => {
    const html = await exported('html');
    expect(htmlProblems(html)).toEqual([]);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html).toContain('&lt;svg onload=window.__pwned=1&gt;');
  });

  it('are escaped text in the diagram SVG', () => {
    const { svg } = diagramOf(derived.analysis, { positions: {} });
    expect(svgProblems(svg)).toEqual([]);
    expect(svg).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    expect(svg).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
  });

  it('are escaped Markdown in the specification and the analysis report', async () => {
    const markdown = await exported('markdown');
    expect(markdownProblems(markdown)).toEqual([]);
    expect(markdown).toContain('\\<script\\>window.\\_\\_pwned=1\\</script\\>');
    expect(markdown).toContain('\\[x\\]\\(javascript:alert\\(1\\)\\)');
    const report = String(await exportFormat('markdown')!.write(derived.analysis, { tool: TOOL }));
    expect(markdownProblems(report)).toEqual([]);
    expect(report).toContain('\\<img src=x onerror="window.\\_\\_pwned=1"\\>');
  });

  it('start with a quote where a spreadsheet would read a formula', async () => {
    const csv = await exported('csv');
    expect(csvProblems(csv, FINDINGS_CSV_COLUMNS, derived.analysis.findings.length)).toEqual([]);
    const rows = parseCsv(csv.slice(1));
    const workloads = rows.slice(1).map((row) => row[FINDINGS_CSV_COLUMNS.indexOf('workload')]);
    expect(workloads).toContain(`'${FORMULA}`);
    expect(workloads).not.toContain(FORMULA);
  });

  it('are JSON strings in SARIF, read back exactly', async () => {
    const text = await exported('sarif');
    const log = JSON.parse(text) as { runs: { results: { properties: { workload: string } }[] }[] };
    const workloads = new Set(log.runs[0]!.results.map((r) => r.properties.workload));
    for (const name of [IMG, SCRIPT, FORMULA, MD_LINK]) expect(workloads).toContain(name);
    // eslint-disable-next-line no-control-regex -- raw control characters are what must not be there
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('are escaped text in the Word file, which python-docx opens', async () => {
    const bytes = (await renderExport(job('docx'), derived)).data as Uint8Array;
    expect(docxProblems(bytes)).toEqual([]);
    const xml = readZip(bytes).get('word/document.xml')!.toString('utf8');
    expect(xml).not.toContain('<img src=x');
    expect(xml).toContain('&lt;img src=x onerror=');
    expect(wordText(xml)).toContain(IMG);
    expect(wordText(xml)).toContain(SCRIPT);
    if (hasPythonDocx || process.env.CI) expect(openWithPythonDocx(dir, 'payloads.docx', bytes)).toBe(true);
  });

  it.runIf(hasPythonDocx || !!process.env.CI)(
    'give Word files python-docx opens, for generated hostile models too',
    async () => {
      const samples = fc.sample(threatModelArbitrary(), { numRuns: 2, seed: 20260303 });
      for (const [i, sample] of samples.entries()) {
        const d = deriveModel(sample.model);
        const app = (await renderExport({ ...job('docx', sample.model), layout: sample.layout }, d)).data;
        expect(openWithPythonDocx(dir, `sample-${i}.docx`, app as Uint8Array)).toBe(true);
      }
      const cli = await exportFormat('docx')!.write(derived.analysis, {
        tool: TOOL,
        specification: { template: { template: DEFAULT_SPEC_TEMPLATE }, info: { date: '2026-03-01' } },
      });
      expect(openWithPythonDocx(dir, 'cli.docx', cli as Uint8Array)).toBe(true);
    },
    60_000,
  );
});

/** Whether python-docx reads the file and finds its paragraphs; its error is printed when not. */
function openWithPythonDocx(dir: string, name: string, bytes: Uint8Array): boolean {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const run = spawnSync(
    PYTHON,
    ['-c', 'import sys, docx; d = docx.Document(sys.argv[1]); print(len(d.paragraphs))', path],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) console.error(run.stderr);
  return run.status === 0 && Number(run.stdout.trim()) > 0;
}
