import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startWebServer } from '../../scripts/serve-web';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

/** Serves the built web app for the whole run, with the production server and its CSP.
 * `RAMPART_WEB_DIST` points at another build (`vite build -c renderer/vite.config.ts --outDir …`),
 * so several checkouts or runs need not share `dist/web`. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = process.env['RAMPART_WEB_DIST'] ?? fileURLToPath(new URL('../../dist/web', import.meta.url));
  if (!existsSync(`${root}/index.html`))
    throw new Error(`${root} has no index.html: run \`npm run build:web\` first`);
  const { server, port } = await startWebServer({ root, port: 0 });
  project.provide('appUrl', `http://127.0.0.1:${port}/`);
  return () => new Promise((resolve) => server.close(() => resolve()));
}
