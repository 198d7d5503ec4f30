import { base64 } from './base64';
import type { Inline, SpecBlock, SpecDocument } from './spec-document';
import { oneLine, stripInvalidXml, xmlText } from './xml-text';

const STYLE = `
@page { size: A4; margin: 2cm; }
body { font: 10.5pt/1.45 Calibri, 'Segoe UI', 'DejaVu Sans', Arial, sans-serif; color: #1e1e28; margin: 0 auto; max-width: 60rem; padding: 0 1.5rem 3rem; }
.marking { text-align: center; font-weight: bold; color: #7b0d0d; letter-spacing: .08em; text-transform: uppercase; border-bottom: 1px solid #b0b4ba; padding: .4rem 0; }
.marking.bottom { border-bottom: none; border-top: 1px solid #b0b4ba; margin-top: 3rem; }
h1 { color: #1f3b57; font-size: 1.7rem; margin: 2.5rem 0 .8rem; border-bottom: 2px solid #2f5d8a; padding-bottom: .2rem; }
h2 { color: #2f5d8a; font-size: 1.3rem; margin: 1.8rem 0 .5rem; }
h3 { color: #2f5d8a; font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
.title-page { margin: 4rem 0 3rem; }
.title-page .title { font-size: 2.4rem; font-weight: bold; color: #1f3b57; margin: .5rem 0 1rem; }
.subtitle { font-size: 1.3rem; color: #4a4a5c; }
.note { font-style: italic; color: #4a4a5c; }
.logo { max-width: 14rem; max-height: 6rem; }
nav ol { columns: 2; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1.2rem; font-size: .92em; }
table.compact { font-size: .82em; }
th { background: #2f5d8a; color: #fff; text-align: left; padding: .3rem .4rem; vertical-align: bottom; }
th.rotated { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; text-align: left; padding: .4rem .2rem; }
td { border: 1px solid #d0d4da; padding: .25rem .4rem; vertical-align: top; overflow-wrap: anywhere; }
td.good { background: #e3f1df; } td.bad { background: #f8d7d3; } td.warn { background: #fcebcf; } td.neutral { background: #eeeeee; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
code, pre { font-family: Consolas, 'DejaVu Sans Mono', monospace; font-size: .9em; }
pre { background: #f4f5f7; border: 1px solid #d0d4da; padding: .6rem; overflow-x: auto; white-space: pre; }
figure { margin: 1rem 0; text-align: center; }
figure img { max-width: 100%; height: auto; }
figcaption { font-style: italic; color: #4a4a5c; font-size: .9em; }
section.chapter { page-break-before: always; }
@media print { body { max-width: none; padding: 0; } nav { page-break-after: always; } }
`;

/**
 * The specification as one self-contained HTML file: inline CSS, no scripts, no external
 * resources (images are data: URIs), every user string escaped. Prints well: the classification
 * at the top and bottom, chapters on new pages, table headers repeated on each page.
 */
export function renderSpecificationHtml(spec: SpecDocument): string {
  const info = spec.info;
  const marking = xmlText(oneLine(info.classification));
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Nothing in the page may run or load: a CSP that allows only the inline style and data: images.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${xmlText(oneLine(info.title))}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<div class="marking">${marking}</div>`,
  ];
  const titlePage = spec.sections[0]?.id === 'title-page' ? spec.sections[0] : undefined;
  if (titlePage) out.push('<header class="title-page">', ...blocks(titlePage.blocks), '</header>');
  const chapters = spec.sections.filter((s) => s !== titlePage);
  if (spec.tableOfContents && chapters.length > 0) {
    out.push('<nav><h1>Contents</h1><ol>');
    for (const s of chapters) out.push(`<li><a href="#${s.id}">${xmlText(s.title)}</a></li>`);
    out.push('</ol></nav>');
  }
  for (const section of chapters) {
    out.push(`<section class="chapter" id="${section.id}">`, `<h1>${xmlText(oneLine(section.title))}</h1>`);
    out.push(...blocks(section.blocks), '</section>');
  }
  out.push(`<div class="marking bottom">${marking}</div>`, '</body>', '</html>', '');
  return out.join('\n');
}

function blocks(list: readonly SpecBlock[]): string[] {
  const out: string[] = [];
  for (const block of list) {
    switch (block.kind) {
      case 'heading':
        out.push(`<h${block.level}>${xmlText(oneLine(block.text))}</h${block.level}>`);
        break;
      case 'paragraph': {
        const cls = block.style ? ` class="${block.style}"` : '';
        out.push(`<p${cls}>${inline(block.content)}</p>`);
        break;
      }
      case 'list': {
        const tag = block.ordered ? 'ol' : 'ul';
        out.push(`<${tag}>${block.items.map((item) => `<li>${inline(item)}</li>`).join('')}</${tag}>`);
        break;
      }
      case 'table': {
        const cls = block.compact ? ' class="compact"' : '';
        out.push(`<table${cls}>`);
        if (block.caption) out.push(`<caption>${xmlText(block.caption)}</caption>`);
        if (block.widths && block.widths.length === block.header.length)
          out.push(
            `<colgroup>${block.widths.map((w) => `<col style="width: ${Math.round(w * 10) / 10}%">`).join('')}</colgroup>`,
          );
        out.push(
          `<thead><tr>${block.header
            .map(
              (h, i) =>
                `<th${block.rotateHeader && i > 0 ? ' class="rotated"' : ''} scope="col">${xmlText(oneLine(h))}</th>`,
            )
            .join('')}</tr></thead>`,
        );
        out.push('<tbody>');
        for (const row of block.rows)
          out.push(
            `<tr>${row.map((c) => `<td${c.tone ? ` class="${c.tone}"` : ''}>${inline(c.content)}</td>`).join('')}</tr>`,
          );
        out.push('</tbody></table>');
        break;
      }
      case 'image': {
        const src = block.svg
          ? `data:image/svg+xml;base64,${base64(new TextEncoder().encode(block.svg))}`
          : block.png
            ? `data:image/${block.png[0] === 0xff ? 'jpeg' : 'png'};base64,${base64(block.png)}`
            : undefined;
        if (!src) {
          out.push(`<p class="note">${xmlText(block.alt)}</p>`);
          break;
        }
        const img = `<img src="${src}" alt="${xmlText(oneLine(block.alt))}" width="${Math.round(block.width)}" height="${Math.round(block.height)}"${block.caption ? '' : ' class="logo"'}>`;
        out.push(
          block.caption
            ? `<figure>${img}<figcaption>${xmlText(oneLine(block.caption))}</figcaption></figure>`
            : `<p>${img}</p>`,
        );
        break;
      }
      case 'code': {
        const language = block.language.toLowerCase().replace(/[^a-z0-9+-]/g, '');
        const body = stripInvalidXml(block.text).replace(/\r\n?/g, '\n').replace(/\n$/, '');
        out.push(
          `<pre><code${language ? ` class="language-${language}"` : ''}>${xmlText(body)}</code></pre>`,
        );
        break;
      }
      case 'page-break':
        out.push('<div style="page-break-after: always"></div>');
        break;
    }
  }
  return out;
}

function inline(content: readonly Inline[]): string {
  return content
    .map((run) => {
      let html = xmlText(run.text.replace(/[\r\n]+/g, ' '));
      if (run.code) html = `<code>${html}</code>`;
      if (run.bold) html = `<strong>${html}</strong>`;
      if (run.italic) html = `<em>${html}</em>`;
      return html;
    })
    .join('');
}
