import { describe, expect, it } from 'vitest';
import {
  ASSUMPTION_KEYS,
  ASSUMPTIONS,
  defaultAssumptions,
  parseAssumption,
  parseAssumptionArgument,
} from '../../../../models/attack/rules/assumptions';

describe('host assumptions catalogue', () => {
  it('describes every key with a question, allowed values, a default and why', () => {
    for (const key of ASSUMPTION_KEYS) {
      const a = ASSUMPTIONS[key];
      expect(a.key).toBe(key);
      expect(a.question.endsWith('?'), key).toBe(true);
      expect(a.values, key).toContain('unknown');
      expect(a.values, key).toContain(a.default);
      expect(a.values, key).toContain(a.enablingValue);
      expect(a.enablingValue, key).not.toBe('unknown');
      expect(a.why.length, key).toBeGreaterThan(30);
      expect(a.unknownProbability, key).toBeGreaterThan(0);
      expect(a.unknownProbability, key).toBeLessThan(1);
      expect(a.sources.length, key).toBeGreaterThan(0);
    }
  });

  it('states the defaults of DESIGN §3 and the brief', () => {
    expect(defaultAssumptions()).toMatchObject({
      'kernel-patched': 'unknown',
      'cgroup-version': 'v2',
      'daemon-userns-remap': false,
      'host-mac-enabled': true,
      'unprivileged-userns-allowed': true,
      'runtime-patched': true,
      'l2-bridge-network': true,
      'imds-reachable': 'unknown',
    });
  });
});

describe('parseAssumption', () => {
  it.each([
    ['kernel-patched', 'false', false],
    ['kernel-patched', 'No', false],
    ['kernel-patched', 'yes', true],
    ['kernel-patched', 'unknown', 'unknown'],
    ['cgroup-version', 'v1', 'v1'],
    ['cgroup-version', '2', 'v2'],
    ['host-mac-enabled', ' true ', true],
  ] as const)('%s=%s', (key, text, value) => {
    expect(parseAssumption(key, text)).toEqual({ key, value });
  });

  it('rejects a value outside the allowed ones and lists them', () => {
    expect(parseAssumption('cgroup-version', 'v3')).toEqual({
      error: 'cgroup-version: "v3" is not an allowed value; expected one of v1, v2, unknown',
    });
    expect(parseAssumption('kernel-patched', 'v1')).toEqual({
      error: 'kernel-patched: "v1" is not an allowed value; expected one of true, false, unknown',
    });
  });

  it('rejects an unknown key and lists the known ones', () => {
    const result = parseAssumption('kernel-version', '5.15');
    expect('error' in result && result.error).toMatch(
      /^unknown assumption "kernel-version"; known assumptions: kernel-patched, /,
    );
  });

  it('reads KEY=VALUE as given to --assume', () => {
    expect(parseAssumptionArgument('runtime-patched=false')).toEqual({
      key: 'runtime-patched',
      value: false,
    });
    expect(parseAssumptionArgument('runtime-patched')).toEqual({
      error: '"runtime-patched" is not of the form KEY=VALUE (e.g. kernel-patched=false)',
    });
  });
});
