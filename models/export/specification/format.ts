import type { MitigationState } from '../../mitigations/mitigation-ids';
import type { ResolvedMitigationState } from '../../mitigations/derive-states';
import type { SourceRef } from '../../source/source-ref';
import type { CellTone, Inline, TableCell } from './spec-document';

/** Words and tones for the mitigation states, as every table of the specification prints them. */
export const STATE_WORDS: Record<MitigationState, { word: string; symbol: string; tone: CellTone }> = {
  implemented: { word: 'Implemented', symbol: '✓', tone: 'good' },
  planned: { word: 'Planned', symbol: 'P', tone: 'warn' },
  'accepted-risk': { word: 'Accepted risk', symbol: 'A', tone: 'warn' },
  'not-applicable': { word: 'Not applicable', symbol: '–', tone: 'neutral' },
  missing: { word: 'Missing', symbol: '✗', tone: 'bad' },
};

/** The state cell of a requirement: the state, and who overrode the configuration's verdict. */
export function stateCell(state: ResolvedMitigationState): TableCell {
  const words = STATE_WORDS[state.state];
  const content: Inline[] = [{ text: words.word, bold: true }];
  if (state.overridden) {
    const by = state.author ? ` by ${state.author}` : '';
    const derived = state.derived
      ? `; configuration: ${STATE_WORDS[state.derived.state].word.toLowerCase()}`
      : '';
    content.push({ text: ` (set${by}${derived})` });
  }
  return { content, tone: words.tone };
}

/** Why a requirement has its state, and the config lines that show it (`file:line`). */
export function evidenceCell(state: ResolvedMitigationState, maxRefs = 4): TableCell {
  const content: Inline[] = [];
  const reason = state.reason ?? state.derived?.reason;
  if (reason) content.push({ text: reason });
  const refs = state.evidence.slice(0, maxRefs);
  refs.forEach((ref, i) => {
    content.push({ text: content.length === 0 ? '' : i === 0 ? ' — ' : ', ' });
    content.push({ text: sourceRef(ref), code: true });
  });
  if (state.evidence.length > maxRefs) content.push({ text: ` and ${state.evidence.length - maxRefs} more` });
  if (content.length === 0) content.push({ text: 'No configuration evidence.' });
  return { content: content.filter((c) => c.text !== '') };
}

/** `file:line`, the form reviewers paste into an editor. */
export function sourceRef(ref: SourceRef): string {
  return `${ref.file}:${ref.line}`;
}

/** A metric as documents print it: whole numbers as they are, others to three significant digits,
 * `—` where no attack exists. */
export function metric(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Catalogue text marks literal names and output with backticks: those parts become code runs. */
export function inlineCode(value: string): Inline[] {
  return value
    .split('`')
    .map((part, i) => ({ text: part, ...(i % 2 === 1 ? { code: true } : {}) }))
    .filter((part) => part.text !== '');
}
