import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const SCREENSHOTS = fileURLToPath(new URL('../../test-output/e2e/', import.meta.url));
export const EXAMPLE = fileURLToPath(new URL('../../templates/examples/shop/', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A page of the app with everything that must not happen recorded: console errors, uncaught
 * exceptions, CSP violations (both the DOM event and Chromium's console report). */
export interface AppPage {
  context: BrowserContext;
  page: Page;
  problems: string[];
  /** Loads the app and waits until the diagram shows the open model. */
  open(): Promise<void>;
  screenshot(name: string): Promise<void>;
  cspViolations(): Promise<string[]>;
}

export async function openApp(browser: Browser): Promise<AppPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text()))
      problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // Runs before any page script (outside the page's CSP): collects violation events.
  await page.addInitScript({
    content: `window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));`,
  });
  const url = inject('appUrl');
  return {
    context,
    page,
    problems,
    async open() {
      await page.goto(url);
      await page.locator('[data-testid=diagram] [data-kind=element]').first().waitFor();
    },
    async screenshot(name: string) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
    },
    async cspViolations() {
      return page.evaluate('window.__cspViolations') as Promise<string[]>;
    },
  };
}

/** Selector of a diagram item by its model id. */
export function item(id: string): string {
  return `[data-testid=diagram] [data-id="${id.replace(/"/g, '\\"')}"]`;
}
