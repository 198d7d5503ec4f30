// ADTool's operator table (reference §1.3), operator by operator.
import { describe, expect, it } from 'vitest';
import { ADTOOL_DOMAINS, type AdtoolDomain } from '../../../../models/attack/evaluation/adtool-domains';

type Op = 'op' | 'ap' | 'oo' | 'ao' | 'cp' | 'co' | 'sand';
const x = 3;
const y = 5;
const p = 0.5;
const q = 0.2;

const numeric: [keyof typeof ADTOOL_DOMAINS, Op, number, number, number][] = [
  ['MinCost', 'op', x, y, 3],
  ['MinCost', 'ap', x, y, 8],
  ['MinCost', 'oo', x, y, 8],
  ['MinCost', 'ao', x, y, 3],
  ['MinCost', 'cp', x, y, 8],
  ['MinCost', 'co', x, y, 3],
  ['MinCost', 'sand', x, y, 8],
  ['MinTimeSeq', 'op', x, y, 3],
  ['MinTimeSeq', 'ap', x, y, 8],
  ['MinTimeSeq', 'oo', x, y, 8],
  ['MinTimeSeq', 'ao', x, y, 3],
  ['MinTimeSeq', 'cp', x, y, 8],
  ['MinTimeSeq', 'co', x, y, 3],
  ['MinTimeSeq', 'sand', x, y, 8],
  ['MinTimePar', 'op', x, y, 3],
  ['MinTimePar', 'ap', x, y, 5],
  ['MinTimePar', 'oo', x, y, 5],
  ['MinTimePar', 'ao', x, y, 3],
  ['MinTimePar', 'cp', x, y, 5],
  ['MinTimePar', 'co', x, y, 3],
  ['MinTimePar', 'sand', x, y, 8],
  ['MinSkill', 'op', x, y, 3],
  ['MinSkill', 'ap', x, y, 5],
  ['MinSkill', 'oo', x, y, 5],
  ['MinSkill', 'ao', x, y, 3],
  ['MinSkill', 'cp', x, y, 5],
  ['MinSkill', 'co', x, y, 3],
  ['MinSkill', 'sand', x, y, 5],
  ['ProbSucc', 'op', p, q, 0.6],
  ['ProbSucc', 'ap', p, q, 0.1],
  ['ProbSucc', 'oo', p, q, 0.6],
  ['ProbSucc', 'ao', p, q, 0.1],
  ['ProbSucc', 'cp', p, q, 0.4],
  ['ProbSucc', 'co', p, q, 0.4],
  ['ProbSucc', 'sand', p, q, 0.1],
];

const boolean: [Op, boolean, boolean, boolean][] = [
  ['op', true, false, true],
  ['ap', true, false, false],
  ['oo', false, true, true],
  ['ao', true, true, true],
  ['cp', true, false, true],
  ['cp', true, true, false],
  ['co', true, true, false],
  ['sand', true, false, false],
];

describe('ADTool operator table', () => {
  it.each(numeric)('%s %s(%s, %s) = %s', (domain, op, a, b, expected) => {
    const d = ADTOOL_DOMAINS[domain] as AdtoolDomain<number>;
    expect(d[op](a, b)).toBeCloseTo(expected, 12);
  });

  it.each(boolean)('SatScenario %s(%s, %s) = %s', (op, a, b, expected) => {
    expect(ADTOOL_DOMAINS.SatScenario[op](a, b)).toBe(expected);
  });

  it.each([
    ['MinCost', 'lu.uni.adtool.domains.adtpredefined.MinCost'],
    ['ProbSucc', 'lu.uni.adtool.domains.adtpredefined.ProbSucc'],
  ] as const)('%s is ADTool class %s', (domain, className) => {
    expect(ADTOOL_DOMAINS[domain].className).toBe(className);
  });

  it.each([
    ['Infinity', Infinity],
    ['12.0', 12],
    ['0.25', 0.25],
    ['1e3', 1000],
    ['twelve', undefined],
  ])('reads ADTool number %s', (text, expected) => {
    expect(ADTOOL_DOMAINS.MinCost.parse(text)).toBe(expected);
  });

  it.each([
    [Infinity, 'Infinity'],
    [12, '12.0'],
    [0.25, '0.25'],
  ])('writes %s as %s', (value, text) => {
    expect(ADTOOL_DOMAINS.MinCost.format(value)).toBe(text);
  });
});
