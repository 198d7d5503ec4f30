import { describe, expect, it } from 'vitest';
import { isAssumptionKey } from '../../../models/attack/rules/assumptions';
import { ATTACK_RULES } from '../../../models/attack/rules/catalogue';
import { CONDITION_IDS } from '../../../models/conditions/condition-ids';
import { MITIGATIONS } from '../../../models/mitigations/catalogue';
import { formatRequirement } from '../../../models/mitigations/format-requirement';
import type { PlatformImplementation } from '../../../models/mitigations/mitigation';
import { MITIGATION_IDS } from '../../../models/mitigations/mitigation-ids';

function rulesNaming(id: string): string[] {
  return ATTACK_RULES.filter((rule) =>
    [...rule.blockedBy, ...rule.partiallyBlockedBy].some(
      (entry) => entry.mitigation === id || (entry.combinedWith ?? []).includes(id as never),
    ),
  ).map((rule) => rule.id);
}

function describeImplementation(impl: PlatformImplementation): string {
  return 'snippet' in impl ? impl.snippet : impl.notApplicable;
}

describe('mitigation catalogue', () => {
  it('has an entry for every id of DESIGN §6, under its own id, in that order', () => {
    expect(Object.keys(MITIGATIONS)).toEqual([...MITIGATION_IDS]);
    for (const id of MITIGATION_IDS) expect(MITIGATIONS[id].id).toBe(id);
  });

  it('contains every mitigation id a rule uses', () => {
    for (const rule of ATTACK_RULES) {
      for (const entry of [...rule.blockedBy, ...rule.partiallyBlockedBy, ...rule.ineffective]) {
        expect(MITIGATIONS[entry.mitigation], `${rule.id} ${entry.mitigation}`).toBeDefined();
      }
    }
  });

  it('agrees with the rule catalogue on what each mitigation protects against', () => {
    for (const id of MITIGATION_IDS) expect(MITIGATIONS[id].protectsAgainst, id).toEqual(rulesNaming(id));
  });

  it('gives an implementation for compose, Kubernetes and docker run, or says why there is none', () => {
    for (const id of MITIGATION_IDS) {
      const impl = MITIGATIONS[id].implementation;
      for (const platform of [impl.compose, impl.kubernetes, impl.dockerRun]) {
        expect(describeImplementation(platform).trim().length, id).toBeGreaterThan(10);
      }
      const notApplicableEverywhere = [impl.compose, impl.kubernetes, impl.dockerRun].every(
        (p) => 'notApplicable' in p,
      );
      if (notApplicableEverywhere) expect(impl.dockerfile ?? impl.ci ?? impl.host, id).toBeDefined();
    }
  });

  it('gives verification commands with the expected output, and Go templates that close', () => {
    for (const id of MITIGATION_IDS) {
      const checks = MITIGATIONS[id].verification;
      expect(checks.length, id).toBeGreaterThan(0);
      for (const check of checks) {
        expect(check.command.length, id).toBeGreaterThan(5);
        expect(check.expect.length, id).toBeGreaterThan(0);
        expect(check.command.split('{{').length, `${id}: ${check.command}`).toBe(
          check.command.split('}}').length,
        );
      }
    }
  });

  it('states a normative requirement with the target placeholder', () => {
    for (const id of MITIGATION_IDS) {
      const requirement = MITIGATIONS[id].requirement;
      expect(requirement, id).toMatch(/\bMUST\b/);
      expect(requirement, id).toContain('{target}');
      expect(formatRequirement(MITIGATIONS[id], 'web'), id).not.toContain('{target}');
    }
    expect(formatRequirement(MITIGATIONS['no-privileged'], 'web')).toBe(
      'The service web MUST NOT run in privileged mode.',
    );
  });

  it('has a rationale, principles, limitations and sources', () => {
    for (const id of MITIGATION_IDS) {
      const m = MITIGATIONS[id];
      expect(m.title.length, id).toBeGreaterThan(10);
      expect(m.rationale.length, id).toBeGreaterThan(80);
      expect(m.principles.length, id).toBeGreaterThan(0);
      expect(m.limitations.length, id).toBeGreaterThan(0);
      expect(m.sources.length, id).toBeGreaterThan(0);
    }
  });

  it('cites only known condition ids and assumptions as evidence', () => {
    const conditions = new Set<string>(CONDITION_IDS);
    for (const id of MITIGATION_IDS) {
      const evidence = MITIGATIONS[id].evidence;
      if (evidence.kind === 'absent-conditions') {
        expect(evidence.conditions.length, id).toBeGreaterThan(0);
        for (const c of evidence.conditions)
          expect(conditions.has(c.condition), `${id} ${c.condition}`).toBe(true);
      }
      if (evidence.kind === 'assumptions')
        for (const a of evidence.all) expect(isAssumptionKey(a.assumption), id).toBe(true);
    }
  });

  it("derives the transport kinds, and only them, from a flow's protection", () => {
    for (const id of MITIGATION_IDS) {
      const m = MITIGATIONS[id];
      expect(m.scope === 'flow', id).toBe(m.evidence.kind === 'flow-protection');
    }
  });

  it('takes its evidence from the conditions the brief names', () => {
    const absent = (id: keyof typeof MITIGATIONS) => {
      const evidence = MITIGATIONS[id].evidence;
      return evidence.kind === 'absent-conditions' ? evidence.conditions.map((c) => c.condition) : [];
    };
    expect(absent('no-privileged')).toEqual(['privileged']);
    expect(absent('drop-capabilities')).toEqual(
      expect.arrayContaining(['default-capabilities-kept', 'dangerous-capability', 'cap-sys-admin']),
    );
    expect(absent('no-runtime-socket')).toEqual(['runtime-socket-mount']);
    expect(absent('user-namespace')).toEqual(['no-user-namespace']);
  });

  it('records the §4.4 corrections among the limitations', () => {
    const text = (id: keyof typeof MITIGATIONS) => MITIGATIONS[id].limitations.join(' ');
    expect(text('seccomp-default')).toMatch(/Dirty Pipe/);
    expect(text('seccomp-default')).toMatch(/CAP_SYS_ADMIN/);
    expect(text('user-namespace')).toMatch(/CVE-2022-0185/);
    expect(text('user-namespace')).toMatch(/Dirty Pipe/);
    expect(text('apparmor-profile')).toMatch(/privileged/);
    expect(text('read-only-rootfs')).toMatch(/socket/);
    expect(text('drop-capabilities')).toMatch(/cap_add: \[SYS_ADMIN\]/);
  });
});
