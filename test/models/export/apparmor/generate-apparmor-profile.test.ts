import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPath, generateAppArmorProfile } from '../../../../models/export/apparmor';
import { runChecker } from '../seccomp/checker';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/apparmor');
const policy = (name: string) => readFileSync(join(FIXTURES, name, 'policy.toml'), 'utf8');
const generate = (text: string) => generateAppArmorProfile('policy.toml', text);
const errors = (text: string) =>
  generate(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`);

describe('generateAppArmorProfile', () => {
  // No intended difference: bane writes the two includes only when the machine it runs on has them;
  // here they are always written, which is what bane writes on any host with AppArmor installed.
  it('writes exactly the profile bane writes for its sample policy', () => {
    const result = generate(policy('nginx-sample'));
    expect(result.diagnostics).toEqual([]);
    expect(result.profileName).toBe('docker-nginx-sample');
    expect(result.text).toBe(readFileSync(join(FIXTURES, 'nginx-sample/docker-nginx-sample'), 'utf8'));
  });

  it('with Deny, allows every capability but those; quotes paths with spaces and commas', () => {
    const text = generate(policy('deny-capabilities')).text!;
    expect(text).toContain('profile docker-api.v2_worker flags=');
    expect(text).toContain('  capability,\n  deny capability sys_admin,\n  deny capability sys_module,\n');
    expect(text).toContain('  "/var/lib/my app/cache/**" w,\n  "/srv/data/a,b" w,\n  /tmp/{a,b}/** w,\n');
    expect(text).not.toContain('deny network raw');
    expect(text).toContain('  deny network packet,\n');
  });

  it('allows all networking when no protocols are listed', () => {
    const text = generate(policy('all-network')).text!;
    expect(text).toContain('  network,\n');
    expect(text).not.toContain('network inet');
    expect(text).not.toContain('capability');
  });

  it('is deterministic', () => {
    const first = generate(policy('nginx-sample')).text;
    for (let i = 0; i < 40; i++) expect(generate(policy('nginx-sample')).text).toBe(first);
  });
});

describe('policy errors name the line and column', () => {
  it.each([
    ['Name = "x"\nName = "y"\n', '2:1 TOML_DUPLICATE key "Name" is set twice'],
    [
      'Name = "x"\n[Network]\nRaw = 1\n',
      '3:7 TOML_UNSUPPORTED numbers and dates are not part of a bane policy (found 1)',
    ],
    [
      'Name = "x"\n[Filesystem]\nWritablePaths = ["/a",\n  "/b"\n',
      '3:17 TOML_SYNTAX the array is not closed with ]',
    ],
    ['Name = "x\n', '1:8 TOML_SYNTAX the string is not closed with " on its line'],
    [
      'Name = x\n',
      '1:8 TOML_SYNTAX expected a value: a "string", true, false or an [array] (found x; strings need quotes)',
    ],
    [
      'Name = "x"\n[Network]\nRaw = { a = true }\n',
      '3:7 TOML_UNSUPPORTED inline tables are not part of a bane policy',
    ],
    [
      'Name = "x"\n[[Filesystem]]\n',
      '2:1 TOML_UNSUPPORTED arrays of tables ([[name]]) are not part of a bane policy',
    ],
    [
      'Name = "x"\nFilesystem.WritablePaths = []\n',
      '2:11 TOML_UNSUPPORTED dotted keys are not part of a bane policy; use a [table] header',
    ],
    ['Name = """x"""\n', '1:8 TOML_UNSUPPORTED multi-line strings are not part of a bane policy'],
    ['Name = "x" Extra = 1\n', '1:12 TOML_SYNTAX expected the end of the line (one key = value per line)'],
    [
      'Name = "\\q"\n',
      '1:9 TOML_SYNTAX unknown escape; use \\\\ for a backslash or a literal string in single quotes',
    ],
    [
      'Name = "x"\n[Filesytem]\n',
      '2:1 APPARMOR_UNKNOWN_KEY [Filesytem] is not a table of a bane policy; expected Filesystem, Capabilities or Network',
    ],
    ['Name = "x"\n[Network]\nRaw = "no"\n', '3:7 APPARMOR_WRONG_TYPE Raw must be true or false'],
    [
      'Name = "x"\nImports = ["#include <x>"]\n',
      '2:1 APPARMOR_UNKNOWN_KEY "Imports" is not a key of the top level (before any [table]); expected Name',
    ],
    [
      '[Network]\nRaw = true\n',
      '1:1 APPARMOR_MISSING_NAME the policy needs Name = "…" at the top, before any [table]',
    ],
    [
      'Name = "x"\n[Capabilities]\nAllow = ["chown", "sys_admn"]\n',
      '3:19 APPARMOR_UNKNOWN_CAPABILITY "sys_admn" is not a Linux capability; expected a name such as net_bind_service or chown',
    ],
    [
      'Name = "x"\n[Network]\nProtocols = ["tcp", "sctp"]\n',
      '3:21 APPARMOR_UNKNOWN_PROTOCOL "sctp" is not one of tcp, udp, icmp',
    ],
  ])('%j', (input, expected) => {
    expect(errors(input)).toEqual([expected]);
    expect(generate(input).text).toBeUndefined();
  });
});

describe('hostile input cannot break out of the profile', () => {
  it.each([
    ['a name with a space', 'Name = "nginx sample"', 'APPARMOR_INVALID_NAME'],
    ['a name with a brace', 'Name = "x{"', 'APPARMOR_INVALID_NAME'],
    ['a name with a newline', 'Name = "x\\n  capability,"', 'APPARMOR_INVALID_NAME'],
    [
      'a path with a newline',
      'Name = "x"\n[Filesystem]\nWritablePaths = ["/a w,\\n  capability sys_admin,\\n  /b"]',
      'APPARMOR_INVALID_PATH',
    ],
    [
      'a path with a quote',
      'Name = "x"\n[Filesystem]\nWritablePaths = [\'/a" w, capability sys_admin, "/b\']',
      'APPARMOR_INVALID_PATH',
    ],
    [
      'a path ending in a backslash',
      'Name = "x"\n[Filesystem]\nWritablePaths = [\'/a b\\\']',
      'APPARMOR_INVALID_PATH',
    ],
    [
      'a path with } that closes the profile',
      'Name = "x"\n[Filesystem]\nWritablePaths = ["/a}\\n/b"]',
      'APPARMOR_INVALID_PATH',
    ],
    ['a lone }', 'Name = "x"\n[Filesystem]\nAllowExec = ["/bin/}"]', 'APPARMOR_INVALID_PATH'],
    ['an unclosed {', 'Name = "x"\n[Filesystem]\nAllowExec = ["/bin/{a,b"]', 'APPARMOR_INVALID_PATH'],
    ['a relative path', 'Name = "x"\n[Filesystem]\nDenyExec = ["bin/sh"]', 'APPARMOR_INVALID_PATH'],
    [
      'a rule smuggled in as a capability',
      'Name = "x"\n[Capabilities]\nAllow = ["chown, capability sys_admin"]',
      'APPARMOR_UNKNOWN_CAPABILITY',
    ],
    [
      'a rule smuggled in as a protocol',
      'Name = "x"\n[Network]\nProtocols = ["tcp,\\n  network"]',
      'APPARMOR_UNKNOWN_PROTOCOL',
    ],
  ])('%s is refused', (_label, input, code) => {
    const result = generate(`${input}\n`);
    expect(result.text).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toContain(code);
  });

  it('a path with spaces, # and commas stays one quoted path', () => {
    const result = generate('Name = "x"\n[Filesystem]\nWritablePaths = ["/srv/a b#c,d"]\n');
    expect(result.text).toContain('  "/srv/a b#c,d" w,\n');
  });
});

describe.runIf(runChecker('apparmor_parser'))('apparmor_parser accepts every generated profile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-apparmor-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['nginx-sample', policy('nginx-sample')],
    ['deny-capabilities', policy('deny-capabilities')],
    ['all-network', policy('all-network')],
    [
      'quoted paths',
      'Name = "q"\n[Filesystem]\nWritablePaths = ["/srv/a b#c,d", "@{PROC}/self/{status,stat}"]\n',
    ],
    [
      'every capability',
      `Name = "caps"\n[Capabilities]\nAllow = [${['chown', 'perfmon', 'bpf', 'checkpoint_restore', 'audit_read', 'block_suspend', 'wake_alarm'].map((c) => `"${c}"`).join(', ')}]\n`,
    ],
  ])('%s', (name, input) => {
    const result = generate(input);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const file = join(dir, name.replace(/\W/g, '-'));
    writeFileSync(file, result.text!);
    // -Q: parse and compile only, -K: no cache; exit 0 means the profile is valid.
    expect(() => execFileSync('apparmor_parser', ['-Q', '-K', file], { stdio: 'pipe' })).not.toThrow();
  });

  it('random paths that are accepted stay one rule each', () => {
    const alphabet = fc.constantFrom(
      ...'/ab{},[]^*?@#" \\\n\t}()<>=+-:~%&;|$!\u00a0é.'.split(''),
      '@{HOME}',
      '@{PROC}',
    );
    const paths = fc.sample(
      fc.array(alphabet, { minLength: 1, maxLength: 12 }).map((parts) => `/${parts.join('')}`),
      { numRuns: 600, seed: 5 },
    );
    const accepted = [...new Set(paths)].filter((p) => !('error' in checkPath(p)));
    expect(accepted.length).toBeGreaterThan(20);
    const toml = `Name = "fuzz"\n[Filesystem]\nWritablePaths = [${accepted.map((p) => JSON.stringify(p)).join(', ')}]\n`;
    const result = generate(toml);
    expect(result.diagnostics).toEqual([]);
    const rules = result.text!.split('\n').filter((line) => line.endsWith(' w,') && !line.includes('deny'));
    expect(rules).toHaveLength(accepted.length);
    const file = join(dir, 'fuzz');
    writeFileSync(file, result.text!);
    expect(() => execFileSync('apparmor_parser', ['-Q', '-K', file], { stdio: 'pipe' })).not.toThrow();
  });

  it('and rejects a broken one, so the check can fail', () => {
    const file = join(dir, 'broken');
    writeFileSync(file, 'profile docker-broken {\n  /a} w,\n}\n');
    expect(() => execFileSync('apparmor_parser', ['-Q', '-K', file], { stdio: 'pipe' })).toThrow();
  });
});
