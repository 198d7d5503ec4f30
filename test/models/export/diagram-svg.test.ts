import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { renderDiagramSvg, type DiagramInput } from '../../../models/export/diagram-svg';
import { layoutDiagram } from '../../../models/layout/layout-diagram';

const PAYLOAD = `<script>alert("x")</script> & 'q' "dq" \u0001\u0007\u001b\ud800 end`;

const input: DiagramInput = {
  boundaries: [
    { id: 'b:internet', name: 'Internet', kind: 'internet' },
    { id: 'b:host', name: `host ${PAYLOAD}`, kind: 'host' },
  ],
  elements: [
    { id: 'internet', kind: 'internet', name: 'Internet', boundary: 'b:internet' },
    { id: 'web', kind: 'service', name: PAYLOAD, boundary: 'b:host' },
    { id: 'db', kind: 'data-store', name: 'db', boundary: 'b:host' },
  ],
  flows: [
    {
      id: 'f:in',
      from: 'internet',
      to: 'web',
      protocol: 'http',
      port: 80,
      protection: 'none',
      crossesBoundary: true,
    },
    { id: 'f:in-tls', from: 'internet', to: 'web', protocol: 'http', port: 443, protection: 'tls' },
    {
      id: `f:db${PAYLOAD}`,
      from: 'web',
      to: 'db',
      protocol: `pg${PAYLOAD}`,
      port: 5432,
      protection: 'unknown',
    },
  ],
};

const layout = layoutDiagram(input);
const svg = renderDiagramSvg(input, layout, { risks: { web: { count: 3, severity: 'critical' } } });

describe('renderDiagramSvg', () => {
  it('is deterministic', () => {
    for (let i = 0; i < 5; i++)
      expect(
        renderDiagramSvg(input, layoutDiagram(input), { risks: { web: { count: 3, severity: 'critical' } } }),
      ).toBe(svg);
  });

  it('keeps user text inert: escaped markup, no control characters', () => {
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('&amp;');
    expect(svg).toContain('&quot;dq&quot;');
    expect(svg).toContain('&#39;q&#39;');
    // eslint-disable-next-line no-control-regex
    expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(svg).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('is well-formed SVG that an independent renderer draws', () => {
    const rendered = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
    expect(rendered.width).toBeGreaterThan(100);
    expect(rendered.asPng().length).toBeGreaterThan(1000);
  });

  it('draws boundaries dashed, elements in their shapes, flows with labels and protection', () => {
    expect(svg.match(/class="boundary" /g)).toHaveLength(2);
    expect(svg).toMatch(/stroke-dasharray="8 5"/);
    expect(svg.match(/class="element" /g)).toHaveLength(3);
    expect(svg.match(/class="flow" /g)).toHaveLength(3);
    expect(svg).toContain('>http:80<');
    expect(svg).toContain('>http:443<');
    expect(svg).toContain('>TLS<');
    expect(svg).toContain('>plaintext<');
    expect(svg).toContain('>protection unknown<');
  });

  it('marks plaintext and boundary-crossing flows', () => {
    expect(svg).toMatch(/data-id="f:in" data-protection="none" data-crosses-boundary="true"/);
    // Computed from the boundaries when the flow does not say: internet → host crosses.
    expect(svg).toMatch(/data-id="f:in-tls" data-protection="tls" data-crosses-boundary="true"/);
    expect(svg).not.toMatch(/data-id="f:db[^"]*" data-protection="unknown" data-crosses-boundary/);
    expect(svg).toContain('marker-end="url(#rampart-diagram-arrow-plaintext)"');
  });

  it('draws a risk badge and a legend', () => {
    expect(svg).toMatch(/class="risk" data-severity="critical"/);
    expect(svg).toContain('>3<');
    expect(svg).toContain('class="legend"');
    expect(svg).toContain('Findings, worst critical');
    expect(renderDiagramSvg(input, layout, { legend: false })).not.toContain('class="legend"');
  });

  it('uses the id prefix for its markers', () => {
    const other = renderDiagramSvg(input, layout, { idPrefix: 'two"><x' });
    expect(other).toContain('id="two---x-arrow-protected"');
    expect(other).not.toContain('"><x');
  });
});
