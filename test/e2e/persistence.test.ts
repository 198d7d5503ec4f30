import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { item, launchBrowser, openApp, type AppPage } from './harness';

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

const PAYMENTS = 'compose:shop/payments';

describe('persistence in Chromium', () => {
  it('keeps a changed mitigation state after a reload', async () => {
    const { page } = app;
    await page.locator(item(PAYMENTS)).click();
    const row = page.locator('[data-testid=inspector] [data-mitigation=read-only-rootfs]');
    const before = await row.getAttribute('data-state');
    const next = before === 'planned' ? 'accepted-risk' : 'planned';
    await page.getByTestId('mitigation-state-read-only-rootfs').selectOption(next);
    await expect.poll(() => row.getAttribute('data-state')).toBe(next);
    expect(await row.textContent()).toContain('Set by hand');
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    await app.screenshot('10-mitigation-set');

    await page.reload();
    await page.locator(item(PAYMENTS)).waitFor();
    await page.locator(item(PAYMENTS)).click();
    await expect.poll(() => row.getAttribute('data-state')).toBe(next);

    // Back to what the configuration says: also kept.
    await page.getByTestId('mitigation-reset-read-only-rootfs').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe(before);
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    await page.reload();
    await page.locator(item(PAYMENTS)).click();
    await expect.poll(() => row.getAttribute('data-state')).toBe(before);
  });

  it('keeps a flow protection change after a reload', async () => {
    const { page } = app;
    const id = 'flow:compose:shop/api-gateway->compose:shop/catalog:http:8000';
    await page.locator(`${item(id)} .hit`).click({ force: true });
    await page.getByTestId('flow-protection').selectOption('mtls');
    await expect.poll(() => page.locator(item(id)).textContent()).toContain('mTLS');
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    await page.reload();
    await page.locator(item(id)).waitFor();
    expect(await page.locator(item(id)).textContent()).toContain('mTLS');
  });

  it('saves the model as a *.rampart.json download and opens it again', async () => {
    const { page } = app;
    const download = page.waitForEvent('download');
    await page.getByTestId('save-file').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.rampart\.json$/);
    const text = await readFile((await file.path())!, 'utf8');
    const saved = JSON.parse(text) as { format: string; model: { name: string; elements: { id: string }[] } };
    expect(saved.format).toBe('rampart');
    expect(saved.model.elements.map((e) => e.id)).toContain(PAYMENTS);

    const renamed = text.replace(`"name": "${saved.model.name}"`, '"name": "Opened from file"');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('open-file').click();
    await (
      await chooser
    ).setFiles({ name: 'opened.rampart.json', mimeType: 'application/json', buffer: Buffer.from(renamed) });
    await expect.poll(() => page.getByTestId('current-model').textContent()).toBe('Opened from file');
    expect(await page.locator(item(PAYMENTS)).count()).toBe(1);
    expect(await page.locator('[data-testid=library-item]').count()).toBeGreaterThanOrEqual(2);
    await app.screenshot('11-opened-file');
  });

  it('reports an unreadable model file in the diagnostics panel with file, line and column', async () => {
    const { page } = app;
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('open-file').click();
    await (
      await chooser
    ).setFiles({
      name: 'broken.rampart.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{\n  "format": "rampart",\n  "schemaVersion": 1,\n  "model": [\n'),
    });
    await page.getByTestId('diagnostics-panel').waitFor();
    const first = page.locator('[data-testid=diagnostic]').first();
    expect(await first.textContent()).toMatch(/broken\.rampart\.json:\d+:\d+/);
    await app.screenshot('12-diagnostics');
    // The error notice is expected UI, not a console error.
  });

  it('ran without console errors or CSP violations', async () => {
    expect(await app.cspViolations()).toEqual([]);
    expect(app.problems).toEqual([]);
  });
});
