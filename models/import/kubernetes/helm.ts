import type { YamlDocument } from '../../yaml/parse-yaml';

/**
 * What only Helm writes inside a Go template action: a read of Helm's built-in objects (`.Values`,
 * `.Release`…) or a call of a Helm function. Rendered manifests may still hold `{{ … }}` of other
 * tools (Prometheus and Alertmanager rules, Argo parameters, Grafana legends), which use neither.
 */
const HELM_WORD =
  /\.(?:Values|Release|Chart|Capabilities|Files|Template)\b|\b(?:include|toYaml|tpl|required|nindent|lookup|fromYaml)\b/g;

/** How far back from a Helm word its action may open; actions are short. */
const ACTION_REACH = 200;

/** True when the text is an unrendered Helm template (it holds Helm template actions). */
export function looksLikeHelmTemplate(text: string): boolean {
  return text.includes('{{') && helmActionStart(text) >= 0;
}

/** Offset of the first template action, where the unrendered-template warning points. */
export function firstTemplateAction(text: string): number {
  const start = helmActionStart(text);
  return start >= 0 ? start : Math.max(0, text.indexOf('{{'));
}

/**
 * Where the first action holding a Helm word opens, or -1. Words are found first and each looks
 * back a bounded distance for an unclosed `{{`, so the scan stays linear even on hostile input
 * (`{{{{…`), where matching actions first would backtrack.
 */
function helmActionStart(text: string): number {
  for (const match of text.matchAll(HELM_WORD)) {
    const from = Math.max(0, match.index - ACTION_REACH);
    const before = text.slice(from, match.index);
    const open = before.lastIndexOf('{{');
    if (open >= 0 && before.indexOf('}}', open + 2) < 0) return from + open;
  }
  return -1;
}

/** `helm template` writes `# Source: <chart>/templates/<file>` before each document it renders. */
const SOURCE_COMMENT = /^# Source: (\S+)[ \t]*\r?$/gm;

function isChartPath(path: string): boolean {
  return !path.includes('://') && (path.includes('/templates/') || path.includes('/crds/'));
}

/**
 * The chart template each document came from, by document index: the nearest `# Source:`
 * comment before the document and after the previous one's start, so that a document without
 * its own comment does not borrow its neighbour's.
 */
export function helmTemplateSources(
  text: string,
  documents: readonly YamlDocument[],
): (string | undefined)[] {
  const sources: (string | undefined)[] = [];
  if (!text.includes('# Source: ')) return sources;
  const comments: { offset: number; template: string }[] = [];
  for (const match of text.matchAll(SOURCE_COMMENT)) {
    if (isChartPath(match[1]!)) comments.push({ offset: match.index, template: match[1]! });
  }
  let next = 0;
  let previousStart = -1;
  for (const document of documents) {
    if (document.start < 0) continue;
    let template: string | undefined;
    while (next < comments.length && comments[next]!.offset < document.start) {
      if (comments[next]!.offset > previousStart) template = comments[next]!.template;
      next++;
    }
    sources[document.index] = template;
    previousStart = document.start;
  }
  return sources;
}
