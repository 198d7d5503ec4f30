import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  ShadingType,
  TableOfContents,
  TabStopType,
  TextRun,
  type ISectionOptions,
} from 'docx';
import { codeXml, DOCX_STYLE_IDS, RawXml, tableXml } from './docx-xml';
import type { Inline, SpecBlock, SpecDocument } from './spec-document';
import { oneLine, stripInvalidXml } from './xml-text';

/** A4 in twentieths of a point, with 2 cm margins. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TWIPS_PER_PX = 15;
const BODY_FONT = 'Calibri';
const CODE_FONT = 'Consolas';
const ORDERED = 'spec-ordered';

/**
 * The specification as a Word document (Office Open XML), as bytes. Headings use Word's built-in
 * Heading 1–3 styles, so the navigation pane and the table of contents (a TOC field Word updates
 * on opening) work; table header rows repeat on every page; images carry alternative text; a
 * diagram wider than tall and the status matrix get landscape pages; every page shows the
 * classification in its header and footer, and its number. Runs in Node and in browsers: the
 * bytes come from `Packer.toArrayBuffer`, which needs neither Buffer nor Blob.
 */
export async function renderSpecificationDocx(spec: SpecDocument): Promise<Uint8Array> {
  const doc = new Document({
    creator: safe(spec.info.authors.join(', ') || spec.info.organization || 'Rampart'),
    title: safe(spec.info.title),
    description: safe(`Security specification, version ${spec.info.version}, ${spec.info.classification}`),
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: 20 }, paragraph: { spacing: { after: 100, line: 264 } } },
        title: {
          run: { font: BODY_FONT, size: 52, bold: true, color: '1F3B57' },
          paragraph: { spacing: { before: 1200, after: 240 } },
        },
        heading1: {
          run: { font: BODY_FONT, size: 34, bold: true, color: '1F3B57' },
          paragraph: { spacing: { before: 240, after: 160 }, keepNext: true },
        },
        heading2: {
          run: { font: BODY_FONT, size: 26, bold: true, color: '2F5D8A' },
          paragraph: { spacing: { before: 240, after: 100 }, keepNext: true },
        },
        heading3: {
          run: { font: BODY_FONT, size: 22, bold: true, color: '2F5D8A' },
          paragraph: { spacing: { before: 160, after: 80 }, keepNext: true },
        },
      },
      paragraphStyles: [
        {
          id: DOCX_STYLE_IDS.code,
          name: 'Source Code',
          basedOn: 'Normal',
          run: { font: CODE_FONT, size: 16 },
          paragraph: {
            spacing: { before: 60, after: 120, line: 240 },
            shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F4F5F7' },
            border: {
              top: { style: BorderStyle.SINGLE, size: 4, color: 'D0D4DA', space: 4 },
              bottom: { style: BorderStyle.SINGLE, size: 4, color: 'D0D4DA', space: 4 },
              left: { style: BorderStyle.SINGLE, size: 4, color: 'D0D4DA', space: 4 },
              right: { style: BorderStyle.SINGLE, size: 4, color: 'D0D4DA', space: 4 },
            },
          },
        },
        {
          id: DOCX_STYLE_IDS.cell,
          name: 'Table Text',
          basedOn: 'Normal',
          run: { size: 18 },
          paragraph: { spacing: { before: 0, after: 0, line: 240 } },
        },
        {
          id: DOCX_STYLE_IDS.compactCell,
          name: 'Table Text Compact',
          basedOn: DOCX_STYLE_IDS.cell,
          run: { size: 16 },
        },
        {
          id: DOCX_STYLE_IDS.headerCell,
          name: 'Table Header',
          basedOn: DOCX_STYLE_IDS.cell,
          run: { bold: true, color: 'FFFFFF' },
        },
        {
          id: DOCX_STYLE_IDS.compactHeaderCell,
          name: 'Table Header Compact',
          basedOn: DOCX_STYLE_IDS.compactCell,
          run: { bold: true, color: 'FFFFFF' },
        },
        {
          id: 'Caption',
          name: 'Caption',
          basedOn: 'Normal',
          run: { size: 18, italics: true, color: '4A4A5C' },
          paragraph: { spacing: { before: 60, after: 200 }, alignment: AlignmentType.CENTER },
        },
        {
          id: 'Subtitle',
          name: 'Subtitle',
          basedOn: 'Normal',
          run: { size: 28, color: '4A4A5C' },
          paragraph: { spacing: { after: 200 } },
        },
      ],
      characterStyles: [
        {
          id: DOCX_STYLE_IDS.codeRun,
          name: 'Code',
          basedOn: 'DefaultParagraphFont',
          run: { font: CODE_FONT },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: ORDERED,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 500, hanging: 300 } } },
            },
          ],
        },
      ],
    },
    sections: docxSections(spec),
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

interface Chunk {
  landscape: boolean;
  children: (Paragraph | RawXml | TableOfContents)[];
}

function docxSections(spec: SpecDocument): ISectionOptions[] {
  const chunks: Chunk[] = [];
  let listInstance = 0;
  const chunkFor = (landscape: boolean): Chunk => {
    const last = chunks[chunks.length - 1];
    if (last && last.landscape === landscape) return last;
    const chunk: Chunk = { landscape, children: [] };
    chunks.push(chunk);
    return chunk;
  };

  const sections = spec.sections;
  const titlePage = sections[0]?.id === 'title-page' ? sections[0] : undefined;
  if (titlePage || spec.tableOfContents) {
    const chunk = chunkFor(false);
    if (titlePage)
      chunk.children.push(...blocksToDocx(titlePage.blocks, contentWidth(false), () => ++listInstance));
    if (spec.tableOfContents) {
      if (titlePage) chunk.children.push(new Paragraph({ children: [new PageBreak()] }));
      chunk.children.push(
        new Paragraph({
          children: [new TextRun({ text: 'Contents', bold: true, size: 34, color: '1F3B57' })],
        }),
        new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
      );
    }
  }
  for (const section of sections) {
    if (section === titlePage) continue;
    const landscape = section.landscape === true;
    const previous = chunks[chunks.length - 1];
    const chunk = chunkFor(landscape);
    // Every chapter starts on a new page; a new Word section already does.
    const startsChunk = chunk !== previous || chunk.children.length === 0;
    chunk.children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: !startsChunk,
        children: [new TextRun(safe(section.title))],
      }),
    );
    chunk.children.push(...blocksToDocx(section.blocks, contentWidth(landscape), () => ++listInstance));
  }

  return chunks.map((chunk, i) => ({
    properties: {
      ...(i > 0 ? { type: SectionType.NEXT_PAGE } : {}),
      page: {
        size: chunk.landscape
          ? { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE }
          : { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
        margin: {
          top: PAGE.margin,
          bottom: PAGE.margin,
          left: PAGE.margin,
          right: PAGE.margin,
          header: 567,
          footer: 567,
        },
      },
    },
    headers: { default: pageHeader(spec, chunk.landscape) },
    footers: { default: pageFooter(spec, chunk.landscape) },
    children: chunk.children,
  }));
}

function contentWidth(landscape: boolean): number {
  return (landscape ? PAGE.height : PAGE.width) - 2 * PAGE.margin;
}

function pageHeader(spec: SpecDocument, landscape: boolean): Header {
  return new Header({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: contentWidth(landscape) }],
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: 'B0B4BA', space: 2 } },
        children: [
          new TextRun({ text: safe(oneLine(spec.info.title)), size: 16, color: '4A4A5C' }),
          new TextRun({
            text: `\t${safe(oneLine(spec.info.classification)).toUpperCase()}`,
            size: 16,
            bold: true,
            color: '7B0D0D',
          }),
        ],
      }),
    ],
  });
}

function pageFooter(spec: SpecDocument, landscape: boolean): Footer {
  const left = [spec.info.organization, `Version ${spec.info.version}`, spec.info.date]
    .filter((s) => s)
    .join(' · ');
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [
          { type: TabStopType.CENTER, position: Math.round(contentWidth(landscape) / 2) },
          { type: TabStopType.RIGHT, position: contentWidth(landscape) },
        ],
        children: [
          new TextRun({ text: safe(oneLine(left)), size: 16, color: '4A4A5C' }),
          new TextRun({
            text: `\t${safe(oneLine(spec.info.classification)).toUpperCase()}`,
            size: 16,
            bold: true,
            color: '7B0D0D',
          }),
          new TextRun({
            children: ['\tPage ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
            size: 16,
            color: '4A4A5C',
          }),
        ],
      }),
    ],
  });
}

function blocksToDocx(
  blocks: readonly SpecBlock[],
  width: number,
  nextList: () => number,
): (Paragraph | RawXml)[] {
  const out: (Paragraph | RawXml)[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(
          new Paragraph({
            heading: block.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
            children: [new TextRun(safe(oneLine(block.text)))],
          }),
        );
        break;
      case 'paragraph':
        out.push(
          new Paragraph({
            ...(block.style === 'title' ? { heading: HeadingLevel.TITLE } : {}),
            ...(block.style === 'subtitle' ? { style: 'Subtitle' } : {}),
            children: runs(block.content, block.style === 'note' ? { italics: true, color: '4A4A5C' } : {}),
          }),
        );
        break;
      case 'list': {
        const instance = block.ordered ? nextList() : 0;
        for (const item of block.items)
          out.push(
            new Paragraph({
              ...(block.ordered
                ? { numbering: { reference: ORDERED, level: 0, instance } }
                : { bullet: { level: 0 } }),
              children: runs(item),
            }),
          );
        break;
      }
      case 'table':
        out.push(tableToDocx(block, width));
        out.push(new Paragraph({ spacing: { after: 60 }, children: [] }));
        break;
      case 'image': {
        const image = imageRun(block, width);
        if (!image) {
          out.push(new Paragraph({ children: runs([{ text: `[${block.alt}]`, italic: true }]) }));
          break;
        }
        out.push(
          new Paragraph({ alignment: AlignmentType.CENTER, keepNext: !!block.caption, children: [image] }),
        );
        if (block.caption)
          out.push(new Paragraph({ style: 'Caption', children: [new TextRun(safe(block.caption))] }));
        break;
      }
      case 'code':
        out.push(new RawXml(codeXml(block.text)));
        break;
      case 'page-break':
        out.push(new Paragraph({ children: [new PageBreak()] }));
        break;
    }
  }
  return out;
}

function runs(
  content: readonly Inline[],
  base: { italics?: boolean; color?: string; size?: number } = {},
): TextRun[] {
  return content.map(
    (run) =>
      new TextRun({
        text: safe(run.text.replace(/[\r\n\t]+/g, ' ')),
        ...base,
        ...(run.bold ? { bold: true } : {}),
        ...(run.italic ? { italics: true } : {}),
        ...(run.code ? { font: CODE_FONT, size: (base.size ?? 20) - 2 } : {}),
      }),
  );
}

function tableToDocx(block: Extract<SpecBlock, { kind: 'table' }>, width: number): RawXml {
  const columns = block.header.length;
  const percents =
    block.widths && block.widths.length === columns
      ? block.widths
      : block.rotateHeader
        ? [22, ...Array.from({ length: columns - 1 }, () => 78 / (columns - 1))]
        : Array.from({ length: columns }, () => 100 / columns);
  const total = percents.reduce((a, b) => a + b, 0);
  return new RawXml(
    tableXml(
      block,
      percents.map((p) => Math.floor((width * p) / total)),
    ),
  );
}

function imageRun(block: Extract<SpecBlock, { kind: 'image' }>, width: number): ImageRun | undefined {
  if (!block.png) return undefined;
  // Fit the page: the body width, and a height that leaves room for the caption.
  const maxW = width / TWIPS_PER_PX;
  const maxH =
    (width > PAGE.width ? PAGE.width - 2 * PAGE.margin - 1400 : PAGE.height - 2 * PAGE.margin - 2400) /
    TWIPS_PER_PX;
  const scale = Math.min(1, maxW / block.width, maxH / block.height);
  const transformation = { width: Math.round(block.width * scale), height: Math.round(block.height * scale) };
  const altText = {
    name: safe(block.alt.slice(0, 60)),
    title: safe(block.caption ?? block.alt),
    description: safe(block.alt),
  };
  if (block.svg)
    return new ImageRun({
      type: 'svg',
      data: new TextEncoder().encode(block.svg),
      fallback: { type: 'png', data: block.png },
      transformation,
      altText,
    });
  return new ImageRun({ type: sniffRaster(block.png), data: block.png, transformation, altText });
}

function sniffRaster(data: Uint8Array): 'png' | 'jpg' {
  return data[0] === 0xff && data[1] === 0xd8 ? 'jpg' : 'png';
}

/** Text Word can store: characters XML 1.0 forbids replaced. The docx library escapes markup. */
function safe(value: string): string {
  return stripInvalidXml(value);
}
