import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Browser, Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, SCREENSHOTS, type AppPage } from './harness';

let browser: Browser;
let app: AppPage;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await openApp(browser);
  await app.open();
});

afterAll(async () => {
  await browser?.close();
});

const PYTHON = '/usr/bin/python3';

/** Runs a Python snippet on a file; undefined when Python or the module it needs is missing. */
function python(script: string, file: string, needs: string): string | undefined {
  if (spawnSync(PYTHON, ['-c', `import ${needs}`]).status !== 0) return undefined;
  const run = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return run.stdout;
}

async function exportVia(kind: string): Promise<Download> {
  const { page } = app;
  await page.getByTestId(`export-kind-${kind}`).click();
  const download = page.waitForEvent('download', { timeout: 170_000 });
  await page.getByTestId('export-run').click();
  return download;
}

describe('export menu in Chromium', () => {
  it(
    'exports the example as a .docx specification with the document control',
    { timeout: 180_000 },
    async () => {
      const { page } = app;
      await page.getByTestId('export').click();
      await page.getByTestId('export-dialog').waitFor();
      await page.getByTestId('export-kind-docx').click();
      // Document control: saved with the model as one undoable edit.
      await page.getByTestId('doc-organization').fill('Example Corp');
      await page.getByTestId('doc-organization').press('Tab');
      await page.getByTestId('doc-version').fill('2.3');
      await page.getByTestId('doc-version').press('Tab');
      await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');

      const download = exportVia('docx');
      await page.getByTestId('export-progress').waitFor();
      // The page keeps responding while the worker analyses: the dialog's tabs still switch.
      await page.getByTestId('export-kind-html').click();
      await expect
        .poll(() => page.getByTestId('export-kind-html').getAttribute('aria-selected'))
        .toBe('true');
      await page.getByTestId('export-kind-docx').click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/-specification\.docx$/);
      const path = (await file.path())!;
      await file.saveAs(`${SCREENSHOTS}shop-specification.docx`);
      const bytes = await readFile(path);
      expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
      expect(bytes.includes('word/document.xml')).toBe(true);
      await expect
        .poll(() => page.getByTestId('notice').allTextContents())
        .toContainEqual(expect.stringContaining('Downloaded'));
      await app.screenshot('30-export-docx');

      const xml = python(
        "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode())",
        path,
        'zipfile',
      );
      if (xml !== undefined) {
        expect(xml).toContain('Example Corp');
        expect(xml).toContain('2.3');
        expect(xml).toMatch(/word\/media|r:embed/);
      }
      const headings = python(
        "import sys, docx; print(sum(1 for p in docx.Document(sys.argv[1]).paragraphs if p.style.name == 'Heading 1'))",
        path,
        'docx',
      );
      if (headings !== undefined) expect(Number(headings)).toBeGreaterThanOrEqual(5);
    },
  );

  it('exports SARIF 2.1.0', { timeout: 180_000 }, async () => {
    const file = await exportVia('sarif');
    expect(file.suggestedFilename()).toMatch(/\.sarif$/);
    const sarif = JSON.parse(await readFile((await file.path())!, 'utf8')) as {
      version: string;
      runs: { results: unknown[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(10);
  });

  it('shows seccomp input errors with their line and saves a valid profile', async () => {
    const { page } = app;
    await page.getByTestId('export-kind-seccomp').click();
    await page.getByTestId('seccomp-input').fill('read\nwirte\n');
    await expect.poll(() => page.getByTestId('profile-problems').textContent()).toContain('line 2');
    expect(await page.getByTestId('seccomp-save').isDisabled()).toBe(true);
    await page.getByTestId('seccomp-input').fill('read\nwrite\nexit_group\n');
    const download = page.waitForEvent('download');
    await page.getByTestId('seccomp-save').click();
    const profile = JSON.parse(await readFile((await (await download).path())!, 'utf8')) as {
      defaultAction: string;
    };
    expect(profile.defaultAction).toBe('SCMP_ACT_ERRNO');
  });

  it('lists the shortcut in the help and saw no CSP violation or console error', async () => {
    const { page } = app;
    await page.getByTestId('export-close').click();
    await page.keyboard.press('Control+Shift+E');
    await page.getByTestId('export-dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('help').click();
    expect(await page.getByTestId('help-overlay').textContent()).toContain('Ctrl+Shift+E');
    expect(await app.cspViolations()).toEqual([]);
    expect(app.problems).toEqual([]);
  });
});
