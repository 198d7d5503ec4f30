import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFilesOnNewModel, item, launchBrowser, openApp, type AppPage } from './harness';

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

const COMPOSE = `services:
  web:
    image: nginx:latest
    ports: ["8080:80"]
    environment:
      API_URL: http://api:9000
  api:
    image: example/api
    privileged: true
`;

describe('editing in Chromium', () => {
  it('imports files dropped on the window, with the diagnostics of a broken one', async () => {
    const { page } = app;
    await dropFilesOnNewModel(page, { 'compose.yaml': COMPOSE, 'broken.yml': 'services:\n  broken: [\n' });
    await page.locator(item('compose:default/web')).waitFor();
    expect(await page.locator(item('compose:default/api')).getAttribute('data-element-kind')).toBe('service');
    await page.getByTestId('tab-diagnostics').click();
    const diagnostic = page.locator('[data-testid=diagnostic]').filter({ hasText: 'broken.yml' }).first();
    expect(await diagnostic.textContent()).toMatch(/broken\.yml:\d+:\d+/);
    await app.screenshot('20-dropped');
  });

  it('box-selects with Shift+drag, copies and pastes', async () => {
    const { page } = app;
    const canvas = (await page.getByTestId('diagram').boundingBox())!;
    await page.keyboard.down('Shift');
    await page.mouse.move(canvas.x + 5, canvas.y + 5);
    await page.mouse.down();
    await page.mouse.move(canvas.x + canvas.width - 5, canvas.y + canvas.height - 5, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect
      .poll(() => page.locator('[data-testid=diagram] .element.selected').count())
      .toBeGreaterThanOrEqual(2);
    const before = await page.locator('[data-testid=diagram] [data-kind=element]').count();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect
      .poll(() => page.locator('[data-testid=diagram] [data-kind=element]').count())
      .toBe(before + (await page.locator('[data-testid=diagram] .element.selected').count()));
    expect(await page.locator('[data-testid=diagram] [data-id^="user:service:"]').count()).toBeGreaterThan(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-testid=diagram] [data-kind=element]').count()).toBe(before);
  });

  it('draws a trust boundary and resizes it with its handle', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.getByTestId('fit').click();
    const canvas = (await page.getByTestId('diagram').boundingBox())!;
    await page.getByTestId('tool-boundary').click();
    await page.mouse.move(canvas.x + 20, canvas.y + canvas.height - 150);
    await page.mouse.down();
    await page.mouse.move(canvas.x + 220, canvas.y + canvas.height - 40, { steps: 5 });
    await page.mouse.up();
    const frame = page.locator('[data-boundary="user:boundary:1"] .frame');
    await frame.waitFor();
    const width = Number(await frame.getAttribute('width'));
    const handle = (await page.getByTestId('resize-handle').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + 80, handle.y + 10, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => Number(await frame.getAttribute('width'))).toBeGreaterThan(width);
    await app.screenshot('21-boundary');
  });

  it('searches elements and highlights the matches', async () => {
    const { page } = app;
    await page.getByTestId('search').fill('api');
    await expect
      .poll(() => page.locator('[data-testid=diagram] .element.highlighted').count())
      .toBeGreaterThan(0);
    await page.getByTestId('search').press('Enter');
    await expect.poll(() => page.locator(`${item('compose:default/api')}.selected`).count()).toBe(1);
    await page.getByTestId('search').press('Escape');
    expect(await page.locator('[data-testid=diagram] .element.highlighted').count()).toBe(0);
  });

  it('shows the minimap for the larger example model', async () => {
    const { page } = app;
    await page.locator('[data-testid=library-item] button.name', { hasText: 'Shop (example)' }).click();
    await page.locator(item('k8s:shop/Deployment/storefront')).waitFor();
    await page.getByTestId('minimap').waitFor();
    await app.screenshot('22-example-minimap');
  });

  it('ran without console errors or CSP violations', async () => {
    expect(await app.cspViolations()).toEqual([]);
    expect(app.problems).toEqual([]);
  });
});
