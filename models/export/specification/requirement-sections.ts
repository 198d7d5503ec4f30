import { MITIGATIONS } from '../../mitigations/catalogue';
import type { Verification } from '../../mitigations/mitigation';
import { MITIGATION_IDS, type MitigationId } from '../../mitigations/mitigation-ids';
import type { SpecificationInput } from './build-specification';
import { evidenceCell, inlineCode, plural, sourceRef, stateCell, STATE_WORDS } from './format';
import type { SpecContext, SpecRequirement } from './spec-context';
import { cell, text, type Inline, type SpecBlock, type SpecSection, type TableCell } from './spec-document';

type Built = Omit<SpecSection, 'id' | 'title'>;
type RequirementSectionId = 'requirements' | 'mitigation-matrix' | 'verification';

/** Requirement ids listed one by one under a check; beyond this the section gives their pattern. */
const IDS_LISTED = 24;

const CHECK_PLACES: Record<Verification['on'], string> = {
  docker: 'Docker',
  kubernetes: 'Kubernetes',
  host: 'Host',
  image: 'Image',
  ci: 'CI pipeline',
};

/** The numbered hardening requirements, the status matrix and how each requirement is verified. */
export function requirementSections(
  input: SpecificationInput,
  context: SpecContext,
): Record<RequirementSectionId, () => Built> {
  return {
    requirements: () => {
      const blocks: SpecBlock[] = [
        {
          kind: 'paragraph',
          content: text(
            'Each requirement applies one mitigation of the catalogue to one workload or data flow. MUST and MUST NOT are used as in RFC 2119. The state is derived from the configuration unless the workshop set it, in which case the configuration’s verdict is shown beside it.',
          ),
        },
        {
          kind: 'paragraph',
          content: [
            { text: 'Requirement ids have the form ' },
            { text: 'REQ-<subject>-<mitigation>', code: true },
            {
              text: ': the subject is the workload (namespace or project and name) or the flow (client, server and port), the mitigation is the catalogue id. An id depends only on its own subject, so it stays the same when other services are added or removed.',
            },
          ],
        },
      ];
      if (context.workloads.length === 0) {
        blocks.push({
          kind: 'paragraph',
          content: text('No running workload was found, so no requirement applies.'),
          style: 'note',
        });
        return { blocks };
      }
      for (const w of context.workloads) {
        const reqs = context.requirementsByWorkload.get(w.id) ?? [];
        const counts = (['implemented', 'missing', 'planned', 'accepted-risk', 'not-applicable'] as const)
          .map((s) => [s, reqs.filter((r) => r.state.state === s).length] as const)
          .filter(([, n]) => n > 0)
          .map(([s, n]) => `${n} ${STATE_WORDS[s].word.toLowerCase()}`);
        blocks.push({ kind: 'heading', level: 2, text: w.name });
        blocks.push({
          kind: 'paragraph',
          content: [
            { text: `${w.kind}${w.namespace ? ` in ${w.namespace}` : ''}, defined at ` },
            { text: sourceRef(w.at), code: true },
            { text: `. ${plural(reqs.length, 'requirement')}: ${counts.join(', ')}.` },
          ],
        });
        blocks.push({
          kind: 'table',
          header: ['Id', 'Requirement', 'State', 'Evidence'],
          widths: [22, 40, 14, 24],
          compact: true,
          rows: reqs.map((r) => [
            cell(r.id, undefined, { code: true }),
            { content: inlineCode(r.text) },
            stateCell(r.state),
            evidenceCell(r.state),
          ]),
        });
      }
      return { blocks };
    },

    'mitigation-matrix': () => {
      if (context.workloads.length === 0)
        return {
          blocks: [{ kind: 'paragraph', content: text('No running workload was found.'), style: 'note' }],
        };
      const kinds = MITIGATION_IDS.filter((id) => MITIGATIONS[id].scope !== 'flow');
      const legend = (['implemented', 'missing', 'planned', 'accepted-risk', 'not-applicable'] as const)
        .map((s) => `${STATE_WORDS[s].symbol} ${STATE_WORDS[s].word.toLowerCase()}`)
        .join(' · ');
      const blocks: SpecBlock[] = [
        {
          kind: 'paragraph',
          content: text(
            `Services (rows) against mitigation kinds (columns). ${legend}; a state set in the workshop is marked *.`,
          ),
        },
        {
          kind: 'table',
          header: ['Service', ...kinds],
          rotateHeader: true,
          compact: true,
          rows: context.workloads.map((w) => {
            const states = new Map((context.states.get(w.id) ?? []).map((s) => [s.mitigation, s]));
            return [cell(w.name, undefined, { bold: true }), ...kinds.map((k) => symbolCell(states.get(k)))];
          }),
        },
      ];
      const flows = context.analysis.topology.flows;
      blocks.push({ kind: 'heading', level: 2, text: 'Transport protection of data flows' });
      if (flows.length === 0)
        blocks.push({ kind: 'paragraph', content: text('The analysis found no data flow.') });
      else {
        const transport = MITIGATION_IDS.filter((id) => MITIGATIONS[id].scope === 'flow');
        blocks.push({
          kind: 'table',
          header: ['Flow', ...transport],
          compact: true,
          rows: flows.map((f) => {
            const states = new Map((context.states.get(f.id) ?? []).map((s) => [s.mitigation, s]));
            return [cell(context.flowName(f)), ...transport.map((k) => symbolCell(states.get(k)))];
          }),
        });
      }
      return { landscape: true, blocks };
    },

    verification: () => {
      const blocks: SpecBlock[] = [
        {
          kind: 'paragraph',
          content: text(
            'How to check each requirement on a running system. Replace <container>, <pod> and <image> with the names of the service under review; a check passes when its output matches the expected result. The CI checks run on every change to the deployment configuration.',
          ),
        },
      ];
      const platforms = new Set(context.workloads.map((w) => w.platform));
      const byMitigation = new Map<MitigationId, SpecRequirement[]>();
      for (const r of context.requirements) {
        if (r.state.state === 'not-applicable') continue;
        byMitigation.set(r.mitigation, [...(byMitigation.get(r.mitigation) ?? []), r]);
      }
      if (byMitigation.size === 0)
        blocks.push({
          kind: 'paragraph',
          content: text('No requirement applies, so nothing is to be verified.'),
          style: 'note',
        });
      for (const id of MITIGATION_IDS) {
        const reqs = byMitigation.get(id);
        if (!reqs) continue;
        const mitigation = MITIGATIONS[id];
        const checks = mitigation.verification.filter(
          (v) =>
            (v.on !== 'docker' || platforms.has('docker')) &&
            (v.on !== 'kubernetes' || platforms.has('kubernetes')),
        );
        blocks.push({ kind: 'heading', level: 2, text: `${id}: ${mitigation.title}` });
        blocks.push({ kind: 'paragraph', content: appliesTo(id, reqs) });
        if (checks.length === 0)
          blocks.push({
            kind: 'paragraph',
            content: text('The catalogue lists no check for these platforms.'),
            style: 'note',
          });
        else
          blocks.push({
            kind: 'table',
            header: ['Where', 'Check', 'Expected result'],
            widths: [12, 55, 33],
            compact: true,
            rows: checks.map((v) => [
              cell(CHECK_PLACES[v.on]),
              cell(v.command, undefined, { code: true }),
              { content: inlineCode(v.expect) },
            ]),
          });
      }
      blocks.push({ kind: 'heading', level: 2, text: 'Security testing in CI' });
      const ci = MITIGATIONS['security-testing-in-ci'];
      blocks.push({
        kind: 'paragraph',
        content: inlineCode(`${ci.title}. ${ci.rationale}`),
      });
      if (ci.implementation.ci) blocks.push({ kind: 'code', language: 'sh', text: ci.implementation.ci });
      const tests = input.template.ciSecurityTests;
      if (tests.length === 0)
        blocks.push({
          kind: 'paragraph',
          content: text('The template lists no dynamic security tests.'),
          style: 'note',
        });
      else {
        blocks.push({
          kind: 'paragraph',
          content: text(
            'The pipeline also runs these dynamic and scenario-based security tests against a test deployment:',
          ),
        });
        blocks.push({
          kind: 'table',
          header: ['Tool', 'Purpose', 'Command'],
          widths: [18, 47, 35],
          rows: tests.map((t) => [
            cell(t.tool, undefined, { bold: true }),
            cell(t.purpose),
            t.command
              ? cell(t.command, undefined, { code: true })
              : cell('as the tool’s documentation describes', undefined, { italic: true }),
          ]),
        });
      }
      return { blocks };
    },
  };
}

function symbolCell(state: SpecRequirement['state'] | undefined): TableCell {
  if (!state) return cell('');
  const words = STATE_WORDS[state.state];
  return cell(`${words.symbol}${state.overridden ? '*' : ''}`, words.tone);
}

function appliesTo(id: MitigationId, reqs: SpecRequirement[]): Inline[] {
  const content: Inline[] = [{ text: `Applies to ${plural(reqs.length, 'requirement')}: ` }];
  if (reqs.length <= IDS_LISTED) {
    reqs.forEach((r, i) => {
      if (i > 0) content.push({ text: ', ' });
      content.push({ text: r.id, code: true });
    });
  } else {
    content.push({ text: `REQ-*-${id}`, code: true });
    content.push({ text: ' (every service)' });
  }
  content.push({ text: '.' });
  return content;
}
