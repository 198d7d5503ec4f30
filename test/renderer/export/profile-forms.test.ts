import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apparmorFromText, seccompFromText } from '../../../renderer/export/profile-forms';

describe('profile forms', () => {
  it('makes a seccomp profile from a syscall list for the chosen architectures', () => {
    const outcome = seccompFromText('read\nwrite\nexit_group\n', 'list', ['x86_64']);
    expect(outcome.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const profile = JSON.parse(outcome.text!) as {
      defaultAction: string;
      archMap: { architecture: string }[];
    };
    expect(profile.defaultAction).toBe('SCMP_ACT_ERRNO');
    expect(profile.archMap.map((a) => a.architecture)).toEqual(['SCMP_ARCH_X86_64']);
    expect(outcome.summary).toBe('x86_64: 3');
  });

  it('names the line of an unknown syscall and saves nothing', () => {
    const outcome = seccompFromText('read\nwirte\n', 'list', ['x86_64', 'aarch64']);
    expect(outcome.text).toBeUndefined();
    const error = outcome.problems.find((p) => p.severity === 'error');
    expect(error).toMatchObject({ line: 2, column: 1 });
    expect(error!.message).toContain('write');
  });

  it('reads strace output', () => {
    const trace = 'openat(AT_FDCWD, "/etc/hosts", O_RDONLY) = 3\nread(3, "", 4096) = 0\n';
    expect(seccompFromText(trace, 'strace', ['x86_64']).summary).toBe('x86_64: 2');
  });

  it('makes an AppArmor profile from a bane policy, or names the problems', () => {
    const policy = readFileSync(
      new URL('../../fixtures/apparmor/nginx-sample/policy.toml', import.meta.url),
      'utf8',
    );
    const outcome = apparmorFromText(policy);
    expect(outcome.name).toBe('docker-nginx-sample');
    expect(outcome.text).toContain('profile docker-nginx-sample');
    const broken = apparmorFromText('Name = "x"\n[Filesystem\n');
    expect(broken.text).toBeUndefined();
    expect(broken.problems[0]!.line).toBe(2);
    expect(apparmorFromText('  ')).toEqual({ problems: [] });
  });
});
