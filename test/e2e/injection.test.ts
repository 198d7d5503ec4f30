import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDINGS_CSV_COLUMNS } from '../../models/export/csv';
import { readZip } from '../cli/read-zip';
import {
  csvProblems,
  docxProblems,
  htmlProblems,
  markdownProblems,
  parseCsv,
  svgProblems,
  wordText,
} from '../robustness/export-checks';
import { dropFilesOnNewModel, item, launchBrowser, openApp, type AppPage } from './harness';
import { FORMULA, IMG, JS_URL, MD_LINK, SCRIPT, SVG } from '../robustness/nasty-text';

/**
 * Hostile text in a config, and typed into the app, stays text everywhere: imported by dropping
 * the files, shown in the diagram, inspector, findings, diagnostics, source viewer, tree explorer
 * and presenter, edited through the UI, and exported in every format. Nothing may run — no
 * `window.__pwned`, no dialog, no CSP violation, no console error — and each export carries the
 * payloads only in the inert form of its format. The exported HTML and SVG files are then opened
 * in a fresh page, once as written and once with the HTML's own CSP taken out, and still nothing
 * runs.
 */

// Typed into the page as well, where a NUL would not survive the keyboard.
const CONTROL = 'ctl\u0001\u0007\u001b end';

const COMPOSE = JSON.stringify(
  {
    services: {
      [IMG]: {
        image: 'nginx:latest',
        ports: ['8080:80'],
        privileged: true,
        environment: { HOMEPAGE: JS_URL, NOTE: MD_LINK, CONTROL, API_TOKEN: FORMULA },
        labels: { [SCRIPT]: SVG },
        depends_on: [SCRIPT],
      },
      [SCRIPT]: { image: `${SVG}:1`, container_name: FORMULA, cap_add: ['SYS_ADMIN'] },
      [FORMULA]: { image: 'postgres:16', user: MD_LINK },
    },
  },
  null,
  2,
);

const id = (service: string) => `compose:default/${service}`;

let browser: Browser;
let app: AppPage;
let dir: string;
const dialogs: string[] = [];
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-injection-'));
  browser = await launchBrowser();
  app = await openApp(browser);
  app.page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await app.open();
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Nothing of the payloads ran, and the page saw no error or policy violation. */
async function expectNothingRan(page: Page): Promise<void> {
  expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
  expect(dialogs).toEqual([]);
  expect(await app.cspViolations()).toEqual([]);
  expect(app.problems).toEqual([]);
}

async function saved(download: Promise<Download>, name: string): Promise<string> {
  const file = await download;
  const path = join(dir, name);
  await file.saveAs(path);
  files[name] = path;
  return path;
}

describe('hostile text in Chromium', () => {
  it('imports dropped files whose names and values carry payloads, and shows them as text', async () => {
    const { page } = app;
    await dropFilesOnNewModel(page, {
      'compose.yaml': COMPOSE,
      [`${SCRIPT}.yml`]: 'services:\n  broken: [\n',
    });
    await page.locator(item(id(IMG))).waitFor();
    for (const service of [IMG, SCRIPT])
      expect(await page.locator(item(id(service))).getAttribute('data-element-kind')).toBe('service');
    expect(await page.locator(item(id(FORMULA))).getAttribute('data-element-kind')).toBe('data-store');
    // The diagram draws the names as text (possibly shortened to fit the box).
    expect(await page.locator(item(id(IMG))).textContent()).toContain('<img src=x');
    expect(await page.locator('[data-testid=diagram] img, [data-testid=diagram] script').count()).toBe(0);

    // The unreadable file is listed under its own name, as text.
    await page.getByTestId('tab-diagnostics').click();
    await expect
      .poll(() =>
        page
          .locator('[data-testid=diagnostic]')
          .filter({ hasText: `${SCRIPT}.yml` })
          .count(),
      )
      .toBeGreaterThan(0);
    await app.screenshot('40-injection-imported');
    await expectNothingRan(page);
  });

  it('shows payloads as text in the inspector, findings and source viewer', async () => {
    const { page } = app;
    await page.locator(item(id(IMG))).click();
    await expect.poll(() => page.getByTestId('inspector-name').inputValue()).toBe(IMG);
    const inspector = page.getByTestId('inspector');
    await expect.poll(() => inspector.getByTestId('finding').count()).toBeGreaterThan(3);
    expect(await inspector.textContent()).toContain(`${IMG} runs privileged`);

    await page.getByTestId('tab-findings').click();
    const panel = page.getByTestId('findings-panel');
    await expect.poll(() => panel.getByText(`${FORMULA} runs as`).count()).toBeGreaterThan(0);
    expect(await panel.getByText(SCRIPT, { exact: false }).count()).toBeGreaterThan(0);

    await inspector.getByTestId('source-link').first().click();
    const viewer = page.getByTestId('source-viewer');
    await viewer.waitFor();
    const source = (await viewer.textContent())!;
    expect(source).toContain(JSON.stringify(IMG).slice(1, -1));
    await app.screenshot('41-injection-source');
    await viewer.getByRole('button').click();
    await expectNothingRan(page);
  });

  it('takes payloads typed into names and the document control as text', async () => {
    const { page } = app;
    await page.locator(item(id(SCRIPT))).click();
    await page.getByTestId('inspector-name').fill(`${SVG} renamed`);
    await page.getByTestId('inspector-name').press('Enter');
    await expect.poll(() => page.locator(item(id(SCRIPT))).textContent()).toContain('<svg onload');

    // The model itself: nothing selected.
    await page.getByTestId('inspector-name').blur();
    await page.keyboard.press('Escape');
    await page.getByTestId('model-name').fill(`${IMG} ${CONTROL}`);
    await page.getByTestId('model-name').press('Enter');
    await expect.poll(() => page.getByTestId('current-model').textContent()).toContain('<img src=x');
    await expectNothingRan(page);
  });

  it('keeps tree notes, added steps and decisions with payloads as text in the explorer and presenter', async () => {
    const { page } = app;
    await page.locator(item(id(IMG))).click();
    await page.getByTestId('open-trees-for').click();
    const canvas = page.getByTestId('tree-canvas');
    await canvas.waitFor({ timeout: 30_000 });
    const goal = (await page.getByTestId('goal-picker').inputValue())!;
    const root = page.locator(`[data-testid=tree-canvas] [data-key="${goal.replace(/"/g, '\\"')}"]`);
    await root.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('add-node-kind').selectOption('step');
    await page.getByTestId('add-node-label').fill(`${SCRIPT} ${MD_LINK}`);
    await page.getByTestId('add-node-submit').click();
    const added = page.locator('[data-testid=tree-canvas] [data-node="user:step:1"]');
    await added.waitFor({ timeout: 30_000 });
    expect(await added.textContent()).toContain('<script>');
    await root.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('add-node-kind').selectOption('note');
    await page.getByTestId('add-node-label').fill(`${IMG} ${FORMULA}`);
    await page.getByTestId('add-node-submit').click();
    await expect.poll(() => page.getByTestId('node-details').textContent()).toContain(IMG);

    // Tree pictures, as the explorer exports them: PNG first (see explorer.test.ts), then SVG.
    const pngDownload = page.waitForEvent('download');
    await page.getByTestId('tree-export-png').click();
    const png = await saved(pngDownload, 'tree.png');
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    const svgDownload = page.waitForEvent('download');
    await page.getByTestId('tree-export-svg').click();
    await saved(svgDownload, 'tree.svg');

    // The presenter: record a decision whose owner and note are payloads.
    await page.getByTestId('presenter-open').click();
    await page.getByTestId('presenter').waitFor();
    expect(await page.getByTestId('presenter').textContent()).toContain('<img src=x');
    await page.getByTestId('decision-owner').fill(SVG);
    await page.getByTestId('decision-note').fill(`${JS_URL} ${MD_LINK}`);
    await page.getByTestId('decision-record').click();
    await expect.poll(() => page.getByTestId('decision-recorded').textContent()).toContain(SVG);
    await app.screenshot('42-injection-presenter');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('presenter').count()).toBe(0);
    await page.getByTestId('tree-close').click();
    await expectNothingRan(page);
  });

  it('exports every format through the dialog', { timeout: 120_000 }, async () => {
    const { page } = app;
    await page.getByTestId('export').click();
    await page.getByTestId('export-dialog').waitFor();
    await page.getByTestId('export-kind-html').click();
    for (const [field, value] of [
      ['doc-title', `${SCRIPT} title`],
      ['doc-version', SVG],
      ['doc-classification', IMG],
      ['doc-organization', JS_URL],
      ['doc-authors', `${FORMULA}, ${MD_LINK}`],
    ] as const) {
      await page.getByTestId(field).fill(value);
      await page.getByTestId(field).press('Tab');
    }
    for (const [kind, name] of [
      ['html', 'spec.html'],
      ['markdown', 'spec.md'],
      ['csv', 'findings.csv'],
      ['sarif', 'findings.sarif'],
      ['json', 'analysis.json'],
      ['threat-dragon', 'threat-dragon.json'],
      ['harden', 'hardened.md'],
      ['docx', 'spec.docx'],
    ] as const) {
      await page.getByTestId(`export-kind-${kind}`).click();
      const download = page.waitForEvent('download', { timeout: 100_000 });
      await page.getByTestId('export-run').click();
      await saved(download, name);
    }
    await page.getByTestId('export-close').click();
    await expectNothingRan(page);
  });

  it('wrote the payloads into the exports only in inert form', () => {
    const text = (name: string) => readFileSync(files[name]!, 'utf8');

    const html = text('spec.html');
    expect(htmlProblems(html)).toEqual([]);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt; title');
    expect(html).toContain('&lt;svg onload=window.__pwned=1&gt;');
    // The decision recorded in the presenter: its note, escaped.
    expect(html).toContain('javascript:window.__pwned=1 [x](javascript:alert(1))');

    const markdown = text('spec.md');
    expect(markdownProblems(markdown)).toEqual([]);
    expect(markdown).toContain('\\<script\\>window.\\_\\_pwned=1\\</script\\>');
    expect(markdownProblems(text('hardened.md'))).toEqual([]);

    const svg = text('tree.svg');
    expect(svgProblems(svg)).toEqual([]);
    expect(svg).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');

    const csv = text('findings.csv');
    const rows = parseCsv(csv.slice(1));
    expect(csvProblems(csv, FINDINGS_CSV_COLUMNS, rows.length - 1)).toEqual([]);
    const workloads = rows.slice(1).map((row) => row[FINDINGS_CSV_COLUMNS.indexOf('workload')]);
    expect(workloads).toContain(`'${FORMULA}`);
    expect(workloads).not.toContain(FORMULA);

    const sarif = JSON.parse(text('findings.sarif')) as {
      version: string;
      runs: { results: { properties: { workload: string } }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.map((r) => r.properties.workload)).toContain(IMG);
    // eslint-disable-next-line no-control-regex -- a raw control character is what must not be there
    expect(text('findings.sarif')).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const analysis = text('analysis.json');
    expect(JSON.parse(analysis)).toHaveProperty('schemaVersion', 1);
    // The step added in the explorer is in the trees, as a JSON string.
    expect(analysis).toContain(JSON.stringify(`${SCRIPT} ${MD_LINK}`));
    JSON.parse(text('threat-dragon.json'));

    const docx = new Uint8Array(readFileSync(files['spec.docx']!));
    expect(docxProblems(docx)).toEqual([]);
    const xml = readZip(docx).get('word/document.xml')!.toString('utf8');
    expect(xml).not.toContain('<img src=x');
    expect(wordText(xml)).toContain(IMG);
    expect(wordText(xml)).toContain(`${SCRIPT} title`);
  });

  it('runs nothing when the exported HTML and SVG are opened on their own', async () => {
    const html = readFileSync(files['spec.html']!, 'utf8');
    // The HTML's CSP would stop a script anyway: without it, nothing may run either.
    const withoutCsp = join(dir, 'spec-without-csp.html');
    writeFileSync(withoutCsp, html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''));
    const diagram = /data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(html)![1]!;
    const diagramSvg = join(dir, 'diagram.svg');
    writeFileSync(diagramSvg, Buffer.from(diagram, 'base64'));

    const context = await browser.newContext();
    try {
      for (const path of [files['spec.html']!, withoutCsp, files['tree.svg']!, diagramSvg]) {
        const page = await context.newPage();
        const seen: string[] = [];
        page.on('dialog', (dialog) => {
          seen.push(dialog.message());
          void dialog.dismiss();
        });
        page.on('pageerror', (error) => seen.push(error.message));
        await page.goto(pathToFileURL(path).href);
        await page.waitForLoadState('load');
        // Give handlers such as onerror time to fire.
        await page.waitForTimeout(300);
        expect(await page.evaluate('typeof window.__pwned'), path).toBe('undefined');
        expect(seen, path).toEqual([]);
        if (path.endsWith('.html')) {
          expect(await page.locator('img[onerror], script, svg[onload]').count()).toBe(0);
          expect(await page.getByText('<img src=x onerror="window.__pwned=1">').count()).toBeGreaterThan(0);
        } else {
          expect(await page.locator('script, foreignObject').count()).toBe(0);
        }
        await page.close();
      }
    } finally {
      await context.close();
    }
  });
});
