import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('preload bundle', () => {
  it('bundles to one CommonJS file whose only require is electron (sandboxed preloads load nothing else)', async () => {
    const result = await build({
      entryPoints: [new URL('../../electron/preload/preload.ts', import.meta.url).pathname],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      external: ['electron'],
      logLevel: 'silent',
    });
    expect(result.outputFiles).toHaveLength(1);
    const code = result.outputFiles[0]!.text;
    const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(code).not.toMatch(/\bimport\s*\(|process\.env/);
  });
});
