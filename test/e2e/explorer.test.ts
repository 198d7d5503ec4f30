import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reachableFrom } from '../../models/attack/explore';
import { applyChanges, evaluateTree, whatIf, type GoalEvaluation } from '../../models/attack/evaluation';
import { modelFromImport } from '../../models/model/create-model';
import { deriveTrees } from '../../renderer/tree/tree-derivation';
import { formatMetric } from '../../renderer/tree/format-metrics';
import { EXAMPLE, launchBrowser, openApp, type AppPage } from './harness';

let browser: Browser;
let app: AppPage;

/** What the engine says about the example: a goal, a missing defence under it whose what-if cuts
 * attacks, and the goal before and after. */
function expected() {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  const files = walk(EXAMPLE)
    .filter((p) => !p.endsWith('README.md') && !p.endsWith('.gitignore'))
    .map((p) => ({ path: relative(EXAMPLE, p), text: readFileSync(p, 'utf8') }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  let n = 0;
  const { model } = modelFromImport(files, '2026-01-01T00:00:00Z', { newId: () => `id-${n++}` });
  const derived = deriveTrees(model);
  for (const goal of [...derived.goals].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const before = derived.evaluation.goals.find((g) => g.id === goal.id)!;
    if (before.status !== 'open' || before.attacks.length < 2) continue;
    for (const id of reachableFrom(derived.graph, goal.id)) {
      const node = derived.tree.nodes.get(id);
      if (node?.kind !== 'defence' || node.active || node.effect !== 'blocks') continue;
      const change = [{ kind: 'defence' as const, id, active: true }];
      const quick = whatIf(derived.tree, derived.evaluation, change).evaluation.goals.find(
        (g) => g.id === goal.id,
      )!;
      if (quick.metrics.minCost === before.metrics.minCost) continue;
      // The reference: the changed tree evaluated from scratch.
      const after = evaluateTree(applyChanges(derived.tree, change).tree).goals.find(
        (g) => g.id === goal.id,
      )!;
      const cut = before.attacks.filter((a) => !after.attacks.some((b) => b.key === a.key)).length;
      if (cut > 0) return { goal: goal.id, defence: node, before, after, cut };
    }
  }
  throw new Error('the example has no goal with a defence that cuts attacks');
}

function metricText(goal: GoalEvaluation, metric: 'minCost' | 'probability') {
  return formatMetric(metric, goal.metrics[metric]);
}

beforeAll(async () => {
  browser = await launchBrowser();
  app = await openApp(browser);
  await app.open();
});

afterAll(async () => {
  await browser?.close();
});

describe('attack-tree explorer in Chromium', () => {
  const engine = expected();

  it('opens a goal, collapses and expands, toggles a mitigation, walks through and keeps the decision', async () => {
    const { page } = app;
    await page.getByTestId('open-trees').click();
    await page.getByTestId('tree-canvas').waitFor({ timeout: 30_000 });
    await page.getByTestId('goal-picker').selectOption(engine.goal);
    const root = page.locator(`[data-testid=tree-canvas] [data-key="${engine.goal}"]`);
    await root.waitFor();
    expect(await page.getByTestId('tree-legend').locator('li').count()).toBe(10);
    await expect
      .poll(() => page.getByTestId('goal-status').getAttribute('data-status'))
      .toBe(engine.before.status);
    expect(await page.getByTestId('metric-minCost').textContent()).toContain(
      metricText(engine.before, 'minCost'),
    );
    expect(await page.getByTestId('attack').count()).toBe(Math.min(50, engine.before.attacks.length));
    await app.screenshot('20-explorer-open');

    // Export what is on screen.
    // The PNG first: it is written after the image is drawn, which a browser counts as an
    // automatic download only when no other download came before.
    const pngDownload = page.waitForEvent('download');
    await page.getByTestId('tree-export-png').click();
    const png = await readFile((await (await pngDownload).path())!);
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const svgDownload = page.waitForEvent('download');
    await page.getByTestId('tree-export-svg').click();
    const svg = await readFile((await (await svgDownload).path())!, 'utf8');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('defence missing');

    // Collapse and expand the first foldable node.
    const nodes = page.locator('[data-testid=tree-canvas] [data-key]');
    const drawn = await nodes.count();
    const foldable = page
      .locator('[data-testid=tree-canvas] [data-role=full][data-collapsed=false]:has([data-testid=fold])')
      .first();
    const key = (await foldable.getAttribute('data-key'))!;
    // Space on a focused node folds it (the node may lie outside the visible part of the canvas).
    await foldable.focus();
    await page.keyboard.press(' ');
    await expect.poll(() => nodes.count()).toBeLessThan(drawn);
    const folded = page.locator(`[data-testid=tree-canvas] [data-key="${key}"]`);
    expect(await folded.getAttribute('data-collapsed')).toBe('true');
    await app.screenshot('21-collapsed');
    await folded.focus();
    await page.keyboard.press(' ');
    await expect.poll(() => nodes.count()).toBe(drawn);

    // Highlight the cheapest attack.
    await page.getByTestId('attack-highlight').first().click();
    await expect
      .poll(() => page.locator('[data-testid=tree-canvas] [data-highlight=true]').count())
      .toBeGreaterThan(0);

    // What-if: switch the defence on, found through the search.
    await page.getByTestId('tree-search').fill(engine.defence.label);
    await page.getByTestId('tree-search-results').getByRole('button').first().click();
    await page.getByTestId('tree-search').fill('');
    await expect
      .poll(() => page.getByTestId('node-details').getAttribute('data-node'))
      .toBe(engine.defence.id);
    await page.getByTestId('whatif-defence').click();
    await expect
      .poll(() => page.getByTestId('whatif-delta').textContent())
      .toContain(`cuts ${engine.cut} of ${engine.before.attacks.length} attacks`);
    await expect
      .poll(() => page.getByTestId('goal-status').getAttribute('data-status'))
      .toBe(engine.after.status);
    expect(await page.getByTestId('metric-minCost').textContent()).toContain(
      metricText(engine.after, 'minCost'),
    );
    expect(await page.getByTestId('metric-probability').textContent()).toContain(
      metricText(engine.after, 'probability'),
    );
    await app.screenshot('22-what-if');
    // Undo the what-if: back to the model's state.
    await page.getByTestId('whatif-undo').click();
    await expect.poll(() => page.getByTestId('whatif-chip').count()).toBe(0);
    expect(await page.getByTestId('metric-minCost').textContent()).toContain(
      metricText(engine.before, 'minCost'),
    );
    await page.getByTestId('whatif-redo').click();
    await expect.poll(() => page.getByTestId('whatif-chip').count()).toBe(1);

    // Walk through with the keyboard only.
    await page.getByTestId('whatif-clear').click();
    await page.getByTestId('presenter-open').focus();
    await page.keyboard.press('Enter');
    const presenter = page.getByTestId('presenter');
    await presenter.waitFor();
    const total = Number(await presenter.getAttribute('data-steps'));
    expect(total).toBe(engine.before.attacks.length);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => presenter.getAttribute('data-step')).toBe('1');
    await page.keyboard.press(' ');
    await expect.poll(() => presenter.getAttribute('data-step')).toBe('2');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => presenter.getAttribute('data-step')).toBe('0');
    expect(await page.getByTestId('presenter-evidence').locator('li').count()).toBeGreaterThan(0);
    await page.keyboard.press('d'); // mitigate → plan
    await page.keyboard.press('d'); // plan → accept
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('decision-recorded').getAttribute('data-decision'))
      .toBe('accept');
    // The form fields work from the keyboard too: owner, then Enter records.
    await page.keyboard.press('Shift+D'); // accept → plan
    await page.getByTestId('decision-owner').focus();
    await page.keyboard.type('Ana');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('decision-recorded').textContent()).toContain('Ana');
    expect(await page.getByTestId('decision-recorded').getAttribute('data-decision')).toBe('plan');
    await app.screenshot('23-presenter-decision');
    await presenter.focus();
    await page.keyboard.press('End');
    await page.getByTestId('walk-summary').waitFor();
    expect(await page.getByTestId('walk-summary-decisions').textContent()).toContain('Ana');
    await app.screenshot('24-walk-summary');
    await page.keyboard.press('Escape');
    await expect.poll(() => presenter.count()).toBe(0);
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');

    // After a reload the decision is still there.
    await page.reload();
    await page.locator('[data-testid=diagram] [data-kind=element]').first().waitFor();
    await page.getByTestId('open-trees').click();
    await page.getByTestId('tree-canvas').waitFor({ timeout: 30_000 });
    await page.getByTestId('goal-picker').selectOption(engine.goal);
    await page.getByTestId('presenter-open').click();
    await expect.poll(() => page.getByTestId('decision-recorded').getAttribute('data-decision')).toBe('plan');
    expect(await page.getByTestId('decision-recorded').textContent()).toContain('Ana');
    await page.keyboard.press('Escape');
    expect(app.problems).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
  });

  it('adds a node of its own to the tree, kept after regeneration', async () => {
    const { page } = app;
    await page.locator(`[data-testid=tree-canvas] [data-key="${engine.goal}"]`).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('add-node-kind').selectOption('step');
    await page.getByTestId('add-node-label').fill('Phish an operator <b>now</b>');
    await page.getByTestId('add-node-submit').click();
    const added = page.locator('[data-testid=tree-canvas] [data-node="user:step:1"]');
    await added.waitFor({ timeout: 30_000 });
    expect(await added.textContent()).toContain('<b>now</b>');
    await app.screenshot('25-user-node');
  });
});
