import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { CHROMIUM_OPTIONS } from '../chromium-options';

export const SCREENSHOTS = fileURLToPath(new URL('../../test-output/e2e/', import.meta.url));
export const EXAMPLE = fileURLToPath(new URL('../../templates/examples/shop/', import.meta.url));

const VIEWPORT = { width: 1400, height: 900 };

/** Runs before any page script (outside the page's CSP): collects violation events. */
const COLLECT_CSP_VIOLATIONS = `window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));`;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch(CHROMIUM_OPTIONS);
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
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  recordProblems(page, problems);
  await page.addInitScript({ content: COLLECT_CSP_VIOLATIONS });
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

function recordProblems(page: Page, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text()))
      problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
}

/**
 * The app in a Chromium whose profile lives in `userDataDir`, so that the model library
 * (IndexedDB) outlives reloads, closed pages and browser restarts. Every way of leaving the page
 * returns once the app shows a model again, in a new page or browser where it has to. Problems and
 * CSP violations are recorded as by `openApp`, over every page it opened.
 */
export interface PersistentApp {
  readonly page: Page;
  readonly problems: string[];
  /** Loads the app and waits until the diagram shows the open model. */
  open(): Promise<void>;
  reload(): Promise<void>;
  /** Closes the page as a user closes a tab (beforeunload and pagehide run), then opens the app in
   * a new page of the same browser. */
  reopenPage(): Promise<void>;
  /** Closes the browser and starts it again on the same profile. */
  restart(): Promise<void>;
  /** Kills every process of the browser (SIGKILL: nothing runs any more, nothing is flushed), then
   * starts it again on the same profile. */
  crash(): Promise<void>;
  screenshot(name: string): Promise<void>;
  cspViolations(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openPersistentApp(userDataDir: string): Promise<PersistentApp> {
  const url = inject('appUrl');
  const problems: string[] = [];
  const violations: string[] = [];
  let context: BrowserContext;
  let page: Page;

  async function launch(): Promise<void> {
    context = await chromium.launchPersistentContext(userDataDir, {
      ...CHROMIUM_OPTIONS,
      viewport: VIEWPORT,
    });
    await context.addInitScript({ content: COLLECT_CSP_VIOLATIONS });
    for (const existing of context.pages()) recordProblems(existing, problems);
    context.on('page', (added) => recordProblems(added, problems));
    page = context.pages()[0] ?? (await context.newPage());
  }

  async function shown(): Promise<void> {
    await page.locator('[data-testid=diagram] [data-kind=element]').first().waitFor();
    // The diagram fits the model into view one frame after loading it.
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
  }

  /** Violations live in the document, so they are collected before it goes away. */
  async function keepViolations(): Promise<void> {
    violations.push(...((await page.evaluate('window.__cspViolations ?? []')) as string[]));
  }

  await launch();
  return {
    get page() {
      return page;
    },
    problems,
    async open() {
      await page.goto(url);
      await shown();
    },
    async reload() {
      await keepViolations();
      await page.reload();
      await shown();
    },
    async reopenPage() {
      await keepViolations();
      const closed = page.waitForEvent('close');
      await page.close({ runBeforeUnload: true });
      await closed;
      page = await context.newPage();
      await page.goto(url);
      await shown();
    },
    async restart() {
      await keepViolations();
      await context.close();
      await launch();
      await page.goto(url);
      await shown();
    },
    async crash() {
      await keepViolations();
      const pid = browserProcessId(userDataDir);
      if (pid === undefined) throw new Error(`no browser process runs on ${userDataDir}`);
      const closed = context.waitForEvent('close');
      // Playwright starts the browser as the leader of its own process group: the group is every
      // process of this browser (renderers, storage, GPU) and nothing else.
      process.kill(-pid, 'SIGKILL');
      await closed;
      await launch();
      await page.goto(url);
      await shown();
    },
    async screenshot(name: string) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
    },
    async cspViolations() {
      return [...violations, ...((await page.evaluate('window.__cspViolations ?? []')) as string[])];
    },
    async close() {
      await context.close();
    },
  };
}

/** The main process of the Chromium this test process started on `userDataDir` (Linux /proc). */
function browserProcessId(userDataDir: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (parent === process.pid && args.includes(`--user-data-dir=${userDataDir}`)) return Number(entry);
    } catch {
      // The process ended while the list was read.
    }
  }
  return undefined;
}

/** Starts a new, empty model and drops `files` (name → text) on the window, as a user dragging them
 * in from a file manager. */
export async function dropFilesOnNewModel(
  page: Page,
  files: Readonly<Record<string, string>>,
): Promise<void> {
  await page.getByTestId('new-model').click();
  await expect.poll(() => page.locator('[data-testid=diagram] [data-kind=element]').count()).toBe(0);
  await page.evaluate(`(() => {
    const transfer = new DataTransfer();
    for (const [name, text] of Object.entries(${JSON.stringify(files)})) transfer.items.add(new File([text], name));
    document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  })()`);
}

/** Selector of a diagram item by its model id. */
export function item(id: string): string {
  return `[data-testid=diagram] [data-id="${id.replace(/"/g, '\\"')}"]`;
}
