import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportFormatNames, registerExportFormat } from '../../cli/export-formats';
import { sarifSchemaErrors } from '../models/export/sarif/sarif-validator';
import { runRampart } from './run-cli';

const COMPOSE = [
  'services:',
  '  web:',
  '    image: nginx:1.27',
  '    ports: ["8080:80"]',
  '    environment:',
  '      API_URL: http://api:8000',
  '  api:',
  '    image: corp/api:1.0',
  '    cap_add: [SYS_ADMIN]',
  '',
].join('\n');

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-export-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function exported(dir: string, to: string, ...rest: string[]) {
  const out = `out.${to}`;
  const run = runRampart(['export', 'compose.yaml', '--to', to, '--out', out, ...rest], dir);
  return { ...run, text: readFileSync(join(dir, out), 'utf8') };
}

describe('rampart export', () => {
  const dir = tempDir({ 'compose.yaml': COMPOSE });

  it('registers its formats once each', () => {
    expect(exportFormatNames().slice(0, 5)).toEqual(['json', 'markdown', 'sarif', 'csv', 'threat-dragon']);
    expect(new Set(exportFormatNames()).size).toBe(exportFormatNames().length);
    expect(() => registerExportFormat({ name: 'csv', description: 'again', write: () => '' })).toThrow(
      /twice/,
    );
  });

  it('writes json as the document of analyze --format json, and markdown as its report', () => {
    const json = exported(dir, 'json');
    expect(json.code).toBe(0);
    expect(json.stdout).toBe('');
    expect(json.text).toBe(runRampart(['analyze', 'compose.yaml', '--format', 'json'], dir).stdout);
    const markdown = exported(dir, 'markdown');
    expect(markdown.code).toBe(0);
    expect(markdown.text).toBe(runRampart(['analyze', 'compose.yaml', '--format', 'markdown'], dir).stdout);
  });

  it('writes SARIF the official schema accepts', () => {
    const sarif = exported(dir, 'sarif');
    expect(sarif.code).toBe(0);
    const log = JSON.parse(sarif.text);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('cap-sys-admin');
  });

  it('writes the findings as CSV with a BOM and a header row', () => {
    const csv = exported(dir, 'csv');
    expect(csv.code).toBe(0);
    expect(csv.text.startsWith('\ufeffseverity,condition,workload,')).toBe(true);
    expect(csv.text).toMatch(/\r\ncritical,cap-sys-admin,api,api,compose\.yaml,9,/);
  });

  it('writes a Threat Dragon model, with --assume facts in the threat statuses', () => {
    const plain = exported(dir, 'threat-dragon');
    expect(plain.code).toBe(0);
    const status = (text: string) =>
      JSON.parse(text)
        .detail.diagrams[0].cells.filter((c: { data: { name: string } }) => c.data.name === 'web')
        .flatMap((c: { data: { threats: { title: string; status: string }[] } }) => c.data.threats)
        .find((t: { title: string }) => t.title === 'No user namespace').status;
    expect(status(plain.text)).toBe('Open');
    const assumed = exported(dir, 'threat-dragon', '--assume', 'daemon-userns-remap=true');
    expect(assumed.code).toBe(0);
    expect(status(assumed.text)).toBe('Mitigated');
  });

  it('writes to standard output with --out -, and writes files atomically', () => {
    const run = runRampart(['export', 'compose.yaml', '--to', 'csv', '--out', '-'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('cap-sys-admin');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  const names = exportFormatNames();
  it.each([
    [['compose.yaml', '--to', 'nope', '--out', 'x'], `--to must be one of ${names.join(', ')} (got "nope")`],
    [['compose.yaml', '--out', 'x'], `needs --to ${names.join('|')}`],
    [['compose.yaml', '--to', 'csv'], 'needs --out FILE'],
    [['--to', 'csv', '--out', 'x'], 'at least one file or folder'],
    [
      ['compose.yaml', '--to', 'csv', '--out', 'x', '--assume', 'kernel-patched=maybe'],
      '--assume kernel-patched=maybe',
    ],
    [['compose.yaml', '--to', 'csv', '--out', 'x', '--format', 'csv'], 'unknown option --format'],
  ])('exits 2 with usage for %j', (args, message) => {
    const run = runRampart(['export', ...args], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toMatch(/rampart export <path>\.\.\. --to/);
  });

  it('exits 2 on input errors, naming file, line and column, and still writes the file', () => {
    const broken = tempDir({ 'compose.yaml': COMPOSE, 'bad/compose.yaml': 'services:\n  x: [\n' });
    const run = runRampart(['export', '.', '--to', 'sarif', '--out', 'out.sarif'], broken);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^bad\/compose\.yaml:\d+:\d+: error /m);
    const log = JSON.parse(readFileSync(join(broken, 'out.sarif'), 'utf8'));
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
  });

  it('lists the formats in its help and in the command list', () => {
    const help = runRampart(['export', '--help'], dir);
    expect(help.code).toBe(0);
    for (const name of exportFormatNames()) expect(help.stdout).toContain(`  ${name}`);
    expect(runRampart(['--help'], dir).stdout).toMatch(/rampart export <path>\.\.\. --to /);
  });
});
