import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportSpecificationText } from '../../../../cli/specification-export';
import { analyzeThreats, type ThreatAnalysis } from '../../../../models/analysis/analyze-threats';
import { buildSpecification } from '../../../../models/export/specification/build-specification';
import { renderSpecificationHtml } from '../../../../models/export/specification/render-html';
import { renderSpecificationMarkdown } from '../../../../models/export/specification/render-markdown';
import { DEFAULT_SPEC_TEMPLATE } from '../../../../models/export/specification/spec-template';

const PAYLOAD = `<script>alert(1)</script><img src=x onerror=alert(2)> & "q" 'a' [link](http://evil) | pipe \`tick\` \u0001\u001b`;

const base = analyzeThreats([
  {
    path: 'compose.yaml',
    text: readFileSync(
      join(import.meta.dirname, '../../../fixtures/specification/two-services/compose.yaml'),
      'utf8',
    ),
  },
]);

/** The analysis with the web service and its element renamed to the payload. */
function hostile(): ThreatAnalysis {
  const rename = <T extends { name: string }>(x: T): T => (x.name === 'web' ? { ...x, name: PAYLOAD } : x);
  return {
    ...base,
    bundle: { ...base.bundle, workloads: base.bundle.workloads.map(rename) },
    topology: { ...base.topology, elements: base.topology.elements.map(rename) },
  };
}

const spec = buildSpecification({
  analysis: hostile(),
  info: {
    title: `Spec ${PAYLOAD}`,
    version: `1 ${PAYLOAD}`,
    date: '2026-11-28',
    authors: [PAYLOAD],
    classification: `Secret ${PAYLOAD}`,
    organization: PAYLOAD,
  },
  description: PAYLOAD,
  decisions: [
    { id: 'd', node: 'nowhere', decision: 'plan', note: PAYLOAD, owner: PAYLOAD, at: '2026-11-01T00:00:00Z' },
  ],
  diagram: {
    svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
    png: new Uint8Array([137, 80, 78, 71]),
    width: 10,
    height: 10,
  },
  appendices: [
    {
      title: PAYLOAD,
      language: 'x"><script>',
      text: `</code></pre><script>alert(3)</script>\n\`\`\`\nbreak out`,
    },
  ],
  template: DEFAULT_SPEC_TEMPLATE,
});

describe('renderSpecificationHtml', () => {
  const html = renderSpecificationHtml(spec);

  it('is one self-contained page: no scripts, no external resources', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img[^>]+onerror/i);
    expect(html).not.toMatch(/\s(src|href)="(?!data:|#)/);
    expect(html).not.toMatch(/<link\b/);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain("default-src 'none'");
  });

  it('escapes every payload', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;');
    // eslint-disable-next-line no-control-regex
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('is balanced markup', () => {
    for (const tag of ['section', 'table', 'thead', 'tbody', 'pre', 'figure', 'ol', 'ul'])
      expect(html.split(`<${tag}`).length, tag).toBe(html.split(`</${tag}>`).length);
  });

  it('embeds images as data: URIs and shows the classification top and bottom', () => {
    expect(html).toMatch(
      /<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="Architecture diagram: /,
    );
    expect(html.match(/class="marking[^"]*">Secret &lt;script&gt;/g)).toHaveLength(2);
    expect(html.match(/<h1>/g)!.length).toBe(spec.sections.length);
  });
});

describe('renderSpecificationMarkdown', () => {
  const md = renderSpecificationMarkdown(spec);

  it('escapes user text: no raw HTML, no links, no table breaks', () => {
    // Text inside fenced code blocks is literal in Markdown; everything outside must be escaped.
    const prose = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, '');
    expect(prose).not.toMatch(/(?<!\\)<script/i);
    expect(prose).not.toMatch(/(?<!\\)<img/i);
    expect(prose).not.toContain('](http://evil)');
    expect(md).toContain('\\<script\\>');
    // eslint-disable-next-line no-control-regex
    expect(md).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    for (const line of md.split('\n').filter((l) => l.startsWith('| '))) {
      const header = line.split(/(?<!\\)\|/).length;
      expect(header).toBeGreaterThan(2);
    }
  });

  it('keeps every table row as wide as its header', () => {
    const lines = md.split('\n');
    const cells = (line: string) =>
      line.replace(/`[^`]*`/g, (code) => code.replace(/\\\|/g, '')).split(/(?<!\\)\|/).length;
    for (let i = 0; i < lines.length; i++) {
      if (!/^\|(---\|)+$/.test(lines[i]!)) continue;
      const width = cells(lines[i - 1]!);
      for (let j = i + 1; j < lines.length && lines[j]!.startsWith('| '); j++)
        expect(cells(lines[j]!), lines[j]).toBe(width);
    }
  });

  it('fences code longer than any backtick run inside', () => {
    expect(md).toMatch(/^````xscript\n<\/code><\/pre><script>alert\(3\)<\/script>\n```\nbreak out\n````$/m);
  });

  it('has one title, a contents list and a chapter per section', () => {
    expect(md.match(/^# /gm)).toHaveLength(1);
    expect(md).toContain('1. [Scope and system description](#scope-and-system-description)');
    expect(md.match(/^## /gm)!.length).toBe(spec.sections.length); // chapters + Contents
  });
});

describe('exportSpecificationText (the `rampart export --to html` writer)', () => {
  it('renders the specification with the diagram embedded, synchronously', () => {
    const html = exportSpecificationText(base, 'html', { info: { date: '2026-11-28' } });
    expect(html).toMatch(/<img src="data:image\/svg\+xml;base64,/);
    expect(html).toContain('REQ-shop-web-non-root-user');
    expect(html).not.toMatch(/<script/i);
    const md = exportSpecificationText(base, 'markdown', { info: { date: '2026-11-28' } });
    expect(md).toContain('## Hardening requirements');
    expect(md).toMatch(/!\[Architecture diagram: [^\]]+\]\(data:image\/svg\+xml;base64,/);
  });
});
