import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../../../models/import/compose/dotenv';

const none = () => undefined;

describe('parseDotenv', () => {
  it('reads the forms compose accepts, with line numbers', () => {
    const text = [
      '# comment',
      'PLAIN=value',
      'export EXPORTED=yes',
      'SPACED = padded value   # comment',
      "SINGLE='no $EXPANSION # here'",
      'DOUBLE="tab\\tand ${PLAIN}"',
      'COLON: yaml style',
      'EMPTY=',
      'BARE',
      'HASH=a#b',
      '',
      'MULTI="one',
      'two"',
      'AFTER=1',
    ].join('\n');
    const { entries, issues } = parseDotenv(text, none);
    expect(issues).toEqual([]);
    expect(entries.map((e) => [e.name, e.value, e.line, e.substituted])).toEqual([
      ['PLAIN', 'value', 2, false],
      ['EXPORTED', 'yes', 3, false],
      ['SPACED', 'padded value', 4, false],
      ['SINGLE', 'no $EXPANSION # here', 5, false],
      ['DOUBLE', 'tab\tand value', 6, true],
      ['COLON', 'yaml style', 7, false],
      ['EMPTY', '', 8, false],
      ['BARE', undefined, 9, false],
      ['HASH', 'a#b', 10, false],
      ['MULTI', 'one\ntwo', 12, false],
      ['AFTER', '1', 14, false],
    ]);
  });

  it('interpolates with earlier entries first, then the outer lookup', () => {
    const { entries } = parseDotenv('A=1\nB=${A}-${OUTER}\nC="\\$A"', (n) =>
      n === 'OUTER' ? 'o' : undefined,
    );
    expect(entries.map((e) => e.value)).toEqual(['1', '1-o', '$A']);
  });

  it('reports lines it cannot read and keeps going', () => {
    const { entries, issues } = parseDotenv('GOOD=1\nnot a pair\nQ="open\nNEXT=2', none);
    expect(issues.map((i) => [i.kind, i.line])).toEqual([
      ['syntax', 2],
      ['syntax', 3],
    ]);
    expect(entries.map((e) => e.name)).toEqual(['GOOD', 'NEXT']);
  });

  it('handles CRLF line ends', () => {
    const { entries } = parseDotenv('A=1\r\nB=2\r\n', none);
    expect(entries.map((e) => [e.name, e.value, e.line])).toEqual([
      ['A', '1', 1],
      ['B', '2', 2],
    ]);
  });
});
