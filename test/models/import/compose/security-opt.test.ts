import { describe, expect, it } from 'vitest';
import {
  effectiveSecurityOptions,
  parseSecurityOpt,
  type SecurityOption,
} from '../../../../models/import/compose/security-opt';

describe('parseSecurityOpt', () => {
  it.each([
    ['no-new-privileges', { kind: 'no-new-privileges', value: true }],
    ['no-new-privileges:true', { kind: 'no-new-privileges', value: true }],
    ['no-new-privileges=true', { kind: 'no-new-privileges', value: true }],
    ['no-new-privileges:false', { kind: 'no-new-privileges', value: false }],
    ['no-new-privileges=1', { kind: 'no-new-privileges', value: true }],
    ['  no-new-privileges  ', { kind: 'no-new-privileges', value: true }],
    ['seccomp:unconfined', { kind: 'seccomp', value: { mode: 'unconfined' } }],
    ['seccomp=unconfined', { kind: 'seccomp', value: { mode: 'unconfined' } }],
    ['seccomp=builtin', { kind: 'seccomp', value: { mode: 'runtime-default' } }],
    ['seccomp=profile.json', { kind: 'seccomp', value: { mode: 'custom', profile: 'profile.json' } }],
    [
      'seccomp=/etc/docker/seccomp:strict.json',
      { kind: 'seccomp', value: { mode: 'custom', profile: '/etc/docker/seccomp:strict.json' } },
    ],
    ['apparmor:unconfined', { kind: 'apparmor', value: { mode: 'unconfined' } }],
    ['apparmor=docker-default', { kind: 'apparmor', value: { mode: 'runtime-default' } }],
    ['apparmor=my-app', { kind: 'apparmor', value: { mode: 'custom', profile: 'my-app' } }],
    ['label:disable', { kind: 'selinux', value: { mode: 'unconfined' } }],
    ['label=disable', { kind: 'selinux', value: { mode: 'unconfined' } }],
    ['disable', { kind: 'selinux', value: { mode: 'unconfined' } }],
    ['label:type:spc_t', { kind: 'selinux', value: { mode: 'unconfined', profile: 'spc_t' } }],
    [
      'label=type:svirt_lxc_net_t',
      { kind: 'selinux', value: { mode: 'custom', profile: 'svirt_lxc_net_t' } },
    ],
    ['label=level:s0:c100,c200', { kind: 'other' }],
    ['label=user:USER', { kind: 'other' }],
    ['systempaths=unconfined', { kind: 'proc-mount', value: 'unmasked' }],
    ['writable-cgroups=true', { kind: 'other' }],
  ])('%s', (text, expected) => {
    expect(parseSecurityOpt(text)).toEqual(expected);
  });

  it.each([
    'label:seccomp:unconfined',
    'label=bogus',
    'no-new-privileges:yes',
    'seccomp',
    'seccomp=',
    'apparmor:',
    'systempaths=masked',
    'privileged=true',
    '',
  ])('rejects %j', (text) => {
    expect(typeof parseSecurityOpt(text)).toBe('string');
  });
});

describe('effectiveSecurityOptions', () => {
  const at = (line: number) => ({ file: 'c.yaml', line, column: 1 });
  const options = (texts: string[]): SecurityOption[] =>
    texts.map((text, i) => ({
      ...(parseSecurityOpt(text) as Exclude<ReturnType<typeof parseSecurityOpt>, string>),
      at: at(i + 1),
    }));

  it('keeps the last option of each kind, with its line', () => {
    const effective = effectiveSecurityOptions(
      options(['no-new-privileges:true', 'seccomp=a.json', 'no-new-privileges:false', 'seccomp=unconfined']),
    );
    expect(effective.noNewPrivileges).toEqual({ value: false, at: at(3) });
    expect(effective.seccomp).toEqual({ value: { mode: 'unconfined' }, at: at(4) });
    expect(effective.apparmor).toBeUndefined();
  });

  it('keeps label disable once set', () => {
    const effective = effectiveSecurityOptions(
      options(['label=type:spc_t', 'label:disable', 'label=type:container_t']),
    );
    expect(effective.selinux).toEqual({ value: { mode: 'unconfined' }, at: at(2) });
    const typed = effectiveSecurityOptions(options(['label=type:spc_t', 'label=type:my_t']));
    expect(typed.selinux?.value).toEqual({ mode: 'custom', profile: 'my_t' });
  });
});
