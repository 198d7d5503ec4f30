import { markdownCode, markdownText } from '../markdown-text';
import { base64 } from './base64';
import type { Inline, SpecBlock, SpecDocument } from './spec-document';
import { oneLine, stripInvalidXml } from './xml-text';

/**
 * The specification as CommonMark with GitHub tables: one `#` title, a contents list, a `##`
 * chapter per section. User text is escaped (no HTML, links, emphasis or table breaks can come
 * from a config), code blocks are fenced longer than any backtick run inside them, and the diagram
 * is embedded as a data: URI so the file stands alone.
 */
export function renderSpecificationMarkdown(spec: SpecDocument): string {
  const out: string[] = [];
  const info = spec.info;
  out.push(`# ${markdownText(oneLine(info.title))}`, '');
  const titlePage = spec.sections[0]?.id === 'title-page' ? spec.sections[0] : undefined;
  // The title page states the classification; without one, the document still must.
  if (!titlePage) out.push(`**Classification: ${markdownText(oneLine(info.classification))}**`, '');
  if (titlePage) {
    // The title is already the document's heading; the rest of the title page follows it.
    const rest = titlePage.blocks.filter((b) => !(b.kind === 'paragraph' && b.style === 'title'));
    out.push(...blocks(rest));
  }
  const chapters = spec.sections.filter((s) => s !== titlePage);
  if (spec.tableOfContents && chapters.length > 0) {
    out.push('## Contents', '');
    chapters.forEach((s, i) => out.push(`${i + 1}. [${markdownText(s.title)}](#${anchor(s.title)})`));
    out.push('');
  }
  for (const section of chapters) {
    out.push(`## ${markdownText(oneLine(section.title))}`, '');
    out.push(...blocks(section.blocks));
  }
  out.push('---', '', `*${markdownText(oneLine(info.classification))}*`, '');
  return out.join('\n');
}

function blocks(list: readonly SpecBlock[]): string[] {
  const out: string[] = [];
  for (const block of list) {
    switch (block.kind) {
      case 'heading':
        out.push(`${block.level === 2 ? '###' : '####'} ${markdownText(oneLine(block.text))}`, '');
        break;
      case 'paragraph': {
        const body = inline(block.content);
        if (block.style === 'title') out.push(`**${body}**`, '');
        else if (block.style === 'note') out.push(`*${body}*`, '');
        else out.push(body, '');
        break;
      }
      case 'list':
        block.items.forEach((item, i) => out.push(`${block.ordered ? `${i + 1}.` : '-'} ${inline(item)}`));
        out.push('');
        break;
      case 'table':
        if (block.caption) out.push(`*${markdownText(block.caption)}*`, '');
        out.push(`| ${block.header.map((h) => markdownText(oneLine(h))).join(' | ')} |`);
        out.push(`|${block.header.map(() => '---').join('|')}|`);
        for (const row of block.rows)
          out.push(`| ${row.map((c) => inline(c.content, true) || ' ').join(' | ')} |`);
        out.push('');
        break;
      case 'image': {
        const alt = markdownText(oneLine(block.alt));
        const uri = block.png
          ? `data:image/png;base64,${base64(block.png)}`
          : block.svg
            ? `data:image/svg+xml;base64,${base64(new TextEncoder().encode(block.svg))}`
            : undefined;
        out.push(uri ? `![${alt}](${uri})` : `*${alt}*`, '');
        if (block.caption) out.push(`*${markdownText(oneLine(block.caption))}*`, '');
        break;
      }
      case 'code': {
        const body = stripInvalidXml(block.text).replace(/\r\n?/g, '\n').replace(/\n$/, '');
        const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
        const fence = '`'.repeat(longest + 1);
        const language = block.language.toLowerCase().replace(/[^a-z0-9+-]/g, '');
        out.push(`${fence}${language}`, body, fence, '');
        break;
      }
      case 'page-break':
        break;
    }
  }
  return out;
}

function inline(content: readonly Inline[], inTable = false): string {
  return content
    .map((run) => {
      if (run.text === '') return '';
      if (run.code) {
        const code = markdownCode(run.text);
        // Inside a table a pipe ends the cell even within a code span, unless escaped.
        return inTable ? code.replace(/\|/g, '\\|') : code;
      }
      // Emphasis must hug its text in CommonMark: spaces go outside the markers.
      const [, lead, body, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text)!;
      let text = markdownText(body!);
      if (text === '') return markdownText(run.text);
      if (run.bold) text = `**${text}**`;
      if (run.italic) text = `*${text}*`;
      return `${lead ? ' ' : ''}${text}${trail ? ' ' : ''}`;
    })
    .join('');
}

/** The anchor GitHub and most renderers give a heading: lower case, punctuation dropped, spaces
 * to hyphens. Only used for the fixed section titles. */
function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}
