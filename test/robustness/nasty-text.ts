import fc from 'fast-check';

/** Payloads the injection tests plant in configs and typed text, and then look for by name in
 * every view and export. */
export const IMG = '<img src=x onerror="window.__pwned=1">';
export const SVG = '<svg onload=window.__pwned=1>';
export const SCRIPT = '<script>window.__pwned=1</script>';
export const JS_URL = 'javascript:window.__pwned=1';
export const FORMULA = "=cmd|' /C calc'!A0";
export const MD_LINK = '[x](javascript:alert(1))';

/**
 * Text a hostile or careless config can carry into every export: markup and script, spreadsheet
 * formulas, Markdown syntax, characters XML cannot hold, bidirectional overrides, and text long
 * enough to stress wrapping and layout.
 */
export const NASTY_STRINGS: readonly string[] = [
  SCRIPT,
  IMG,
  SVG,
  '</text><script>alert(1)</script><text>',
  '"><iframe src="javascript:alert(1)">',
  "' onmouseover='alert(1)",
  JS_URL,
  MD_LINK,
  '![x](https://example.invalid/x.png)',
  '<https://example.invalid>',
  ']]>',
  '<![CDATA[x]]>',
  '<!-- comment -->',
  '<?xml version="1.0"?>',
  '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
  '&amp; &lt; &#60; &#x3C; &nbsp; &bogus;',
  FORMULA,
  '=HYPERLINK("https://example.invalid","x")',
  '+1+2',
  '-2+3',
  '@SUM(1+1)',
  '\t=1+1',
  '\r=1+1',
  ' =1',
  '\u3000=1',
  '\uff1d1+1',
  '| a | b |',
  '# heading',
  '```js\nalert(1)\n```',
  '`code` ``two``',
  '\\|',
  '*em* _em_ ~~del~~',
  '1. item',
  '- item',
  '> quote',
  '\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008',
  '\u000b\u000c\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015',
  '\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f',
  'c1\u0080\u0081\u0085\u009b\u009f',
  'a\u0000b',
  'line\nbreak',
  'cr\rlf\r\n',
  '\ud800',
  '\udfff lone low',
  'x\ud83dy',
  '\ufffe\uffff',
  '\ufeffbom',
  '\u202eevil\u202c',
  'עברית العربية',
  '\u2028\u2029\u0085',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'Z̷̢̛a̸̧l̵g̴o̶',
  '${process.exit(1)}',
  '{{ .Values.x }}',
  '__proto__',
  'constructor',
  '%s%n%x',
  '..\\..\\windows',
  '../../etc/passwd',
  '*alias',
  '&anchor',
  '!!js/function "x"',
  '---',
  'null',
  '',
  ' ',
];

/** Any UTF-16 code unit, lone surrogates and C0 controls included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** One hostile fragment, or a random one made of any code units. */
const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

/** User text as it reaches the exports: a few fragments run together, now and then repeated into a
 * string of thousands of characters. */
export function nastyText(): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.array(fragment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('')),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fragment, fc.integer({ min: 200, max: 2000 }))
        .map(([part, times]) => (part || 'x').repeat(times).slice(0, 6000)),
    },
  );
}

/** Nasty text that still reads as a name: never empty, so that it names something. */
export function nastyName(): fc.Arbitrary<string> {
  return nastyText().map((text) => (text.trim() === '' ? `${text}x` : text));
}
