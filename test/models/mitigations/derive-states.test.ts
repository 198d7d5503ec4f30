import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../models/conditions/finding';
import type { Platform } from '../../../models/import/workload';
import {
  applyOverrides,
  deriveMitigationStates,
  type DeriveOptions,
  type DerivedMitigationState,
  type WorkloadTarget,
} from '../../../models/mitigations/derive-states';
import type { MitigationId } from '../../../models/mitigations/mitigation-ids';
import { finding } from '../attack/rules/findings';

const AT = (line: number) => ({ file: 'compose.yml', line, column: 3, path: `services.worker` });

function workload(
  findings: Finding[],
  options: {
    platform?: Platform;
    containers?: string[];
    dockerfileAnalysed?: boolean;
    podFindings?: Finding[];
  } = {},
): WorkloadTarget {
  const names = options.containers ?? ['worker'];
  return {
    kind: 'workload',
    id: 'compose:shop/worker',
    platform: options.platform ?? 'docker',
    containers: names.map((name, i) => ({
      name,
      at: AT(10 + i),
      findings: findings.filter((f) => (f.container ?? names[0]) === name),
      dockerfileAnalysed: options.dockerfileAnalysed ?? false,
    })),
    ...(options.podFindings ? { findings: options.podFindings } : {}),
  };
}

function stateOf(states: DerivedMitigationState[], id: MitigationId): DerivedMitigationState {
  const found = states.find((s) => s.mitigation === id);
  if (!found) throw new Error(`no state for ${id}`);
  return found;
}

function derive(target: WorkloadTarget, options: DeriveOptions = {}) {
  return deriveMitigationStates(target, options);
}

const sysAdmin = finding('cap-sys-admin', {
  container: 'worker',
  line: 3,
  data: { capabilities: ['SYS_ADMIN'] },
});
const macDisabled = finding('mac-disabled', { container: 'worker', line: 4 });
const socket = finding('runtime-socket-mount', {
  container: 'worker',
  line: 5,
  data: { hostPath: '/var/run/docker.sock', writable: false },
});
const WORKER = [
  sysAdmin,
  macDisabled,
  socket,
  finding('runs-as-root', { container: 'worker', line: 2, implicit: true }),
];

describe('deriveMitigationStates for a workload', () => {
  it('marks missing what the findings contradict, citing their lines', () => {
    const states = derive(workload(WORKER));
    expect(stateOf(states, 'drop-capabilities')).toMatchObject({
      state: 'missing',
      reason: 'found: cap-sys-admin',
      evidence: [sysAdmin.source],
      basis: 'config',
    });
    expect(stateOf(states, 'apparmor-profile')).toMatchObject({
      state: 'missing',
      evidence: [macDisabled.source],
    });
    expect(stateOf(states, 'no-runtime-socket')).toMatchObject({
      state: 'missing',
      evidence: [socket.source],
    });
    expect(stateOf(states, 'non-root-user').state).toBe('missing');
  });

  it('marks implemented what nothing contradicts, citing the container definition', () => {
    const states = derive(workload(WORKER));
    expect(stateOf(states, 'no-privileged')).toMatchObject({
      state: 'implemented',
      evidence: [AT(10)],
      basis: 'config',
    });
    expect(stateOf(states, 'seccomp-default').state).toBe('implemented');
    expect(stateOf(states, 'no-host-namespaces').state).toBe('implemented');
  });

  it('does not count cap_drop: [ALL] as dropped capabilities while SYS_ADMIN is added', () => {
    // No default-capabilities-kept finding (ALL was dropped), but cap_add: [SYS_ADMIN] remains.
    expect(stateOf(derive(workload([sysAdmin])), 'drop-capabilities').state).toBe('missing');
    expect(stateOf(derive(workload([])), 'drop-capabilities').state).toBe('implemented');
  });

  it('says why a service-account token does not apply to a compose service', () => {
    expect(stateOf(derive(workload(WORKER)), 'no-service-account-token')).toEqual({
      mitigation: 'no-service-account-token',
      state: 'not-applicable',
      reason: 'no Kubernetes service-account token is mounted outside Kubernetes',
      evidence: [],
      basis: 'config',
    });
    const pod = workload([finding('service-account-token-automount', { implicit: true })], {
      platform: 'kubernetes',
    });
    expect(stateOf(derive(pod), 'no-service-account-token').state).toBe('missing');
  });

  it('counts pod-wide findings for every container', () => {
    const target = workload([], { platform: 'kubernetes', podFindings: [finding('host-pid', { line: 7 })] });
    expect(stateOf(derive(target), 'no-host-namespaces')).toMatchObject({
      state: 'missing',
      reason: 'found: host-pid',
    });
  });

  it('is missing for a workload when one container contradicts it', () => {
    const sidecar = finding('privileged', { container: 'sidecar', line: 20 });
    const target = workload([sidecar], { containers: ['app', 'sidecar'] });
    expect(stateOf(derive(target), 'no-privileged')).toMatchObject({
      state: 'missing',
      evidence: [sidecar.source],
    });
  });

  it('follows the daemon userns-remap assumption for an unset userns_mode, not for userns_mode: host', () => {
    const unset = workload([finding('no-user-namespace', { container: 'worker', implicit: true })]);
    const optedOut = workload([finding('no-user-namespace', { container: 'worker', implicit: false })]);
    const remap: DeriveOptions = { assumptions: { 'daemon-userns-remap': true } };
    expect(stateOf(derive(unset), 'user-namespace').state).toBe('missing');
    expect(stateOf(derive(unset, remap), 'user-namespace').state).toBe('implemented');
    expect(stateOf(derive(optedOut, remap), 'user-namespace').state).toBe('missing');
  });

  it('marks MAC missing on hosts that enforce none', () => {
    const states = derive(workload([]), { assumptions: { 'host-mac-enabled': false } });
    expect(stateOf(states, 'apparmor-profile')).toMatchObject({ state: 'missing', basis: 'assumption' });
    expect(stateOf(states, 'selinux-policy')).toMatchObject({ state: 'missing', basis: 'assumption' });
  });

  it('derives host hardening from the patch assumptions', () => {
    expect(stateOf(derive(workload([])), 'host-hardening')).toMatchObject({
      state: 'missing',
      reason: 'assumed: kernel-patched = unknown',
      basis: 'assumption',
    });
    const patched: DeriveOptions = { assumptions: { 'kernel-patched': true, 'runtime-patched': true } };
    expect(stateOf(derive(workload([]), patched), 'host-hardening').state).toBe('implemented');
  });

  it('needs an analysed Dockerfile before it calls the base image minimal', () => {
    expect(stateOf(derive(workload([])), 'minimal-base-image')).toMatchObject({
      state: 'missing',
      basis: 'none',
    });
    expect(stateOf(derive(workload([], { dockerfileAnalysed: true })), 'minimal-base-image').state).toBe(
      'implemented',
    );
    const full = finding('full-os-base-image', { container: 'worker', data: { image: 'ubuntu:22.04' } });
    expect(stateOf(derive(workload([full], { dockerfileAnalysed: true })), 'minimal-base-image').state).toBe(
      'missing',
    );
  });

  it('leaves controls without configuration evidence to the workshop', () => {
    expect(stateOf(derive(workload([])), 'logging-and-audit')).toMatchObject({
      state: 'missing',
      basis: 'none',
    });
    expect(stateOf(derive(workload([])), 'security-testing-in-ci')).toMatchObject({
      state: 'missing',
      basis: 'none',
    });
  });

  it('treats runtime settings as not applicable to a Dockerfile alone', () => {
    const states = derive(workload([], { platform: 'image', dockerfileAnalysed: true }));
    expect(stateOf(states, 'drop-capabilities').state).toBe('not-applicable');
    expect(stateOf(states, 'seccomp-default').state).toBe('not-applicable');
    expect(stateOf(states, 'non-root-user').state).toBe('implemented');
    expect(stateOf(states, 'minimal-base-image').state).toBe('implemented');
  });

  it('lists no flow kinds for a workload, and every other kind once, in DESIGN §6 order', () => {
    const ids = derive(workload(WORKER)).map((s) => s.mitigation);
    expect(ids).not.toContain('tls');
    expect(ids).not.toContain('mtls');
    expect(ids).not.toContain('ipsec');
    expect(ids).toHaveLength(23);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives the same answer every time', () => {
    const first = JSON.stringify(derive(workload(WORKER)));
    for (let i = 0; i < 40; i++) expect(JSON.stringify(derive(workload([...WORKER].reverse())))).toBe(first);
  });
});

describe('deriveMitigationStates for a flow', () => {
  const at = { file: 'compose.yml', line: 9, column: 5 };
  const flow = (protection: 'none' | 'tls' | 'mtls' | 'ipsec') =>
    deriveMitigationStates({ kind: 'flow', id: 'flow:web->db', protection, at });

  it('derives only the transport kinds', () => {
    expect(flow('none').map((s) => s.mitigation)).toEqual(['tls', 'mtls', 'ipsec']);
  });

  it('follows the protection of the flow', () => {
    expect(flow('none').map((s) => s.state)).toEqual(['missing', 'missing', 'missing']);
    expect(flow('tls').map((s) => s.state)).toEqual(['implemented', 'missing', 'missing']);
    expect(flow('mtls').map((s) => s.state)).toEqual(['implemented', 'implemented', 'missing']);
    expect(flow('ipsec').map((s) => s.state)).toEqual(['missing', 'missing', 'implemented']);
    expect(flow('none')[0]).toEqual({
      mitigation: 'tls',
      state: 'missing',
      reason: 'the flow carries plaintext',
      evidence: [at],
      basis: 'config',
    });
  });
});

describe('applyOverrides', () => {
  const derived = derive(workload(WORKER));

  it('lets the user override win and keeps the derived state beside it', () => {
    const resolved = applyOverrides(derived, [
      {
        mitigation: 'drop-capabilities',
        state: 'planned',
        reason: 'remove SYS_ADMIN in sprint 12',
        author: 'ana',
      },
    ]);
    const drop = resolved.find((s) => s.mitigation === 'drop-capabilities')!;
    expect(drop).toMatchObject({
      state: 'planned',
      reason: 'remove SYS_ADMIN in sprint 12',
      author: 'ana',
      basis: 'user',
      overridden: true,
      evidence: [sysAdmin.source],
    });
    expect(drop.derived).toMatchObject({ state: 'missing', reason: 'found: cap-sys-admin' });
  });

  it('leaves the other states as derived, marked not overridden', () => {
    const resolved = applyOverrides(derived, [
      { mitigation: 'drop-capabilities', state: 'accepted-risk', reason: 'x' },
    ]);
    const privileged = resolved.find((s) => s.mitigation === 'no-privileged')!;
    expect(privileged).toEqual({ ...stateOf(derived, 'no-privileged'), overridden: false });
    expect(resolved.map((s) => s.mitigation)).toEqual(derived.map((s) => s.mitigation));
  });

  it('uses the last override when a kind is overridden twice', () => {
    const resolved = applyOverrides(derived, [
      { mitigation: 'apparmor-profile', state: 'planned' },
      { mitigation: 'apparmor-profile', state: 'implemented', reason: 'profile docker-worker loaded' },
    ]);
    expect(resolved.find((s) => s.mitigation === 'apparmor-profile')).toMatchObject({
      state: 'implemented',
      overridden: true,
    });
  });

  it('adds an override for a kind nothing was derived for, in catalogue order', () => {
    const resolved = applyOverrides(derived, [
      { mitigation: 'tls', state: 'implemented', reason: 'service mesh' },
    ]);
    const tls = resolved.find((s) => s.mitigation === 'tls')!;
    expect(tls).toEqual({
      mitigation: 'tls',
      state: 'implemented',
      reason: 'service mesh',
      evidence: [],
      basis: 'user',
      overridden: true,
    });
    expect(resolved.map((s) => s.mitigation).indexOf('tls')).toBeLessThan(
      resolved.map((s) => s.mitigation).indexOf('network-policy'),
    );
  });
});

describe('deriveMitigationStates and the topology', () => {
  it('does not call the network segmented before the topology was analysed', () => {
    expect(stateOf(derive(workload([])), 'network-policy')).toMatchObject({
      state: 'missing',
      basis: 'none',
    });
    const analysed = { ...workload([]), topologyAnalysed: true };
    expect(stateOf(derive(analysed), 'network-policy').state).toBe('implemented');
    const flat = {
      ...analysed,
      findings: [finding('flat-network', { workload: 'network:shop/default', line: 1 })],
    };
    expect(stateOf(derive(flat), 'network-policy')).toMatchObject({
      state: 'missing',
      reason: 'found: flat-network',
    });
  });
});
