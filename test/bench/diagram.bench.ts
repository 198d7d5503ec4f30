import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { createEmptyModel } from '../../models/model/create-model';
import { serializeModelFile } from '../../models/model/serialize-model';
import type {
  ModelBoundary,
  ModelElement,
  ModelFlow,
  ModelLayout,
  ThreatModel,
} from '../../models/model/threat-model';
import { rendererConfig } from '../../renderer/vite.config';
import { startWebServer } from '../../scripts/serve-web';
import { CHROMIUM_OPTIONS } from '../chromium-options';
import type { BenchResult } from './bench-result';

const ELEMENTS = 500;
const FLOWS = 1000;
const PER_BOUNDARY = 25;

/** A seeded linear congruential generator (Numerical Recipes constants): the same model every run. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A model of 500 elements in 20 boundaries with 1,000 flows, laid out on a grid. */
export function generateLargeModel(): { model: ThreatModel; layout: ModelLayout } {
  const random = lcg(42);
  const kinds: ModelElement['kind'][] = ['service', 'service', 'service', 'data-store', 'external'];
  const elements: ModelElement[] = [];
  const boundaries: ModelBoundary[] = [];
  const positions: ModelLayout['positions'] = {};
  const pad = (n: number) => String(n).padStart(3, '0');
  const groups = ELEMENTS / PER_BOUNDARY;
  for (let g = 0; g < groups; g++) {
    const id = `boundary:${pad(g)}`;
    boundaries.push({ id, kind: 'network', name: `network ${g}`, origin: 'user' });
    const bx = (g % 5) * 1000;
    const by = Math.floor(g / 5) * 560;
    positions[id] = { x: bx, y: by, width: 960, height: 520 };
    for (let i = 0; i < PER_BOUNDARY; i++) {
      const n = g * PER_BOUNDARY + i;
      const eid = `element:${pad(n)}`;
      elements.push({
        id: eid,
        kind: kinds[n % kinds.length]!,
        name: `svc-${n}`,
        origin: 'user',
        boundary: id,
      });
      positions[eid] = { x: bx + 20 + (i % 5) * 188, y: by + 40 + Math.floor(i / 5) * 94 };
    }
  }
  const flows: ModelFlow[] = [];
  const seen = new Set<string>();
  while (flows.length < FLOWS) {
    const a = Math.floor(random() * ELEMENTS);
    // Mostly neighbours in the same boundary, some across.
    const b =
      random() < 0.8
        ? Math.floor(a / PER_BOUNDARY) * PER_BOUNDARY + Math.floor(random() * PER_BOUNDARY)
        : Math.floor(random() * ELEMENTS);
    const id = `flow:${pad(a)}->${pad(b)}`;
    if (a === b || seen.has(id)) continue;
    seen.add(id);
    flows.push({
      id,
      from: `element:${pad(a)}`,
      to: `element:${pad(b)}`,
      protocol: 'http',
      port: 8080,
      protection: random() < 0.5 ? 'none' : 'tls',
      origin: 'user',
    });
  }
  flows.sort((x, y) => (x.id < y.id ? -1 : 1));
  const model = { ...createEmptyModel(() => 'bench-model', 'Benchmark model'), elements, boundaries, flows };
  return { model, layout: { positions } };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Resolves once frames come at the display's rate again (10 in a row, each under 20 ms apart), so
 * that what the page still does after the previous step (raster, autosave, a gesture's end) is
 * not counted in the next one. Gives up after 5 s: a page that never calms down is measured as is. */
const QUIET = `new Promise((resolve) => {
  let last = performance.now(), calm = 0;
  const deadline = last + 5000;
  const tick = (now) => {
    calm = now - last < 20 ? calm + 1 : 0;
    last = now;
    if (calm >= 10 || now > deadline) resolve();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

/** Renderer performance in Chromium on a large generated model: first render, pan/zoom frame
 * rate under scripted wheel and drag input, and the time for one edit to reach the DOM and the
 * screen. Builds the web app, or measures the build at `RAMPART_WEB_DIST` when set. */
export async function runDiagramBench(): Promise<BenchResult[]> {
  const prebuilt = process.env['RAMPART_WEB_DIST'];
  const outDir = prebuilt ?? join(tmpdir(), `rampart-bench-web-${process.pid}`);
  if (!prebuilt)
    await build({
      ...rendererConfig,
      configFile: false,
      logLevel: 'warn',
      build: { ...rendererConfig.build, outDir },
    });
  try {
    return await measureDiagram(outDir);
  } finally {
    if (!prebuilt) await rm(outDir, { recursive: true, force: true });
  }
}

/** The diagram figures of the web build in `root`. */
export async function measureDiagram(root: string): Promise<BenchResult[]> {
  const { server, port } = await startWebServer({ root, port: 0 });
  const browser = await chromium.launch(CHROMIUM_OPTIONS);

  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.locator('[data-kind=element]').first().waitFor();
    const { model, layout } = generateLargeModel();
    const text = serializeModelFile(model, layout);

    // First render: from choosing the file to the frame after all elements are in the DOM.
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('open-file').click();
    await page.evaluate('window.__benchStart = performance.now()');
    await (
      await chooser
    ).setFiles({ name: 'bench.rampart.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    // Checked every frame in the page (the CSP rules out Playwright's string predicates).
    const firstRender = (await page.evaluate(`new Promise((resolve) => {
      const check = () => {
        if (document.querySelectorAll('[data-kind=element]').length === ${ELEMENTS})
          requestAnimationFrame(() => resolve(performance.now() - window.__benchStart));
        else requestAnimationFrame(check);
      };
      check();
    })`)) as number;

    // Pan and zoom: one scripted wheel or drag step per animation frame, frames counted. Each
    // gesture starts on a quiet page. What a zoom leaves to do once the wheel stops (d3-zoom ends
    // a wheel gesture 150 ms after its last event) is timed on its own, as the longest frame of
    // the second after the last wheel event, and is over before the drag starts.
    await page.waitForTimeout(500);
    await page.evaluate(QUIET);
    const zoom = (await page.evaluate(`(async () => {
      const svg = document.querySelector('[data-testid=diagram]');
      const box = svg.getBoundingClientRect();
      const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      await frame();
      const start = performance.now();
      for (let i = 0; i < 120; i++) {
        svg.dispatchEvent(new WheelEvent('wheel', { deltaY: i % 60 < 30 ? -40 : 40, clientX: cx, clientY: cy, bubbles: true, cancelable: true }));
        await frame();
      }
      const end = performance.now();
      let last = end, longest = 0;
      while (last - end < 1000) {
        const now = await frame();
        longest = Math.max(longest, now - last);
        last = now;
      }
      return { fps: 120 / ((end - start) / 1000), after: longest };
    })()`)) as { fps: number; after: number };
    await page.evaluate(QUIET);
    const pan = (await page.evaluate(`(async () => {
      const svg = document.querySelector('[data-testid=diagram]');
      const box = svg.getBoundingClientRect();
      const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      svg.dispatchEvent(new MouseEvent('mousedown', { clientX: cx, clientY: cy, button: 0, bubbles: true, view: window }));
      const start = performance.now();
      for (let i = 0; i < 120; i++) {
        const dx = 200 * Math.sin(i / 10);
        window.dispatchEvent(new MouseEvent('mousemove', { clientX: cx + dx, clientY: cy + dx / 2, bubbles: true, view: window }));
        await frame();
      }
      const fps = 120 / ((performance.now() - start) / 1000);
      window.dispatchEvent(new MouseEvent('mouseup', { clientX: cx, clientY: cy, button: 0, bubbles: true, view: window }));
      return fps;
    })()`)) as number;
    const fps = { zoom: zoom.fps, pan };

    // One edit: nudge a selected element with the keyboard. The key is pressed at the start of a
    // frame, as Chromium delivers input, so that frame is the one that should show the edit:
    // timed until the DOM has changed, and until that frame has been rendered (style, layout,
    // paint and the commit to the compositor; a task queued in the frame's callback runs after
    // them). Starting at the frame's start leaves out the wait for the display's next refresh,
    // which depends only on when the key happened to be pressed.
    await page.getByTestId('search').fill('svc-0');
    await page.getByTestId('search').press('Enter');
    await page.getByTestId('search').press('Escape');
    await page.waitForTimeout(500);
    await page.evaluate(QUIET);
    const edits = (await page.evaluate(`(async () => {
      // Elements are drawn in diagram coordinates: a move changes the outline's path data.
      const outline = document.querySelector('[data-id="element:000"] path');
      const dom = [], frame = [];
      const nextFrame = () => new Promise((r) => requestAnimationFrame(r));
      // A task queued in a frame callback runs once that frame's rendering is done.
      const rendering = () => new Promise((r) => { const channel = new MessageChannel(); channel.port1.onmessage = () => r(performance.now()); channel.port2.postMessage(0); });
      for (let i = 0; i < 20; i++) {
        const before = outline.getAttribute('d');
        await nextFrame();
        const times = await new Promise((resolve) => requestAnimationFrame(async () => {
          const start = performance.now();
          const rendered = rendering();
          window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
          // Svelte applies changes in a microtask: poll microtasks first, then tasks.
          for (let n = 0; n < 1000 && outline.getAttribute('d') === before; n++) await Promise.resolve();
          while (outline.getAttribute('d') === before) await new Promise((r) => setTimeout(r, 0));
          const applied = performance.now();
          // A change that came after this frame's rendering shows in a later frame.
          let end = await rendered;
          while (end < applied) {
            await nextFrame();
            end = await rendering();
          }
          resolve({ dom: applied - start, frame: end - start });
        }));
        dom.push(times.dom);
        frame.push(times.frame);
      }
      return { dom, frame };
    })()`)) as { dom: number[]; frame: number[] };

    const note = `${ELEMENTS} elements, ${FLOWS} flows`;
    return [
      {
        name: 'first render (open file → painted)',
        value: firstRender,
        unit: 'ms',
        target: '< 1000 ms',
        note,
      },
      { name: 'zoom (wheel) frame rate', value: fps.zoom, unit: 'fps', target: '≥ 50', note },
      {
        name: 'longest frame in the second after a zoom',
        value: zoom.after,
        unit: 'ms',
        note: 'the view drawn sharp again, with its labels',
      },
      { name: 'pan (drag) frame rate', value: fps.pan, unit: 'fps', target: '≥ 50', note },
      {
        name: 'edit applied to the DOM (median)',
        value: median(edits.dom),
        unit: 'ms',
        target: '< 16 ms',
        note: `max ${Math.max(...edits.dom).toFixed(1)} ms`,
      },
      {
        name: 'edit to its frame rendered (median)',
        value: median(edits.frame),
        unit: 'ms',
        target: '< 16 ms',
        note: `max ${Math.max(...edits.frame).toFixed(1)} ms`,
      },
    ];
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
