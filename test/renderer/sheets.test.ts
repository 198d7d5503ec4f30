import { describe, expect, it } from 'vitest';
import { sheetSplitter } from '../../renderer/diagram/sheets';

const items = (...ids: string[]) => ids.map((id) => ({ id }));

describe('sheetSplitter', () => {
  it.each([
    ['no items', [], []],
    ['fewer items than a sheet holds', ['a', 'b'], [['a', 'b']]],
    [
      'items in order, the last sheet partly filled',
      ['a', 'b', 'c', 'd', 'e'],
      [
        ['a', 'b', 'c'],
        ['d', 'e'],
      ],
    ],
  ])('splits %s', (_, ids, expected) => {
    const split = sheetSplitter<{ id: string }>(3);
    expect(split(items(...ids)).map((sheet) => sheet.map((item) => item.id))).toEqual(expected);
  });

  it('gives back the same sheet while its items are the same objects', () => {
    const split = sheetSplitter<{ id: string }>(2);
    const list = items('a', 'b', 'c', 'd', 'e');
    const before = split(list);
    const after = split([list[0]!, list[1]!, { id: 'c' }, list[3]!, list[4]!]);
    expect(after.map((sheet, i) => sheet === before[i])).toEqual([true, false, true]);
  });

  it('makes a new sheet when its items shift', () => {
    const split = sheetSplitter<{ id: string }>(2);
    const list = items('a', 'b', 'c', 'd');
    const before = split(list);
    const after = split(list.slice(1));
    expect(after.map((sheet, i) => sheet === before[i])).toEqual([false, false]);
  });
});
