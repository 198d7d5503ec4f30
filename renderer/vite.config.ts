import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type UserConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Build settings of the renderer, shared by the web build (`npm run build:web`) and the desktop
 * build, which reuses `rendererConfig` for its renderer. Relative asset paths, so the same bundle
 * loads from http://127.0.0.1 and from the desktop app's own scheme; no remote content, no inline
 * scripts (the CSP forbids them).
 */
export const rendererConfig: UserConfig = {
  root,
  base: './',
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4096,
  },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
};

export default defineConfig(rendererConfig);
