/**
 * Builds the desktop app: main process (ESM), sandboxed preload (one CommonJS file that requires
 * only `electron`) and the renderer, with the same settings as the web build. Output goes to
 * `out/{main,preload,renderer}`; the renderer is served from `out/renderer` through `app://bundle`.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config';

const here = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: { main: resolve(here, 'electron/main/main.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads cannot load other modules: bundle everything but `electron` itself.
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: resolve(here, 'electron/preload/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    root: resolve(here, 'renderer'),
    build: {
      ...rendererConfig.build,
      outDir: resolve(here, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: {
        input: { index: resolve(here, 'renderer/index.html') },
      },
    },
  },
});
