import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/electronegativity.mjs', import.meta.url));

interface Finding {
  id: string;
  file: string;
  severityValue: number;
}
interface Wrapper {
  verdict(
    findings: Finding[],
    allowlist: { id: string; file: string }[],
  ): { failures: Finding[]; unused: unknown[] };
  loadAllowlist(): { id: string; file: string; reason: string }[];
}
const load = async () => (await import(/* @vite-ignore */ pathToFileURL(script).href)) as Wrapper;

describe('Electronegativity wrapper', () => {
  it('fails on unreviewed MEDIUM and HIGH findings only', async () => {
    const { verdict } = await load();
    const high = { id: 'NODE_INTEGRATION_JS_CHECK', file: 'electron/main/x.ts', severityValue: 3 };
    const medium = { id: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/main/y.ts', severityValue: 2 };
    const low = { id: 'CSP_GLOBAL_CHECK', file: 'N/A', severityValue: 1 };
    expect(verdict([high, medium, low], []).failures).toEqual([high, medium]);
    expect(verdict([high, medium, low], [{ id: medium.id, file: medium.file }]).failures).toEqual([high]);
    expect(verdict([], [{ id: medium.id, file: medium.file }]).unused).toHaveLength(1);
  });

  it('has a reason for every allowlist entry', async () => {
    const { loadAllowlist } = await load();
    for (const entry of loadAllowlist()) expect(entry.reason.length, entry.id).toBeGreaterThan(40);
  });

  it('passes over the desktop sources, the page and package.json', () => {
    const result = spawnSync(process.execPath, [script, '--json'], { encoding: 'utf8', timeout: 120_000 });
    const report = JSON.parse(result.stdout.slice(0, result.stdout.lastIndexOf('}') + 1)) as {
      findings: Finding[];
      failures: Finding[];
      unused: unknown[];
    };
    expect(report.failures).toEqual([]);
    expect(report.unused).toEqual([]);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(result.status).toBe(0);
  }, 120_000);
});
