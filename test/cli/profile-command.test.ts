import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRampart } from './run-cli';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures');
const temp = () => mkdtempSync(join(tmpdir(), 'rampart-profile-'));

describe('rampart profile seccomp', () => {
  it('writes a whitelist profile from a syscall list and summarizes it on stderr', () => {
    const dir = temp();
    const out = join(dir, 'web.json');
    const run = runRampart(
      ['profile', 'seccomp', '--syscalls', 'test/fixtures/seccomp/list.txt', '--out', out],
      ROOT,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const profile = JSON.parse(readFileSync(out, 'utf8'));
    expect(profile.defaultAction).toBe('SCMP_ACT_ERRNO');
    expect(profile.syscalls[0].names).toHaveLength(12);
    expect(run.stderr).toContain('syscalls allowed per architecture: x86_64 12, aarch64 12');
    expect(run.stderr).toMatch(
      /x86_64: allows 12 syscalls, the runtime default 292 \(280 of those denied here\)/,
    );
    expect(run.stderr).toContain('/var/lib/kubelet/seccomp/profiles/web.json');
    expect(run.stderr).toContain('seccompProfile: { type: Localhost, localhostProfile: profiles/web.json }');
  });

  it('reads strace output for the requested architectures and writes to stdout without --out', () => {
    const run = runRampart(
      [
        'profile',
        'seccomp',
        '--strace',
        'test/fixtures/seccomp/strace-f-o-tt-T.txt',
        '--arch',
        'x86_64,riscv64',
      ],
      ROOT,
    );
    expect(run.code).toBe(0);
    const profile = JSON.parse(run.stdout);
    expect(profile.archMap.map((a: { architecture: string }) => a.architecture)).toEqual([
      'SCMP_ARCH_X86_64',
      'SCMP_ARCH_RISCV64',
    ]);
  });

  it('reads the per-pid files of strace -ff together', () => {
    const dir = 'test/fixtures/seccomp/strace-ff';
    const files = readdirSync(join(ROOT, dir)).sort();
    const run = runRampart(
      ['profile', 'seccomp', ...files.flatMap((f) => ['--strace', `${dir}/${f}`]), '--arch', 'x86_64'],
      ROOT,
    );
    expect(run.code).toBe(0);
    const expected = readFileSync(join(FIXTURES, 'seccomp/strace-ff.expected'), 'utf8')
      .split('\n')
      .filter(Boolean);
    expect(JSON.parse(run.stdout).syscalls[0].names).toEqual(expected);
  });

  it('refuses unknown syscalls with file, line and suggestions, and writes nothing', () => {
    const dir = temp();
    const out = join(dir, 'p.json');
    const run = runRampart(
      ['profile', 'seccomp', '--syscalls', 'test/fixtures/seccomp/list-unknown.txt', '--out', out],
      ROOT,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'test/fixtures/seccomp/list-unknown.txt:4:1: error SECCOMP_UNKNOWN_SYSCALL: "opnat" is not a syscall on x86_64 or aarch64; did you mean openat or openat2?',
    );
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['--out', 'x.json'], 'give --syscalls FILE or --strace FILE'],
    [['--syscalls', 'test/fixtures/seccomp/list.txt', 'extra'], 'unexpected argument "extra"'],
    [['--syscalls', 'test/fixtures/seccomp/list.txt', '--arch', 'sparc'], 'unknown architecture "sparc"'],
  ])('usage errors exit 2: %j', (args, message) => {
    const run = runRampart(['profile', 'seccomp', ...args], ROOT);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('never overwrites its input, and reports a missing file', () => {
    const dir = temp();
    const input = join(dir, 'list.txt');
    writeFileSync(input, 'execve\nread\n');
    const same = runRampart(['profile', 'seccomp', '--syscalls', 'list.txt', '--out', './list.txt'], dir);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('--out must not be the input file');
    expect(readFileSync(input, 'utf8')).toBe('execve\nread\n');
    const missing = runRampart(['profile', 'seccomp', '--syscalls', 'nope.txt'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.txt:1:1: error IMPORT_UNREADABLE: no such file');
  });
});

describe('rampart profile apparmor', () => {
  it('writes the profile bane writes for its sample policy', () => {
    const out = join(temp(), 'docker-nginx-sample');
    const run = runRampart(
      ['profile', 'apparmor', 'test/fixtures/apparmor/nginx-sample/policy.toml', '--out', out],
      ROOT,
    );
    expect(run.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(
      readFileSync(join(FIXTURES, 'apparmor/nginx-sample/docker-nginx-sample'), 'utf8'),
    );
    expect(run.stderr).toContain('profile docker-nginx-sample, 23 path rules, 5 capabilities');
    expect(run.stderr).toContain('--security-opt apparmor=docker-nginx-sample');
  });

  it('reports policy errors with line and column and writes nothing', () => {
    const dir = temp();
    writeFileSync(join(dir, 'p.toml'), 'Name = "web"\n[Filesystem]\nWritablePaths = ["/a}"]\n');
    const run = runRampart(['profile', 'apparmor', 'p.toml', '--out', 'out'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'p.toml:3:18: error APPARMOR_INVALID_PATH: WritablePaths: the path has } without a { before it',
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('needs exactly one policy file and a known kind', () => {
    expect(runRampart(['profile', 'apparmor'], ROOT).code).toBe(2);
    const run = runRampart(['profile', 'selinux'], ROOT);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown profile kind "selinux"');
  });
});
