import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeComparison,
  generateSeccompProfile,
  parseArchList,
  parseStrace,
  parseSyscallList,
  SYSCALL_TABLES,
  type SeccompArch,
  type SeccompProfile,
} from '../../../../models/export/seccomp';
import { DOCKER_DEFAULT_ALLOWED } from '../../../../models/export/seccomp/docker-default-syscalls';
import { runChecker } from './checker';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/seccomp');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const fromList = (text: string, arches?: SeccompArch[]) =>
  generateSeccompProfile(parseSyscallList('list.txt', text), { arches });

describe('generateSeccompProfile', () => {
  it('emits a Docker whitelist profile: ERRNO by default, archMap with sub-architectures, sorted names', () => {
    const result = fromList(read('list.txt'));
    expect(result.diagnostics).toEqual([]);
    expect(result.profile).toEqual({
      defaultAction: 'SCMP_ACT_ERRNO',
      defaultErrnoRet: 1,
      archMap: [
        { architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'] },
        { architecture: 'SCMP_ARCH_AARCH64', subArchitectures: ['SCMP_ARCH_ARM'] },
      ],
      syscalls: [
        {
          names: [
            'accept4',
            'brk',
            'close',
            'epoll_pwait',
            'execve',
            'exit_group',
            'mmap',
            'munmap',
            'openat',
            'read',
            'sendfile',
            'write',
          ],
          action: 'SCMP_ACT_ALLOW',
        },
      ],
    });
    expect(Object.keys(JSON.parse(result.text!))).toEqual([
      'defaultAction',
      'defaultErrnoRet',
      'archMap',
      'syscalls',
    ]);
  });

  it('limits a name missing on one requested architecture to the others, with a warning', () => {
    const result = fromList('execve\nopen\nread\nepoll_wait\n');
    expect(result.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ['SECCOMP_NOT_ON_ARCH', 2, '"open" is not a syscall on aarch64; it is allowed on x86_64 only'],
      ['SECCOMP_NOT_ON_ARCH', 4, '"epoll_wait" is not a syscall on aarch64; it is allowed on x86_64 only'],
    ]);
    expect(result.profile!.syscalls).toEqual([
      { names: ['execve', 'read'], action: 'SCMP_ACT_ALLOW' },
      {
        names: ['epoll_wait', 'open'],
        action: 'SCMP_ACT_ALLOW',
        includes: { arches: ['amd64'] },
        comment: 'not syscalls on aarch64',
      },
    ]);
    expect(result.allowedByArch.get('aarch64')).toEqual(['execve', 'read']);
  });

  it('refuses an unknown name, naming the file, the line and the closest valid names', () => {
    const result = generateSeccompProfile(parseSyscallList('list-unknown.txt', read('list-unknown.txt')));
    expect(result.profile).toBeUndefined();
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.file, d.line, d.column])).toEqual([
      ['list-unknown.txt', 4, 1],
      ['list-unknown.txt', 5, 1],
    ]);
    expect(errors[0]!.message).toBe(
      '"opnat" is not a syscall on x86_64 or aarch64; did you mean openat or openat2?',
    );
    expect(errors[1]!.message).toBe('"arm_fadvise64_64" is a syscall on arm only, not on x86_64 or aarch64');
  });

  it('names the closest syscalls for a typo', () => {
    const result = fromList('execve\nsetsokopt\n');
    expect(result.diagnostics[0]!.message).toContain('did you mean setsockopt or getsockopt?');
  });

  it('refuses an empty list and warns when execve is missing', () => {
    expect(fromList('# nothing\n').diagnostics.map((d) => d.code)).toEqual(['SECCOMP_NO_SYSCALLS']);
    expect(fromList('read\n').diagnostics.map((d) => d.code)).toEqual(['SECCOMP_NO_EXECVE']);
  });

  it('is deterministic: the same input in any order gives byte-identical output', () => {
    const lines = read('list.txt').split('\n');
    const first = fromList(lines.join('\n')).text;
    for (let i = 0; i < 40; i++) {
      const shuffled = [...lines].sort((a, b) => ((a.length * 31 + i) % 7) - ((b.length * 17 + i) % 5));
      expect(fromList(shuffled.join('\n')).text).toBe(first);
    }
  });

  it('reads architectures in their usual spellings', () => {
    expect(parseArchList('amd64, arm64,x86_64,riscv64')).toEqual({
      arches: ['x86_64', 'aarch64', 'riscv64'],
      unknown: [],
    });
    expect(parseArchList('x86_64,sparc')).toEqual({ arches: ['x86_64'], unknown: ['sparc'] });
  });
});

describe('comparison with the runtime default profile', () => {
  it('the vendored list is exactly the unconditional ALLOW names of default.json', () => {
    const profile = JSON.parse(read('docker-default.json')) as {
      syscalls: { names: string[]; action: string; args?: unknown[]; includes?: object; excludes?: object }[];
    };
    const unconditional = profile.syscalls.filter(
      (r) => r.action === 'SCMP_ACT_ALLOW' && !r.args?.length && !r.includes && !r.excludes,
    );
    expect(unconditional).toHaveLength(1);
    expect([...DOCKER_DEFAULT_ALLOWED]).toEqual([...unconditional[0]!.names].sort());
    expect(DOCKER_DEFAULT_ALLOWED).toHaveLength(361);
  });

  it('counts per architecture what the profile allows against the default', () => {
    const result = fromList('execve\nread\nptrace\nopen\n');
    const x86 = result.comparison!.arches.find((c) => c.arch === 'x86_64')!;
    const arm = result.comparison!.arches.find((c) => c.arch === 'aarch64')!;
    const onArch = (arch: SeccompArch) =>
      SYSCALL_TABLES[arch].filter((n) => DOCKER_DEFAULT_ALLOWED.includes(n)).length;
    expect(x86).toEqual({
      arch: 'x86_64',
      allowed: 4,
      defaultAllowed: onArch('x86_64'),
      beyondDefault: ['ptrace'],
    });
    expect(arm).toEqual({
      arch: 'aarch64',
      allowed: 3,
      defaultAllowed: onArch('aarch64'),
      beyondDefault: ['ptrace'],
    });
    // Fixed figures for this libseccomp table and default.json version: of the 361 names, the
    // others are 32-bit or other-architecture calls.
    expect([x86.defaultAllowed, arm.defaultAllowed]).toEqual([292, 253]);
    expect(describeComparison(result.comparison!)[0]).toBe(
      `x86_64: allows 4 syscalls, the runtime default ${x86.defaultAllowed} (${x86.defaultAllowed - 3} of those denied here); 1 not allowed unconditionally by the default: ptrace`,
    );
  });
});

describe.runIf(runChecker('scmp_sys_resolver'))('libseccomp agrees (scmp_sys_resolver)', () => {
  // libseccomp answers -1 for an unknown name, -10000 and below for a syscall another architecture
  // has, and -100…-299 for calls multiplexed through socketcall/ipc (x86, s390x), which it filters.
  const resolves = (arch: string, name: string) => {
    const n = Number(execFileSync('scmp_sys_resolver', ['-a', arch, name], { encoding: 'utf8' }).trim());
    return n >= 0 || (n <= -100 && n > -10000);
  };

  it('every name in every emitted profile resolves on each architecture it is allowed on', () => {
    const profiles: [SeccompProfile, SeccompArch[]][] = [];
    const add = (text: string | undefined, arches: SeccompArch[]) =>
      profiles.push([JSON.parse(text!), arches]);
    add(fromList(read('list.txt')).text, ['x86_64', 'aarch64']);
    add(fromList('execve\nopen\nstat\nread\n', ['x86_64', 'aarch64', 'riscv64']).text, [
      'x86_64',
      'aarch64',
      'riscv64',
    ]);
    for (const file of ['strace-f-o-tt-T.txt', 'strace-forms.txt'])
      add(generateSeccompProfile(parseStrace(file, read(file))).text, ['x86_64', 'aarch64']);
    const docker: Record<string, SeccompArch> = { amd64: 'x86_64', arm64: 'aarch64', riscv64: 'riscv64' };
    const checks = new Set<string>();
    for (const [profile, arches] of profiles)
      for (const rule of profile.syscalls) {
        const on = rule.includes ? rule.includes.arches.map((a) => docker[a]!) : arches;
        for (const arch of on) for (const name of rule.names) checks.add(`${arch} ${name}`);
        // And an arch-limited rule names syscalls that really are missing elsewhere.
        if (rule.includes)
          for (const arch of arches.filter((a) => !on.includes(a)))
            for (const name of rule.names) expect(resolves(arch, name), `${name} on ${arch}`).toBe(false);
      }
    expect(checks.size).toBeGreaterThan(60);
    for (const check of [...checks].sort()) {
      const [arch, name] = check.split(' ') as [string, string];
      expect(resolves(arch, name), `${name} on ${arch}`).toBe(true);
    }
  });

  it('the generated tables match libseccomp on a sample of numbers', () => {
    for (const arch of Object.keys(SYSCALL_TABLES) as SeccompArch[]) {
      const table = SYSCALL_TABLES[arch];
      for (let i = 0; i < table.length; i += 37)
        expect(resolves(arch, table[i]!), `${table[i]} on ${arch}`).toBe(true);
    }
  });
});
