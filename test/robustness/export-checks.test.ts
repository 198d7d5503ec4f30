import { describe, expect, it } from 'vitest';
import {
  csvProblems,
  docxProblems,
  htmlProblems,
  loadConfigYaml,
  markdownProblems,
  parseCsv,
  svgProblems,
} from './export-checks';
import { parseXml, xmlProblem } from './well-formed-xml';

// The fuzzers pass when these checks find nothing, so each must find what it is there to find.

const SVG = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${body}</svg>`;
const HTML = (body: string) =>
  `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">\n<title>t</title>\n<style>p { color: red; }</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;

describe('the XML reader', () => {
  it.each([
    ['<a>', 'not closed'],
    ['<a></b>', 'closes'],
    ['<a x="1" x="2"/>', 'given twice'],
    ['<a x="<"/>', '< in an attribute value'],
    ['<a>&bogus;</a>', 'no entity'],
    ['<a>&#1;</a>', 'cannot hold'],
    ['<a>\u0001</a>', 'not an XML character'],
    ['<a>\ud800</a>', 'not an XML character'],
    ['<a>]]></a>', ']]>'],
    ['<p:a/>', 'not declared'],
    ['<!DOCTYPE a><a/>', 'document type'],
    ['<a/><b/>', 'after the root'],
  ])('refuses %j', (xml, why) => {
    expect(xmlProblem(xml)).toContain(why);
  });

  it('reads what the exporters write', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:d xmlns:w="urn:w"><w:t xml:space="preserve">&lt;b&gt; &#x1F600;</w:t><!-- c --><![CDATA[<x>]]></w:d>',
    );
    expect(root.children).toEqual([
      { name: 'w:t', attributes: [['xml:space', 'preserve']], children: ['<b> 😀'] },
      '<x>',
    ]);
  });
});

describe('the inertness checks', () => {
  it.each([
    ['<script>alert(1)</script>', 'element <script>'],
    ['<rect onclick="alert(1)"/>', 'event handler'],
    ['<a href="javascript:alert(1)"><text>x</text></a>', 'element <a>'],
    ['<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/></foreignObject>', 'element <foreignObject>'],
    ['<rect fill="url(https://x/y)"/>', 'external url()'],
    ['<text>&lt;script&gt;</text', 'not well-formed'],
  ])('SVG: finds %j', (body, problem) => {
    expect(svgProblems(SVG(body)).join('\n')).toContain(problem);
  });

  it('SVG: lets escaped text and data attributes through', () => {
    expect(
      svgProblems(SVG('<g data-id="javascript:x"><text>&lt;script&gt; javascript:x</text></g>')),
    ).toEqual([]);
  });

  it.each([
    ['<p><img src=x onerror="alert(1)"></p>', 'raw "<img src=x'],
    ['<p><img src="data:image/png;base64,AA==" onerror="alert(1)"></p>', 'attribute onerror'],
    ['<p>a < b</p>', 'raw "<'],
    ['<p>a & b</p>', 'raw "&'],
    ['<p><script>alert(1)</script></p>', 'a <script'],
    ['<p><a href="javascript:x">x</a></p>', 'link to javascript:x'],
    ['<div><p>x</div>', 'closes another element'],
  ])('HTML: finds %j', (body, problem) => {
    expect(htmlProblems(HTML(body)).join('\n')).toContain(problem);
  });

  it('HTML: lets escaped text through', () => {
    expect(htmlProblems(HTML('<p>&lt;img src=x&gt; &amp; &#39;</p>'))).toEqual([]);
  });

  it.each([
    ['a <img src=x onerror=alert(1)>', 'raw HTML'],
    ['[x](javascript:alert(1))', 'a link to javascript'],
    ['&lt;script&gt;', 'an entity reference'],
    ['| a | b |\n|---|---|\n| `x|y` | z |', '3 cells, the header has 2'],
    ['- item\n  ```sh\n  one\nbreak <b>\n  ```', 'ends the code block of a list item early'],
    ['```\nopen', 'an unclosed code block'],
  ])('Markdown: finds %j', (markdown, problem) => {
    expect(markdownProblems(markdown).join('\n')).toContain(problem);
  });

  it('Markdown: lets escaped text, code and table pipes through', () => {
    const markdown =
      '\\<b\\> `<b>` \\[x\\]\\(y\\) &amp;lt;\n\n| a | b |\n|---|---|\n| `x\\|y` | \\| |\n\n```\n<b>\n```';
    expect(markdownProblems(markdown)).toEqual([]);
  });

  it('CSV: finds formulas, short rows and stray quotes', () => {
    const header = ['a', 'b'];
    expect(csvProblems('\ufeffa,b\r\n=1+1,x\r\n', header, 1).join('\n')).toContain('formula');
    expect(csvProblems('\ufeffa,b\r\n" =1",x\r\n', header, 1).join('\n')).toContain('formula');
    expect(csvProblems('\ufeffa,b\r\n1\r\n', header, 1).join('\n')).toContain('1 cells');
    expect(csvProblems('\ufeffa,b\r\nx"y,1\r\n', header, 1).join('\n')).toContain('quote');
    expect(csvProblems('\ufeffa,b\r\n\'=1,"x\ny"\r\n', header, 1)).toEqual([]);
    expect(parseCsv('a,"b ""c"""\r\n')).toEqual([['a', 'b "c"']]);
  });

  it('YAML: refuses what Compose refuses', () => {
    expect(() => loadConfigYaml('a: "\u0080"\n')).toThrow(/not printable/);
    expect(() => loadConfigYaml('a: "\\ud800"\n')).toThrow(/lone surrogate/);
    expect(loadConfigYaml('a: !reset null\nb: !override [1]\n')).toEqual([{ a: null, b: [1] }]);
  });

  it('DOCX: finds a part that is not well-formed', () => {
    expect(docxProblems(new Uint8Array([1, 2, 3]))[0]).toMatch(/not a zip/);
    const good = {
      '[Content_Types].xml': '<Types xmlns="urn:t"/>',
      '_rels/.rels': '<Relationships xmlns="urn:r"/>',
      'word/document.xml': '<w:document xmlns:w="urn:w"><w:t>x</w:t></w:document>',
    };
    expect(docxProblems(zipOf(good))).toEqual([]);
    expect(docxProblems(zipOf({ ...good, 'word/document.xml': '<w:t>\u0001</w:t>' })).join('\n')).toContain(
      'word/document.xml',
    );
  });
});

/** A zip of stored entries, enough for `readZip`. */
function zipOf(parts: Record<string, string>): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(parts)) {
    const data = Buffer.from(text, 'utf8');
    const fileName = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    chunks.push(local, fileName, data);
    central.push(entry, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, directory, end]));
}
