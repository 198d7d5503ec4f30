import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, item, launchBrowser, openApp, type AppPage } from './harness';

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

describe('diagram editor in Chromium', () => {
  it('opens the built-in example on the first start', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('[data-testid=current-model]').textContent()).toContain('Shop');
    expect(await page.locator(item('compose:shop/storefront')).count()).toBe(1);
    expect(await page.locator(item('k8s:shop/Deployment/storefront')).count()).toBe(1);
    await app.screenshot('01-example');
  });

  it('imports the example compose folder: services, data stores, boundaries and flows', async () => {
    const { page } = app;
    await page.getByTestId('new-model').click();
    await expect.poll(() => page.locator('[data-testid=diagram] [data-kind=element]').count()).toBe(0);
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-folder').click();
    await (await chooser).setFiles(`${EXAMPLE}compose`);
    await page.locator(item('compose:shop/storefront')).waitFor();

    for (const service of ['storefront', 'api-gateway', 'catalog', 'orders', 'payments', 'worker'])
      expect(await page.locator(item(`compose:shop/${service}`)).getAttribute('data-element-kind')).toBe(
        'service',
      );
    for (const store of ['postgres', 'redis', 'rabbitmq'])
      expect(await page.locator(item(`compose:shop/${store}`)).getAttribute('data-element-kind')).toBe(
        'data-store',
      );
    expect(await page.locator(item('internet')).getAttribute('data-element-kind')).toBe('internet');
    for (const boundary of [
      'boundary:host:shop',
      'boundary:network:shop/backend',
      'boundary:network:shop/frontend',
    ])
      expect(await page.locator(`[data-testid=diagram] [data-boundary="${boundary}"]`).count()).toBe(1);
    expect(await page.locator(item('boundary:network:shop/backend')).textContent()).toContain('backend');
    // Nothing from the Kubernetes half of the example: only the compose folder was imported.
    expect(await page.locator('[data-testid=diagram] [data-id^="k8s:"]').count()).toBe(0);

    const flows = page.locator('[data-testid=diagram] [data-kind=flow]');
    expect(await flows.count()).toBeGreaterThan(10);
    const gatewayToCatalog = page.locator(
      item('flow:compose:shop/api-gateway->compose:shop/catalog:http:8000'),
    );
    expect(await gatewayToCatalog.textContent()).toContain('http:8000');
    expect(await gatewayToCatalog.textContent()).toContain('plaintext');
    expect(
      await page.locator('[data-testid=diagram] [data-kind=flow][data-crossing=true]').count(),
    ).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=diagram] [data-testid=risk-badge]').count()).toBeGreaterThan(0);
    await app.screenshot('02-imported-compose');
  });

  it('shows the findings overview with counts and filters', async () => {
    const { page } = app;
    await page.getByTestId('tab-findings').click();
    const all = Number((await page.getByTestId('findings-shown').textContent())!.match(/\d+/)![0]);
    expect(all).toBeGreaterThan(0);
    await page.getByTestId('filter-severity').selectOption('critical');
    const critical = Number((await page.getByTestId('findings-shown').textContent())!.match(/\d+/)![0]);
    expect(critical).toBeLessThan(all);
    const severities = await page
      .locator('[data-testid=findings-panel] [data-testid=finding]')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-severity')));
    expect(new Set(severities)).toEqual(new Set(critical > 0 ? ['critical'] : []));
    await page.getByTestId('filter-severity').selectOption('');
    await app.screenshot('03-findings');
  });

  it('inspects an element: facts with source links, findings, mitigation checklist', async () => {
    const { page } = app;
    await page.locator(`${item('compose:shop/payments')}`).click();
    const inspector = page.getByTestId('inspector');
    await inspector.getByTestId('facts').waitFor();
    expect(await inspector.getByTestId('facts').textContent()).toContain('compose/compose.yaml');
    expect(await inspector.locator('[data-testid=mitigation-row]').count()).toBeGreaterThan(10);
    await inspector.getByTestId('source-link').first().click();
    await page.getByTestId('source-viewer').waitFor();
    expect(await page.getByTestId('source-viewer').textContent()).toContain('payments');
    // Every line of the excerpt is shown on its own row, numbered without gaps.
    const rows = page.getByTestId('source-viewer').locator('.line');
    const numbers = (await rows.locator('.no').allTextContents()).map(Number);
    expect(numbers.length).toBeGreaterThan(10);
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
    const tops = await rows.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
    expect(new Set(tops).size).toBe(tops.length);
    await app.screenshot('04-inspector-and-source');
    await page.keyboard.press('Escape');
    await page.getByTestId('source-viewer').getByRole('button').click();
  });

  it('draws an element and a flow with the mouse, then undoes and redoes it', async () => {
    const { page } = app;
    await page.getByTestId('new-model').click();
    await expect.poll(() => page.locator('[data-testid=diagram] [data-kind=element]').count()).toBe(0);
    const canvas = (await page.getByTestId('diagram').boundingBox())!;

    await page.getByTestId('tool-service').click();
    await page.mouse.click(canvas.x + 200, canvas.y + 150);
    await page.locator(item('user:service:1')).waitFor();
    await page.keyboard.press('d');
    await page.mouse.click(canvas.x + 500, canvas.y + 320);
    await page.locator(item('user:data-store:1')).waitFor();

    // Select the service, then drag its connect handle onto the data store.
    await page.locator(item('user:service:1')).click();
    const handle = (await page.getByTestId('connect-handle').boundingBox())!;
    const target = (await page.locator(item('user:data-store:1')).boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x + 30, target.y + 20, { steps: 8 });
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 4 });
    await page.mouse.up();
    const flow = page.locator('[data-testid=diagram] [data-kind=flow]');
    await expect.poll(() => flow.count()).toBe(1);
    expect(await flow.getAttribute('data-id')).toBe('user:flow:user:service:1->user:data-store:1:1');
    await app.screenshot('05-drawn');

    // Move the data store by dragging it. Elements are drawn in diagram coordinates: where one is
    // shows in its outline's path data.
    const outline = () =>
      page
        .locator(`${item('user:data-store:1')} path`)
        .first()
        .getAttribute('d');
    const before = await outline();
    const box = (await page.locator(item('user:data-store:1')).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 40, { steps: 6 });
    await page.mouse.up();
    await expect.poll(outline).not.toBe(before);

    // Undo the move, then the flow; redo both.
    await page.locator('body').click({ position: { x: 5, y: 890 } });
    await page.keyboard.press('Control+z');
    await expect.poll(outline).toBe(before);
    await page.keyboard.press('Control+z');
    await expect.poll(() => flow.count()).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => flow.count()).toBe(1);
    await page.getByTestId('redo').click();
    await expect.poll(outline).not.toBe(before);

    // Delete with the keyboard, undo brings it back.
    await page.locator(item('user:service:1')).click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator(item('user:service:1')).count()).toBe(0);
    expect(await flow.count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator(item('user:service:1')).count()).toBe(1);
    expect(await flow.count()).toBe(1);
  });

  it('shows the shortcut help overlay', async () => {
    const { page } = app;
    await page.keyboard.press('?');
    await page.getByTestId('help-overlay').waitFor();
    expect(await page.getByTestId('help-overlay').textContent()).toContain('Ctrl+Z');
    await app.screenshot('06-help');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('help-overlay').count()).toBe(0);
  });

  it('ran without console errors or CSP violations', async () => {
    expect(await app.cspViolations()).toEqual([]);
    expect(app.problems).toEqual([]);
  });
});
