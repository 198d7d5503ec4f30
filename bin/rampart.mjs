#!/usr/bin/env node
// The installed `rampart` command: runs the bundled CLI (built by `npm run build:cli`, which
// `npm install` runs in this repository).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/rampart.mjs', import.meta.url);
if (!existsSync(bundle)) {
  console.error('rampart: the CLI is not built yet; run "npm run build:cli" in the Rampart folder');
  process.exit(2);
}
await import(bundle.href);
