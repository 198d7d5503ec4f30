import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sarifSchemaErrors } from '../models/export/sarif/sarif-validator';
import { runRampart } from './run-cli';

const ROOT = join(import.meta.dirname, '../..');
const SHOP = 'templates/examples/shop';

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('rampart analyze', () => {
  it('prints the JSON document of DESIGN §7 for the example system', () => {
    const { code, stdout } = runRampart(['analyze', `${SHOP}/compose`], ROOT);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc)).toEqual([
      'schemaVersion',
      'tool',
      'inputs',
      'workloads',
      'findings',
      'elements',
      'boundaries',
      'flows',
      'trees',
      'diagnostics',
    ]);
    expect(doc.tool).toEqual({ name: 'rampart', version: '0.0.0-test' });
    expect(doc.workloads.map((w: { name: string }) => w.name)).toContain('worker');
    const worker = doc.workloads.find((w: { name: string }) => w.name === 'worker');
    const conditions = doc.findings
      .filter((f: { workload: string }) => f.workload === worker.id)
      .map((f: { condition: string }) => f.condition);
    expect(conditions).toEqual(
      expect.arrayContaining(['cap-sys-admin', 'mac-disabled', 'runtime-socket-mount']),
    );
    expect(doc.flows.length).toBeGreaterThan(0);
  });

  it('generates and evaluates the attack trees, with host facts set by --assume', () => {
    const worked = 'test/fixtures/attack/worked-example';
    const doc = JSON.parse(runRampart(['analyze', worked, '--assume', 'cgroup-version=v1'], ROOT).stdout);
    const hostRoot = doc.trees.find((t: { goal: string }) => t.goal === 'host-root');
    expect(hostRoot).toMatchObject({ status: 'open', exact: true });
    expect(hostRoot.metrics.minCost).toBeGreaterThan(0);
    const rules = hostRoot.minimalAttacks.map((a: string[]) =>
      a
        .map((s) => s.split(':')[1])
        .sort()
        .join('+'),
    );
    expect(rules).toContain('R02+R21+R25+R31');
    const patched = JSON.parse(
      runRampart(['analyze', worked, '--assume', 'kernel-patched=true'], ROOT).stdout,
    );
    const after = patched.trees.find((t: { goal: string }) => t.goal === 'host-root');
    expect(after.minimalAttacks.flat().some((s: string) => s.startsWith('step:R16:'))).toBe(false);
    const bad = runRampart(['analyze', worked, '--assume', 'kernel-patched=maybe'], ROOT);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--assume kernel-patched=maybe/);
  });

  it('gives byte-identical output for the same inputs', () => {
    const first = runRampart(['analyze', SHOP], ROOT).stdout;
    expect(runRampart(['analyze', SHOP], ROOT).stdout).toBe(first);
  });

  it('exits 1 when findings reach --fail-on, 0 below it', () => {
    const dir = tempDir({
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
    });
    expect(runRampart(['analyze', '.', '--fail-on', 'critical'], dir).code).toBe(1);
    const calm = tempDir({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    user: "101"\n' });
    expect(runRampart(['analyze', '.', '--fail-on', 'critical'], calm).code).toBe(0);
  });

  it('exits 2 on malformed input, naming file, line and column, and still reports the other files', () => {
    const dir = tempDir({
      'bad/deploy.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [\n',
      'good/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
    });
    const { code, stdout, stderr } = runRampart(['analyze', '.'], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^bad\/deploy\.yaml:\d+:\d+: error YAML_SYNTAX: invalid YAML/m);
    expect(JSON.parse(stdout).workloads.map((w: { name: string }) => w.name)).toEqual(['web']);
  });

  it('exits 2 with usage on a bad option or a missing path', () => {
    expect(runRampart(['analyze', SHOP, '--format', 'pdf'], ROOT)).toMatchObject({ code: 2 });
    expect(runRampart(['analyze'], ROOT).stderr).toMatch(/needs at least one file or folder/);
    const missing = runRampart(['analyze', 'no/such/dir'], ROOT);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no\/such\/dir:1:1: error IMPORT_UNREADABLE: no such file or folder/);
    expect(runRampart(['frobnicate'], ROOT).code).toBe(2);
  });

  it('writes --out atomically and prints nothing on stdout', () => {
    const dir = tempDir({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n' });
    const { code, stdout } = runRampart(['analyze', '.', '--format', 'markdown', '--out', 'report.md'], dir);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/^# Rampart analysis/);
    expect(existsSync(join(dir, '.report.md.tmp'))).toBe(false);
  });

  it('survives a symbolic link loop and binary files in a folder', () => {
    const dir = tempDir({ 'app/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n' });
    symlinkSync('..', join(dir, 'app', 'loop'));
    writeFileSync(join(dir, 'app', 'blob.json'), Buffer.from([0x7b, 0x00, 0x01, 0x02]));
    const { stdout, stderr } = runRampart(['analyze', '.'], dir);
    expect(JSON.parse(stdout).workloads).toHaveLength(1);
    expect(stderr).toMatch(/IMPORT_SYMLINK_LOOP/);
    expect(stderr).toMatch(/IMPORT_NOT_TEXT/);
  });

  it('reads UTF-16 files with a byte-order mark', () => {
    const text = '\ufeffservices:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    const dir = tempDir({});
    writeFileSync(join(dir, 'compose.yaml'), Buffer.from(text, 'utf16le'));
    const doc = JSON.parse(runRampart(['analyze', '.'], dir).stdout);
    expect(doc.findings.map((f: { condition: string }) => f.condition)).toContain('privileged');
  });

  it('runs as the installed `rampart` command (the bundle built at install)', () => {
    const out = execFileSync('node', ['bin/rampart.mjs', 'analyze', `${SHOP}/compose`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(JSON.parse(out).tool.name).toBe('rampart');
  });

  it('runs as `npm run rampart` from a fresh checkout', () => {
    const out = execFileSync(
      'npm',
      ['run', '--silent', 'rampart', '--', 'analyze', `${SHOP}/kubernetes`, '--format', 'json'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const doc = JSON.parse(out);
    expect(doc.inputs.every((i: { kind: string }) => i.kind === 'kubernetes')).toBe(true);
    expect(doc.workloads.length).toBeGreaterThan(5);
  });
});

describe('rampart analyze --format sarif', () => {
  const compose = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    ports: ["8080:80"]\n';

  it('prints a SARIF 2.1.0 log that the official schema accepts', () => {
    const dir = tempDir({ 'deploy/compose.yaml': compose });
    const { code, stdout } = runRampart(['analyze', 'deploy', '--format', 'sarif'], dir);
    expect(code).toBe(0);
    const log = JSON.parse(stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].tool.driver).toMatchObject({ name: 'rampart', version: '0.0.0-test' });
    const privileged = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'privileged');
    expect(privileged.level).toBe('error');
    expect(privileged.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'deploy/compose.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4, startColumn: expect.any(Number) },
    });
  });

  it('still exits 1 on --fail-on and 2 on input errors, with the log written', () => {
    const dir = tempDir({ 'compose.yaml': compose, 'broken.yaml': 'services:\n  x: [\n' });
    const failing = runRampart(
      ['analyze', 'compose.yaml', '--format', 'sarif', '--fail-on', 'critical'],
      dir,
    );
    expect(failing.code).toBe(1);
    expect(JSON.parse(failing.stdout).runs[0].results.length).toBeGreaterThan(0);
    const broken = runRampart(['analyze', '.', '--format', 'sarif', '--out', 'out.sarif'], dir);
    expect(broken.code).toBe(2);
    const log = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(
      log.runs[0].invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation
        .uri,
    ).toBe('broken.yaml');
  });
});
