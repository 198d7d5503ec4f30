import { describe, expect, it } from 'vitest';
import type { AssumptionNode, DefenceNode } from '../../../models/attack/tree/attack-tree';
import {
  adoptionOf,
  assumptionValueFor,
  defenceTarget,
  withChange,
} from '../../../renderer/tree/what-if-scenario';
import { pngScale } from '../../../renderer/tree/png-scale';
import { sampleTree } from './fixtures';

describe('what-if scenario', () => {
  const tree = sampleTree();
  const seccomp = { kind: 'defence', id: 'defence:seccomp-profile@compose:web', active: true } as const;

  it('adds a change, replaces a change about the same node, and drops one back to the real state', () => {
    const one = withChange(tree, [], seccomp);
    expect(one).toEqual([seccomp]);
    expect(withChange(tree, one, { ...seccomp, active: false })).toEqual([]);
    const both = withChange(tree, one, { kind: 'mitigation', mitigation: 'no-privileged', active: true });
    expect(both).toHaveLength(2);
  });

  it('reads the target and mitigation of a generated defence from its id', () => {
    const node = tree.nodes.get('defence:seccomp-profile@compose:web') as DefenceNode;
    expect(defenceTarget(node)).toEqual({ target: 'compose:web', mitigation: 'seccomp-profile' });
    expect(
      defenceTarget({
        ...node,
        id: 'defence:apparmor-profile@k8s:a/b:partial',
        mitigation: 'apparmor-profile',
      }),
    ).toEqual({
      target: 'k8s:a/b',
      mitigation: 'apparmor-profile',
    });
    expect(defenceTarget({ ...node, id: 'user:defence:1' })).toBeUndefined();
  });

  it('maps a host fact holding or not to an assumption value', () => {
    const fact = tree.nodes.get('assume:kernel-patched=false') as AssumptionNode;
    expect(assumptionValueFor(fact, true)).toEqual({ key: 'kernel-patched', value: false });
    expect(assumptionValueFor(fact, false)).toEqual({ key: 'kernel-patched', value: true });
    expect(assumptionValueFor(fact, 'unknown')).toEqual({ key: 'kernel-patched', value: 'unknown' });
  });

  it('adopts switched-on controls as planned and host facts as assumptions', () => {
    const adoption = adoptionOf(tree, [
      seccomp,
      { kind: 'mitigation', mitigation: 'no-privileged', active: true },
      { kind: 'assumption', id: 'assume:kernel-patched=false', holds: false },
    ]);
    expect(adoption.planned).toEqual([
      { target: 'compose:db', mitigation: 'no-privileged' },
      { target: 'compose:web', mitigation: 'seccomp-profile' },
    ]);
    expect(adoption.assumptions).toEqual({ 'kernel-patched': true });
  });

  it('adopts nothing for a control switched off', () => {
    expect(
      adoptionOf(tree, [{ kind: 'mitigation', mitigation: 'no-privileged', active: false }]).planned,
    ).toEqual([]);
  });
});

describe('PNG export size', () => {
  it('draws at least A4 width for a small tree and stays within canvas limits for a huge one', () => {
    expect(pngScale(400, 300) * 400).toBeGreaterThanOrEqual(1600);
    const scale = pngScale(30_000, 2_000);
    expect(scale * 30_000).toBeLessThanOrEqual(16_384);
    expect(scale * 30_000 * scale * 2_000).toBeLessThanOrEqual(40_000_000);
  });
});
