import { describe, expect, it } from 'vitest';
import {
  looksLikeJsonArray,
  parseJsonArray,
  processWord,
  splitWords,
  type VariableLookup,
} from '../../../../models/import/dockerfile/shell-words';

const vars: Record<string, string | null> = { NAME: 'web', EMPTY: '', UNKNOWN: null };
const lookup: VariableLookup = (name) => (name in vars ? vars[name] : undefined);

describe('splitWords', () => {
  it('splits on blanks outside quotes and keeps raw words with offsets', () => {
    expect(splitWords(`a "b c" 'd e'  f\\ g`, '\\')).toEqual({
      words: [
        { raw: 'a', offset: 0 },
        { raw: '"b c"', offset: 2 },
        { raw: "'d e'", offset: 8 },
        { raw: 'f\\ g', offset: 15 },
      ],
      unterminatedQuote: false,
    });
  });

  it('notes a quote that is never closed', () => {
    expect(splitWords('foo="bar baz', '\\')).toEqual({
      words: [{ raw: 'foo="bar baz', offset: 0 }],
      unterminatedQuote: true,
    });
  });
});

describe('processWord', () => {
  it.each([
    ['"v 2"', 'v 2'],
    ["'$NAME'", '$NAME'],
    ['a\\ b', 'a b'],
    ['"a\\"b"', 'a"b'],
    ['"c:\\app"', 'c:\\app'],
  ])('removes quotes and escapes from %s', (raw, value) => {
    expect(processWord(raw, '\\').value).toBe(value);
  });

  it('keeps references as written without a lookup', () => {
    expect(processWord('${NAME:-x}/$NAME', '\\')).toMatchObject({
      value: '${NAME:-x}/$NAME',
      hasVariables: true,
    });
  });

  it.each([
    ['$NAME', 'web', false],
    ['${NAME}', 'web', false],
    ['${MISSING:-dflt}', 'dflt', false],
    ['${EMPTY:-dflt}', 'dflt', false],
    ['${EMPTY-dflt}', '', false],
    ['${NAME:+set}', 'set', false],
    ['${MISSING:+set}', '', false],
    ['${UNKNOWN:-dflt}', 'dflt', false],
    ['$UNKNOWN', '$UNKNOWN', true],
    ['${UNKNOWN:+x}', '${UNKNOWN:+x}', true],
    ['${NAME#w}', '${NAME#w}', true],
    ['${MISSING:-${NAME}}', 'web', false],
    ['cost $5', 'cost $5', false],
  ])('expands %s to %s', (raw, value, unresolved) => {
    expect(processWord(raw, '\\', lookup)).toMatchObject({ value, unresolved });
  });

  it('does not expand inside single quotes and honours the backtick escape', () => {
    expect(processWord("'$NAME'", '\\', lookup).value).toBe('$NAME');
    expect(processWord('a`$NAME', '`', lookup).value).toBe('a$NAME');
  });

  it('stops following very deep nested defaults', () => {
    const deep = `${'${A:-'.repeat(200)}x${'}'.repeat(200)}`;
    expect(processWord(deep, '\\', lookup).unresolved).toBe(true);
  });
});

describe('exec form', () => {
  it('parses JSON arrays of strings only', () => {
    expect(parseJsonArray(' ["a", "b c"] ')).toEqual(['a', 'b c']);
    expect(parseJsonArray("['a']")).toBeUndefined();
    expect(parseJsonArray('[1, 2]')).toBeUndefined();
    expect(parseJsonArray('echo [x]')).toBeUndefined();
    expect(looksLikeJsonArray("['a', 'b']")).toBe(true);
  });
});
