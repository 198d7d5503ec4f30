import { describe, expect, it } from 'vitest';
import { evaluatePrecondition } from '../../../../models/attack/rules/evaluate-precondition';
import { createPreconditionContext } from '../../../../models/attack/rules/precondition-context';
import type { Precondition } from '../../../../models/attack/rules/rule';
import type { Finding } from '../../../../models/conditions/finding';
import { finding } from './findings';

function holds(
  pre: Precondition,
  findings: Finding[],
  extra: Parameters<typeof createPreconditionContext>[1] = { platform: 'docker' },
) {
  return evaluatePrecondition(pre, createPreconditionContext(findings, extra));
}

describe('evaluatePrecondition: condition leaves', () => {
  it('holds when a finding of that condition exists, with it as evidence', () => {
    const f = finding('privileged');
    expect(holds({ condition: 'privileged' }, [f])).toEqual({ holds: true, evidence: [f], assumptions: [] });
    expect(holds({ condition: 'privileged' }, []).holds).toBe(false);
  });

  it('matches capabilities with or without CAP_, and ALL matches any', () => {
    const pre: Precondition = { condition: 'dangerous-capability', where: { capability: 'CAP_SYS_PTRACE' } };
    expect(
      holds(pre, [finding('dangerous-capability', { data: { capabilities: ['SYS_PTRACE'] } })]).holds,
    ).toBe(true);
    expect(holds(pre, [finding('dangerous-capability', { data: { capabilities: ['all'] } })]).holds).toBe(
      true,
    );
    expect(
      holds(pre, [finding('dangerous-capability', { data: { capabilities: ['SYS_MODULE'] } })]).holds,
    ).toBe(false);
  });

  it('hostPathCovers matches the path and its parents, hostPathUnder the path and below', () => {
    const covers: Precondition = {
      condition: 'sensitive-host-mount',
      where: { hostPathCovers: ['/var/log'] },
    };
    const under: Precondition = { condition: 'sensitive-host-mount', where: { hostPathUnder: ['/var/log'] } };
    const mount = (hostPath: string) => [finding('sensitive-host-mount', { data: { hostPath } })];
    for (const path of ['/', '/var', '/var/log', '/var/log/'])
      expect(holds(covers, mount(path)).holds, path).toBe(true);
    for (const path of ['/var/lib', '/var/logs', '/var/log/pods', './var/log'])
      expect(holds(covers, mount(path)).holds, path).toBe(false);
    for (const path of ['/var/log', '/var/log/pods'])
      expect(holds(under, mount(path)).holds, path).toBe(true);
    for (const path of ['/', '/var', '/var/logs']) expect(holds(under, mount(path)).holds, path).toBe(false);
  });

  it('counts a mount that does not say as writable, and matches ports', () => {
    const writable: Precondition = { condition: 'host-path-mount', where: { writable: true } };
    expect(holds(writable, [finding('host-path-mount', { data: { hostPath: '/srv' } })]).holds).toBe(true);
    expect(
      holds(writable, [finding('host-path-mount', { data: { hostPath: '/srv', writable: false } })]).holds,
    ).toBe(false);
    const port: Precondition = { condition: 'container-api-exposed', where: { port: 2375 } };
    expect(holds(port, [finding('container-api-exposed', { data: { ports: [2375] } })]).holds).toBe(true);
    expect(holds(port, [finding('container-api-exposed', { data: { ports: [10250] } })]).holds).toBe(false);
  });
});

describe('evaluatePrecondition: gates, assumptions, platform', () => {
  const root = finding('runs-as-root');
  const priv = finding('privileged');

  it('all needs every part and merges their evidence, sorted by id', () => {
    const pre: Precondition = { all: [{ condition: 'runs-as-root' }, { condition: 'privileged' }] };
    expect(holds(pre, [root, priv]).evidence.map((f) => f.id)).toEqual([priv.id, root.id].sort());
    expect(holds(pre, [root])).toEqual({ holds: false, evidence: [], assumptions: [] });
  });

  it('any needs one part; its evidence is that of every holding part', () => {
    const pre: Precondition = { any: [{ condition: 'runs-as-root' }, { condition: 'privileged' }] };
    expect(holds(pre, [root]).evidence).toEqual([root]);
    expect(holds(pre, [root, priv]).evidence).toHaveLength(2);
    expect(holds(pre, []).holds).toBe(false);
  });

  it('an assumption holds when set to the value asked for or unknown, and is reported', () => {
    const pre: Precondition = { assumption: 'cgroup-version', is: 'v1' };
    expect(holds(pre, [], { platform: 'docker', assumptions: { 'cgroup-version': 'v1' } })).toEqual({
      holds: true,
      evidence: [],
      assumptions: ['cgroup-version'],
    });
    expect(holds(pre, [], { platform: 'docker', assumptions: { 'cgroup-version': 'unknown' } }).holds).toBe(
      true,
    );
    expect(holds(pre, [], { platform: 'docker' }).holds).toBe(false); // default v2
  });

  it('any rests on the holding part with the fewest assumptions', () => {
    const macOff: Precondition = {
      any: [{ condition: 'mac-disabled' }, { assumption: 'host-mac-enabled', is: false }],
    };
    const unknownHost = { platform: 'docker', assumptions: { 'host-mac-enabled': 'unknown' as const } };
    expect(holds(macOff, [finding('mac-disabled')], unknownHost).assumptions).toEqual([]);
    expect(holds(macOff, [], unknownHost).assumptions).toEqual(['host-mac-enabled']);
  });

  it('not negates definite facts and carries no evidence', () => {
    const pre: Precondition = { not: { condition: 'runs-as-root' } };
    expect(holds(pre, [])).toEqual({ holds: true, evidence: [], assumptions: [] });
    expect(holds(pre, [root]).holds).toBe(false);
  });

  it('platform compares with the context', () => {
    expect(holds({ platform: 'kubernetes' }, [], { platform: 'kubernetes' }).holds).toBe(true);
    expect(holds({ platform: 'kubernetes' }, [], { platform: 'docker' }).holds).toBe(false);
  });

  it('gives the same answer every time', () => {
    const pre: Precondition = {
      all: [
        { any: [{ condition: 'runs-as-root' }, { condition: 'privileged' }] },
        { assumption: 'kernel-patched', is: false },
      ],
    };
    const first = JSON.stringify(holds(pre, [priv, root]));
    for (let i = 0; i < 40; i++) expect(JSON.stringify(holds(pre, [root, priv]))).toBe(first);
  });
});
