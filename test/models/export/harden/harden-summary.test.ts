import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { analyzeThreats } from '../../../../models/analysis/analyze-threats';
import { generateHardenedConfigs } from '../../../../models/export/harden';

/** Cell separators of a GitHub table row: pipes not escaped with a backslash. */
const cells = (row: string) => row.replace(/\\\|/g, '').split('|').length - 2;

function summaryOf(path: string, services: Record<string, unknown>): string {
  const { files } = generateHardenedConfigs(analyzeThreats([{ path, text: JSON.stringify({ services }) }]));
  return files.find((f) => f.path === 'SUMMARY.md')!.text;
}

describe('the hardening summary', () => {
  it('keeps every change row at four cells when a service name holds pipes', () => {
    const summary = summaryOf('app/compose.yml', { 'a|b|c': { image: 'nginx', privileged: true } });
    const rows = summary.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(cells(row), row).toBe(4);
  });

  it('keeps a compose file path with line breaks inside the code block, as one shell word', () => {
    const folder = "x\n<img src=x onerror=alert(1)>\n```'\\";
    const summary = summaryOf(`${folder}/compose.yml`, { web: { image: 'nginx', privileged: true } });
    const lines = summary.split('\n');
    const start = lines.indexOf('  ```sh');
    const end = lines.indexOf('  ```', start + 1);
    expect(end - start).toBe(3);
    const commands = lines.slice(start + 1, end);
    for (const command of commands) expect(command).toMatch(/^ {2}docker compose -f \$'x\\x0a<img/);
    const word = /-f (\$'(?:[^'\\]|\\.)*')/.exec(commands[0]!)![1]!;
    const shell = spawnSync('bash', ['-c', `printf %s ${word}`], { encoding: 'utf8' });
    if (shell.error === undefined) expect(shell.stdout).toBe(`${folder}/compose.yml`);
  });
});
