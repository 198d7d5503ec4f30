import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportFormatNames, registerExportFormat } from '../../cli/export-formats';
import { sarifSchemaErrors } from '../models/export/sarif/sarif-validator';
import { documentText, readZip } from './read-zip';
import { runRampart, runRampartAsync } from './run-cli';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

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

  describe('the security specification', () => {
    const docxText = (bytes: Uint8Array) => {
      const files = readZip(bytes);
      expect(files.has('word/document.xml')).toBe(true);
      return documentText(files.get('word/document.xml')!.toString('utf8'));
    };

    it('writes a Word file with --to docx, the document control from the options', async () => {
      const run = await runRampartAsync(
        [
          'export',
          'compose.yaml',
          '--to',
          'docx',
          '--out',
          'spec.docx',
          '--title',
          'Shop & Co <spec>',
          '--version',
          '2.3',
          '--author',
          'Ada Lovelace',
          '--author',
          'Alan Turing',
          '--classification',
          'Confidential',
          '--organization',
          'Acme',
        ],
        dir,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const bytes = readFileSync(join(dir, 'spec.docx'));
      expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
      const text = docxText(bytes);
      for (const expected of ['Shop & Co <spec>', '2.3', 'Ada Lovelace, Alan Turing', 'Acme', 'Confidential'])
        expect(text).toContain(expected);
      expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    });

    it('carries the hardened compose override and the profile steps as appendices', async () => {
      const run = await runRampartAsync(
        ['export', 'compose.yaml', '--to', 'spec-markdown', '--out', '-'],
        dir,
      );
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Hardened compose override');
      expect(run.stdout).toContain('compose.hardened.yml');
      expect(run.stdout).toContain('cap_drop');
      expect(run.stdout).toContain('rampart profile seccomp --strace');
    });

    it('applies a template: its title, classification and logo, the logo relative to the template', async () => {
      const tdir = tempDir({
        'compose.yaml': COMPOSE,
        'house/acme.json': JSON.stringify({
          format: 'rampart-spec-template',
          version: 1,
          title: 'Acme container baseline',
          classification: 'Acme restricted',
          logo: 'img/logo.png',
          sections: ['title-page', 'scope', 'verification'],
          tableOfContents: false,
        }),
      });
      mkdirSync(join(tdir, 'house/img'));
      writeFileSync(join(tdir, 'house/img/logo.png'), PNG);
      const run = await runRampartAsync(
        ['export', 'compose.yaml', '--to', 'docx', '--template', 'house/acme.json', '--out', 'spec.docx'],
        tdir,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const files = readZip(readFileSync(join(tdir, 'spec.docx')));
      const text = documentText(files.get('word/document.xml')!.toString('utf8'));
      expect(text).toContain('Acme container baseline');
      expect(text).toContain('Acme restricted');
      expect(text).not.toContain('Hardening requirements');
      expect([...files.keys()].some((name) => name.startsWith('word/media/'))).toBe(true);
    });

    it.each([
      [
        { format: 'rampart-spec-template', version: 1, sections: ['scope', 'nope'] },
        'sections[1]: unknown section "nope"',
      ],
      [{ format: 'rampart-spec-template', version: 2 }, 'version: expected 1, found 2'],
      [{ format: 'rampart-spec-template', version: 1, logo: 'missing.png' }, 'logo: cannot read missing.png'],
    ])('exits 2 naming the template field for %j', async (template, message) => {
      const tdir = tempDir({ 'compose.yaml': COMPOSE, 't.json': JSON.stringify(template) });
      const run = await runRampartAsync(
        ['export', 'compose.yaml', '--to', 'docx', '--template', 't.json', '--out', 'spec.docx'],
        tdir,
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`t.json: ${message}`);
      expect(readdirSync(tdir)).not.toContain('spec.docx');
    });

    it('refuses a logo larger than the limit', async () => {
      const tdir = tempDir({
        'compose.yaml': COMPOSE,
        't.json': JSON.stringify({ format: 'rampart-spec-template', version: 1, logo: 'big.png' }),
      });
      writeFileSync(join(tdir, 'big.png'), Buffer.alloc(3 * 1024 * 1024));
      const run = await runRampartAsync(
        ['export', 'compose.yaml', '--to', 'html', '--template', 't.json', '--out', 'spec.html'],
        tdir,
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/t\.json: logo: cannot read big\.png: .*more than the \d+ allowed/);
    });

    it('writes DOCX bytes to standard output only when it is not a terminal', async () => {
      const piped = await runRampartAsync(['export', 'compose.yaml', '--to', 'docx', '--out', '-'], dir);
      expect(piped.code).toBe(0);
      expect(readZip(piped.stdoutBytes).has('word/document.xml')).toBe(true);
      const terminal = await runRampartAsync(['export', 'compose.yaml', '--to', 'docx', '--out', '-'], dir, {
        terminal: true,
      });
      expect(terminal.code).toBe(2);
      expect(terminal.stderr).toContain('binary file');
      expect(terminal.stdoutBytes.length).toBe(0);
    });

    it('exits 2 when a specification option is given to another format', () => {
      const run = runRampart(
        ['export', 'compose.yaml', '--to', 'csv', '--out', 'x.csv', '--title', 'T'],
        dir,
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--title applies to the security specification');
    });

    it('keeps markdown the analysis report and spec-markdown the specification', async () => {
      const spec = await runRampartAsync(
        ['export', 'compose.yaml', '--to', 'spec-markdown', '--out', '-'],
        dir,
      );
      expect(spec.stdout).toContain('# Hardening requirements');
      expect(
        runRampart(['export', 'compose.yaml', '--to', 'markdown', '--out', '-'], dir).stdout,
      ).not.toContain('Hardening requirements');
    });
  });
});
