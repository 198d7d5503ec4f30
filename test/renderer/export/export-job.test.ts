import { describe, expect, it } from 'vitest';
import { deriveModel } from '../../../models/model/derive-model';
import { diagramOf, hardenedBundle, renderExport, type ExportJob } from '../../../renderer/export/export-job';
import { FILE_EXPORTS, type FileExportKind } from '../../../renderer/export/export-kinds';
import { rasterScale } from '../../../renderer/export/raster-scale';
import { smallModel } from './fixtures';

const { model, layout } = smallModel();
const derived = deriveModel(model);
const info = {
  title: 'Container security specification: Small shop',
  version: '2.1',
  date: '2026-11-28',
  authors: ['Ada Lovelace', 'Alan Turing'],
  classification: 'Confidential',
  organization: 'Example Corp',
};
const job = (kind: FileExportKind, extra: Partial<ExportJob> = {}): ExportJob => ({
  kind,
  model,
  layout,
  info,
  tool: { name: 'rampart', version: '0.1.0' },
  ...extra,
});
const text = (data: string | Uint8Array) =>
  typeof data === 'string' ? data : new TextDecoder().decode(data);

describe('export assembly', () => {
  it('renders every file export of a model', async () => {
    for (const kind of FILE_EXPORTS) {
      const output = await renderExport(job(kind), derived);
      expect(output.data.length, kind).toBeGreaterThan(100);
      expect(output.mimeType, kind).toMatch(/\//);
    }
  });

  it('writes SARIF 2.1.0 and the analysis JSON with the trees', async () => {
    const sarif = JSON.parse(text((await renderExport(job('sarif'), derived)).data)) as {
      version: string;
      runs: { results: unknown[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.length).toBe(derived.analysis.findings.length);
    const json = JSON.parse(text((await renderExport(job('json'), derived)).data)) as {
      schemaVersion: number;
      trees: unknown[];
      tool: { version: string };
    };
    expect(json.schemaVersion).toBe(1);
    expect(json.tool.version).toBe('0.1.0');
    expect(json.trees.length).toBeGreaterThan(0);
  });

  it('writes the findings CSV with a header row', async () => {
    const csv = text((await renderExport(job('csv'), derived)).data);
    expect(csv.split('\r\n').length).toBe(derived.analysis.findings.length + 2);
  });

  it('puts the document control on the specification', async () => {
    const markdown = text((await renderExport(job('markdown'), derived)).data);
    for (const value of [info.title, '2.1', 'Ada Lovelace', 'Confidential', 'Example Corp'])
      expect(markdown).toContain(value);
    const html = text((await renderExport(job('html'), derived)).data);
    expect(html).toContain('data:image/svg+xml;base64');
    expect(html).toContain('Example Corp');
  });

  it('embeds the PNG in the .docx when given, a zip either way', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const without = (await renderExport(job('docx'), derived)).data as Uint8Array;
    expect([...without.slice(0, 2)]).toEqual([0x50, 0x4b]);
    expect(text(without)).toContain('word/document.xml');
    const diagram = diagramOf(derived.analysis, layout);
    expect(diagram.svg).toMatch(/^<svg/);
    expect(diagram.width).toBeGreaterThan(100);
    const withPng = (await renderExport(job('docx', { png }), derived)).data as Uint8Array;
    expect(text(withPng)).toMatch(/word\/media\/[^"]*\.png/);
  });

  it('draws the Threat Dragon diagram where the user placed the boxes', async () => {
    const web = model.elements.find((e) => e.name === 'web')!;
    const moved = { positions: { ...layout.positions, [web.id]: { x: 1234, y: 567 } } };
    const td = JSON.parse(
      text((await renderExport(job('threat-dragon', { layout: moved }), derived)).data),
    ) as {
      summary: { title: string };
      detail: { diagrams: { cells: { position?: { x: number; y: number }; data?: { name?: string } }[] }[] };
    };
    expect(td.summary.title).toBe('Small shop');
    const cell = td.detail.diagrams[0]!.cells.find((c) => c.data?.name === 'web');
    expect(cell?.position).toMatchObject({ x: 1234, y: 567 });
  });

  it('bundles the hardened configs as one Markdown document and keeps the files', async () => {
    const output = await renderExport(job('harden'), derived);
    expect(output.files?.map((f) => f.path)).toContain('SUMMARY.md');
    const bundle = text(output.data);
    for (const file of output.files!)
      if (file.path !== 'SUMMARY.md') expect(bundle).toContain(`## ${file.path}`);
    expect(bundle).toContain('privileged');
  });

  it('fences file text that itself contains backticks', () => {
    const bundle = hardenedBundle('T', [{ path: 'a.yml', text: 'x: "```"\n' }]);
    expect(bundle).toContain('````yaml\nx: "```"\n````');
  });

  it('writes the model name into the hardened bundle as text, never as HTML', async () => {
    const named = { ...model, name: '<img src=x onerror="alert(1)"> [x](javascript:alert(1))' };
    const bundle = text((await renderExport(job('harden', { model: named }), derived)).data);
    const title = bundle.split('\n')[0]!;
    // Every markup character the name brings is escaped: no tag, link or image can start.
    expect(title).not.toMatch(/(?<!\\)[<>[\]()]/);
    expect(title).toContain('\\<img src=x onerror="alert\\(1\\)"\\>');
  });

  it('rasterizes diagrams at least at their own size and about 2400 px across', () => {
    expect(rasterScale(800, 600)).toBe(3);
    expect(rasterScale(1200, 600)).toBe(2);
    expect(rasterScale(4000, 1000)).toBe(1);
    expect(rasterScale(20000, 100)).toBeLessThan(1);
  });
});
