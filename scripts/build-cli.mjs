// Bundles the CLI into one ES module (dist/rampart.mjs) so that `rampart` runs on plain Node
// without TypeScript tooling once installed.
import { build } from 'esbuild';

await build({
  entryPoints: ['cli/main.ts'],
  outfile: 'dist/rampart.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  define: { 'process.env.RAMPART_CLI': '"1"' },
  banner: {
    js: "import { createRequire as __rampartRequire } from 'node:module'; const require = __rampartRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
