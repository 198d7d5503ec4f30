// The small XML reader: what it reads, and what it refuses (never by throwing).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importAdtoolXml } from '../../../../models/attack/exchange/adtool-import';
import { childElements, readXml, textOf } from '../../../../models/attack/exchange/xml-reader';
import { SourceText } from '../../../../models/source/source-text';

const read = (text: string, limits?: Parameters<typeof readXml>[1]) =>
  readXml(new SourceText('t.xml', text), limits);
const codes = (text: string, limits?: Parameters<typeof readXml>[1]) =>
  read(text, limits).diagnostics.map((d) => d.code);

describe('readXml reads', () => {
  const { root } = read(
    '\uFEFF<?xml version="1.0"?>\n<!-- c --><a x="1" y=\'&lt;2&gt;\'><b>t &amp; &#65;&#x42;</b><![CDATA[<raw>]]><c/></a>\n',
  );
  it.each([
    ['the root name', root!.name, 'a'],
    [
      'attributes with entities',
      [...root!.attributes],
      [
        ['x', '1'],
        ['y', '<2>'],
      ],
    ],
    ['text with entity and character references', textOf(childElements(root!, 'b')[0]!), 't & AB'],
    ['CDATA as text', textOf(root!), '<raw>'],
    ['empty elements', childElements(root!, 'c').length, 1],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });
});

describe('readXml refuses', () => {
  it.each([
    ['a DOCTYPE', '<!DOCTYPE a><a/>', 'XML_DTD_FORBIDDEN'],
    ['an entity declaration', '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', 'XML_DTD_FORBIDDEN'],
    ['an undefined entity', '<a>&e;</a>', 'XML_UNKNOWN_ENTITY'],
    ['an external entity reference in an attribute', '<a x="&xxe;"/>', 'XML_UNKNOWN_ENTITY'],
    ['a bare ampersand', '<a>R&D</a>', 'XML_SYNTAX'],
    ['an illegal character reference', '<a>&#0;</a>', 'XML_SYNTAX'],
    ['a mismatched closing tag', '<a><b></a>', 'XML_MISMATCHED_TAG'],
    ['an unclosed element', '<a><b>', 'XML_UNCLOSED'],
    ['an unclosed start tag', '<a', 'XML_UNCLOSED'],
    ['two roots', '<a/><b/>', 'XML_SYNTAX'],
    ['text outside the root', 'hello <a/>', 'XML_SYNTAX'],
    ['an empty file', '', 'XML_SYNTAX'],
    ['a duplicate attribute', '<a x="1" x="2"/>', 'XML_DUPLICATE_ATTRIBUTE'],
    ['an unquoted attribute', '<a x=1/>', 'XML_SYNTAX'],
    ['"<" in an attribute', '<a x="<"/>', 'XML_SYNTAX'],
  ])('%s', (_name, text, code) => {
    expect(codes(text)).toEqual([code]);
  });

  it('deep nesting, at the depth limit', () => {
    const depth = 10_000;
    const text =
      '<adtree>' + '<node refinement="disjunctive">'.repeat(depth) + '</node>'.repeat(depth) + '</adtree>';
    expect(importAdtoolXml(text).diagnostics.map((d) => d.code)).toEqual(['XML_TOO_DEEP']);
  });

  it('huge input, before reading it', () => {
    const text = '<adtree>' + ' '.repeat(9 * 1024 * 1024) + '</adtree>';
    const started = Date.now();
    expect([importAdtoolXml(text).diagnostics[0]!.code, Date.now() - started < 1000]).toEqual([
      'XML_TOO_LARGE',
      true,
    ]);
  });

  it('too many elements', () => {
    expect(
      codes('<a>' + '<b/>'.repeat(20) + '</a>', { maxChars: 1e6, maxDepth: 10, maxElements: 10 }),
    ).toEqual(['XML_TOO_MANY_ELEMENTS']);
  });

  it('with the position of the problem', () => {
    const d = read('<a>\n  <b x="1">\n  </c>\n</a>').diagnostics[0]!;
    expect([d.line, d.column, d.excerpt]).toEqual([3, 3, '</c>']);
  });
});

describe('never throws on hostile input', () => {
  const valid =
    '<?xml version="1.0"?><adtree><node refinement="conjunctive" switchRole="yes"><label>a &amp; b</label>' +
    '<comment>rampart:{"node":{"id":"x","kind":"step"}}</comment><parameter domainId="MinCost1" category="basic">1.0</parameter>' +
    '<node refinement="disjunctive" switchRole="yes"><label>d</label><node switchRole="yes"><label>c</label></node></node>' +
    '</node><domain id="MinCost1"><class>lu.uni.adtool.domains.adtpredefined.MinCost</class></domain></adtree>';

  it('on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(() => importAdtoolXml(text)).not.toThrow();
      }),
      { numRuns: 500, seed: 1 },
    );
  });

  it('on mutations of a valid file', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: valid.length }),
        fc.nat({ max: 40 }),
        fc.string({ maxLength: 12 }),
        (at, cut, insert) => {
          const text = valid.slice(0, at) + insert + valid.slice(Math.min(valid.length, at + cut));
          expect(() => importAdtoolXml(text)).not.toThrow();
        },
      ),
      { numRuns: 1000, seed: 2 },
    );
  });

  it('on metadata of the wrong shape', () => {
    const text = valid.replace(
      '{"node":{"id":"x","kind":"step"}}',
      '{"node":{"id":7,"attributes":"cheap","holds":"maybe"}}',
    );
    expect(importAdtoolXml(text).diagnostics.map((d) => d.code)).toContain('ADTOOL_BAD_METADATA');
  });

  it('keeps __proto__ labels and ids as plain data', () => {
    const text =
      '<adtree><node refinement="disjunctive"><label>__proto__</label><comment>rampart:{"node":{"id":"__proto__","kind":"goal"}}</comment><node><label>constructor</label></node></node></adtree>';
    const result = importAdtoolXml(text);
    expect([
      result.goal,
      result.tree!.nodes.has('__proto__'),
      ({} as Record<string, unknown>).polluted,
    ]).toEqual(['__proto__', true, undefined]);
  });
});
