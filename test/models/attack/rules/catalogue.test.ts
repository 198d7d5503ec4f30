import { describe, expect, it } from 'vitest';
import { ASSUMPTIONS, isAssumptionKey } from '../../../../models/attack/rules/assumptions';
import { ATTACK_RULES, ruleById } from '../../../../models/attack/rules/catalogue';
import type { AttackRule, Precondition } from '../../../../models/attack/rules/rule';
import { CONDITION_IDS } from '../../../../models/conditions/condition-ids';
import { MITIGATION_IDS } from '../../../../models/mitigations/mitigation-ids';

const REFERENCE_IDS = Array.from({ length: 31 }, (_, i) => `R${String(i + 1).padStart(2, '0')}`);

/** Every leaf of a precondition, with whether it sits under a `not`. */
function leaves(pre: Precondition, negated = false): { leaf: Precondition; negated: boolean }[] {
  if ('all' in pre) return pre.all.flatMap((part) => leaves(part, negated));
  if ('any' in pre) return pre.any.flatMap((part) => leaves(part, negated));
  if ('not' in pre) return leaves(pre.not, true);
  return [{ leaf: pre, negated }];
}

function allPreconditions(rule: AttackRule): Precondition[] {
  const unlesses = [...rule.blockedBy, ...rule.partiallyBlockedBy].flatMap((entry) =>
    entry.unless ? [entry.unless] : [],
  );
  return [rule.requires, ...unlesses];
}

function mitigationIdsOf(rule: AttackRule): string[] {
  return [
    ...rule.blockedBy.flatMap((e) => [e.mitigation, ...(e.combinedWith ?? [])]),
    ...rule.partiallyBlockedBy.flatMap((e) => [e.mitigation, ...(e.combinedWith ?? [])]),
    ...rule.ineffective.map((e) => e.mitigation),
  ];
}

describe('attack rule catalogue', () => {
  it('has every rule R01–R31 of attack-trees.md §4.2', () => {
    for (const id of REFERENCE_IDS) expect(ruleById(id), id).toBeDefined();
  });

  it('is sorted by rule number, without duplicates', () => {
    const numbers = ATTACK_RULES.map((rule) => Number(rule.id.slice(1)));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const rule of ATTACK_RULES) expect(rule.id).toMatch(/^R\d{2,}$/);
  });

  it('marks the rules beyond R31 as Rampart analysis and the others as reference', () => {
    for (const rule of ATTACK_RULES) {
      expect(rule.origin, rule.id).toBe(REFERENCE_IDS.includes(rule.id) ? 'reference' : 'rampart-analysis');
    }
  });

  it('gives each rule a title, a one-paragraph description and sources', () => {
    for (const rule of ATTACK_RULES) {
      expect(rule.title.length, rule.id).toBeGreaterThan(10);
      expect(rule.description.length, rule.id).toBeGreaterThan(150);
      expect(rule.description, rule.id).not.toMatch(/\n/);
      expect(rule.sources.length, rule.id).toBeGreaterThan(0);
    }
  });

  it('uses well-formed ATT&CK, Microsoft matrix and CVE ids', () => {
    for (const rule of ATTACK_RULES) {
      for (const t of rule.attack.techniques) expect(t, rule.id).toMatch(/^T\d{4}(\.\d{3})?$/);
      for (const t of rule.attack.microsoft) expect(t, rule.id).toMatch(/^MS-TA9\d{3}$/);
      for (const cve of rule.cves) expect(cve, rule.id).toMatch(/^CVE-\d{4}-\d{4,}$/);
    }
  });

  it('carries the CVE ids of §4.2', () => {
    const cves = (id: string) => ruleById(id)!.cves;
    expect(cves('R03')).toEqual(['CVE-2022-0492']);
    expect(cves('R11')).toEqual(['CVE-2022-0811']);
    expect(cves('R14')).toEqual(['CVE-2020-10749', 'CVE-2020-13401']);
    expect(cves('R15')).toEqual(['CVE-2022-0185']);
    expect(cves('R16')).toEqual(['CVE-2022-0847']);
    expect(cves('R17')).toEqual(['CVE-2022-1015', 'CVE-2024-1086']);
    expect(cves('R18')).toEqual(['CVE-2019-5736']);
    expect(cves('R19')).toEqual(['CVE-2024-21626']);
  });

  it('refers only to known condition ids, assumptions and assumption values', () => {
    const conditions = new Set<string>(CONDITION_IDS);
    for (const rule of ATTACK_RULES) {
      for (const pre of allPreconditions(rule)) {
        for (const { leaf } of leaves(pre)) {
          if ('condition' in leaf)
            expect(conditions.has(leaf.condition), `${rule.id} ${leaf.condition}`).toBe(true);
          if ('assumption' in leaf) {
            expect(isAssumptionKey(leaf.assumption), `${rule.id} ${leaf.assumption}`).toBe(true);
            expect(ASSUMPTIONS[leaf.assumption].values, rule.id).toContain(leaf.is);
            expect(leaf.is, rule.id).not.toBe('unknown');
          }
        }
      }
    }
  });

  it('never puts an assumption under `not` (an unknown value would be both possible and impossible)', () => {
    for (const rule of ATTACK_RULES) {
      for (const pre of allPreconditions(rule)) {
        for (const { leaf, negated } of leaves(pre))
          if (negated) expect('assumption' in leaf, rule.id).toBe(false);
      }
    }
  });

  it('refers only to known mitigation ids', () => {
    const known = new Set<string>(MITIGATION_IDS);
    for (const rule of ATTACK_RULES)
      for (const id of mitigationIdsOf(rule)) expect(known.has(id), `${rule.id} ${id}`).toBe(true);
  });

  it('lists a mitigation at most once per effect, and never as both effective and ineffective', () => {
    for (const rule of ATTACK_RULES) {
      const blocking = rule.blockedBy.map((e) => e.mitigation);
      const partial = rule.partiallyBlockedBy.map((e) => e.mitigation);
      const ineffective = rule.ineffective.map((e) => e.mitigation);
      expect(new Set(blocking).size, rule.id).toBe(blocking.length);
      expect(new Set(partial).size, rule.id).toBe(partial.length);
      expect(new Set(ineffective).size, rule.id).toBe(ineffective.length);
      for (const id of ineffective) expect([...blocking, ...partial], `${rule.id} ${id}`).not.toContain(id);
      // Blocking and partial together only where the blocking entry has an `unless`.
      for (const entry of rule.blockedBy) {
        if (partial.includes(entry.mitigation))
          expect(entry.unless, `${rule.id} ${entry.mitigation}`).toBeDefined();
      }
    }
  });

  it('uses combinedWith only with an unless, and gives every ineffective entry a reason', () => {
    for (const rule of ATTACK_RULES) {
      for (const entry of [...rule.blockedBy, ...rule.partiallyBlockedBy]) {
        if (entry.combinedWith) expect(entry.unless, `${rule.id} ${entry.mitigation}`).toBeDefined();
      }
      for (const entry of rule.ineffective)
        expect(entry.reason.length, `${rule.id} ${entry.mitigation}`).toBeGreaterThan(15);
    }
  });

  it('keeps default attributes on their documented scales', () => {
    for (const rule of ATTACK_RULES) {
      const { cost, time, skill, probability } = rule.defaults;
      expect(cost, rule.id).toBeGreaterThanOrEqual(0);
      expect(time, rule.id).toBeGreaterThanOrEqual(0);
      expect([1, 2, 3, 4, 5], rule.id).toContain(skill);
      expect(probability, rule.id).toBeGreaterThan(0);
      expect(probability, rule.id).toBeLessThanOrEqual(1);
    }
  });

  it('attaches at least one mitigation kind to every step', () => {
    for (const rule of ATTACK_RULES) {
      expect(rule.blockedBy.length + rule.partiallyBlockedBy.length, rule.id).toBeGreaterThan(0);
    }
  });
});
