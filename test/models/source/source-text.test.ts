import { describe, expect, it } from 'vitest';
import { SourceText } from '../../../models/source/source-text';

/** Line and column by walking the text from the start. */
function walk(text: string, offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let column = 1;
  for (let i = 0; i < clamped; i++) {
    if (text[i] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}

describe('SourceText.position', () => {
  const text = 'a: 1\n\nbb: [2, 3]\r\n  c: x\n';
  const offsets = [...Array(text.length + 3).keys()].map((i) => i - 1);

  it('answers forward, backward and repeated lookups alike', () => {
    const source = new SourceText('f.yml', text);
    const order = [...offsets, ...[...offsets].reverse(), 7, 7, 0, 20, 3, text.length, 12];
    for (const offset of order) expect(source.position(offset)).toEqual(walk(text, offset));
  });

  it('handles a text without line breaks', () => {
    const source = new SourceText('f.yml', 'abc');
    expect([0, 3, 1, 99].map((o) => source.position(o))).toEqual([0, 3, 1, 99].map((o) => walk('abc', o)));
  });
});
