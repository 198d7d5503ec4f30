import { FileChild, type IXmlableObject } from 'docx';
import type { CellTone, Inline, SpecBlock } from './spec-document';
import { oneLine, stripInvalidXml } from './xml-text';

/**
 * WordprocessingML written directly as text, for the parts of the specification that are large
 * and regular (tables of thousands of cells, long code listings): building them as docx objects
 * costs seconds for a system of a few hundred services, writing their XML costs milliseconds. The
 * formatting lives in named styles the document defines once (`DOCX_STYLE_IDS`), so a cell is
 * little more than its text.
 */
export const DOCX_STYLE_IDS = {
  cell: 'TableText',
  compactCell: 'TableTextCompact',
  headerCell: 'TableHeader',
  compactHeaderCell: 'TableHeaderCompact',
  code: 'SourceCode',
  codeRun: 'CodeChar',
} as const;

const HEADER_FILL = '2F5D8A';
const TONE_FILLS: Record<CellTone, string> = {
  good: 'E3F1DF',
  bad: 'F8D7D3',
  warn: 'FCEBCF',
  neutral: 'EEEEEE',
};

/** Markup the docx library places in the body as it is, among the components it writes. */
export class RawXml extends FileChild {
  constructor(private readonly xml: string) {
    super('w:raw');
  }

  /** The docx formatter writes a value that is neither text nor an object with `String()`, and an
   * element without a name as its content only: together, the markup unchanged. */
  override prepForXml(): IXmlableObject {
    const xml = this.xml;
    const markup = Object.assign(() => xml, { toString: () => xml });
    return { '': markup } as unknown as IXmlableObject;
  }
}

/** Element text: markup characters escaped, characters XML cannot carry replaced. */
function esc(text: string): string {
  return stripInvalidXml(text).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** A w:t element; spaces at its ends are kept only when it says so, which most text needs not. */
function textXml(text: string): string {
  const escaped = esc(text);
  return /^\s|\s$/.test(escaped) ? `<w:t xml:space="preserve">${escaped}</w:t>` : `<w:t>${escaped}</w:t>`;
}

function runXml(run: Inline): string {
  const props =
    (run.code ? `<w:rStyle w:val="${DOCX_STYLE_IDS.codeRun}"/>` : '') +
    (run.bold ? '<w:b/><w:bCs/>' : '') +
    (run.italic ? '<w:i/><w:iCs/>' : '');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}${textXml(run.text.replace(/[\r\n\t]+/g, ' '))}</w:r>`;
}

/** A table: column widths (twentieths of a point) in its grid, which a fixed layout keeps, so cells
 * need not repeat them; a header row that repeats on every page; rows that
 * do not split across pages; borders and cell margins set once on the table. */
export function tableXml(block: Extract<SpecBlock, { kind: 'table' }>, twips: readonly number[]): string {
  const rotate = block.rotateHeader === true;
  const cellStyle = block.compact ? DOCX_STYLE_IDS.compactCell : DOCX_STYLE_IDS.cell;
  const headerStyle = block.compact ? DOCX_STYLE_IDS.compactHeaderCell : DOCX_STYLE_IDS.headerCell;
  const border = (side: string) => `<w:${side} w:val="single" w:color="auto" w:sz="4"/>`;
  const parts: string[] = [
    '<w:tbl><w:tblPr>',
    `<w:tblW w:type="dxa" w:w="${twips.reduce((a, b) => a + b, 0)}"/>`,
    `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>`,
    '<w:tblLayout w:type="fixed"/>',
    '<w:tblCellMar><w:top w:type="dxa" w:w="30"/><w:left w:type="dxa" w:w="60"/><w:bottom w:type="dxa" w:w="30"/><w:right w:type="dxa" w:w="60"/></w:tblCellMar>',
    '</w:tblPr><w:tblGrid>',
    ...twips.map((w) => `<w:gridCol w:w="${w}"/>`),
    '</w:tblGrid>',
    `<w:tr><w:trPr><w:cantSplit/>${rotate ? '<w:trHeight w:val="2300" w:hRule="atLeast"/>' : ''}<w:tblHeader/></w:trPr>`,
  ];
  block.header.forEach((h, i) => {
    parts.push(
      `<w:tc><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${HEADER_FILL}"/>`,
      rotate && i > 0 ? '<w:textDirection w:val="btLr"/>' : '',
      `</w:tcPr><w:p><w:pPr><w:pStyle w:val="${headerStyle}"/></w:pPr>`,
      `<w:r>${textXml(oneLine(h))}</w:r></w:p></w:tc>`,
    );
  });
  parts.push('</w:tr>');
  const centred = rotate ? '<w:jc w:val="center"/>' : '';
  for (const row of block.rows) {
    parts.push('<w:tr><w:trPr><w:cantSplit/></w:trPr>');
    row.forEach((c, i) => {
      parts.push(
        '<w:tc>',
        c.tone ? `<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${TONE_FILLS[c.tone]}"/></w:tcPr>` : '',
        `<w:p><w:pPr><w:pStyle w:val="${cellStyle}"/>${i > 0 ? centred : ''}</w:pPr>`,
        c.content.map(runXml).join(''),
        '</w:p></w:tc>',
      );
    });
    parts.push('</w:tr>');
  }
  parts.push('</w:tbl>');
  return parts.join('');
}

/** A code listing as one paragraph in the source-code style, a line break between its lines. */
export function codeXml(text: string): string {
  const lines = stripInvalidXml(text).replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const body = lines
    .map((line) => `<w:t xml:space="preserve">${esc(line.replace(/\t/g, '    '))}</w:t>`)
    .join('<w:br/>');
  return `<w:p><w:pPr><w:pStyle w:val="${DOCX_STYLE_IDS.code}"/></w:pPr><w:r>${body}</w:r></w:p>`;
}
