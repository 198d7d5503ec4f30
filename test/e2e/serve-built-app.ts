import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startWebServer } from '../../scripts/serve-web';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

/** Serves the built web app for the whole run, with the production server and its CSP. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = fileURLToPath(new URL('../../dist/web', import.meta.url));
  if (!existsSync(`${root}/index.html`))
    throw new Error('dist/web is missing: run `npm run build:web` first');
  const { server, port } = await startWebServer({ root, port: 0 });
  project.provide('appUrl', `http://127.0.0.1:${port}/`);
  return () => new Promise((resolve) => server.close(() => resolve()));
}
