import { ASSUMPTION_KEYS, ASSUMPTIONS } from '../../attack/rules/assumptions';
import { SEVERITY_ORDER } from '../../conditions/condition-ids';
import type { SpecificationInput } from './build-specification';
import { plural, sourceRef } from './format';
import { endpoint, type SpecContext } from './spec-context';
import { cell, text, type SpecBlock, type SpecSection, type TableCell } from './spec-document';

type Built = Omit<SpecSection, 'id' | 'title'>;
type SystemSectionId = 'title-page' | 'scope' | 'architecture' | 'trust-boundaries' | 'assets-and-flows';

const KIND_WORDS: Record<string, string> = {
  service: 'Service',
  'data-store': 'Data store',
  internet: 'Internet',
  external: 'External entity',
  host: 'Host',
  cluster: 'Cluster',
};

const PROTECTION_WORDS: Record<string, string> = {
  none: 'None (plaintext)',
  tls: 'TLS',
  mtls: 'Mutual TLS',
  ipsec: 'IPsec',
  unknown: 'Not known',
};

/** Title page and the description of the system: scope, diagram, boundaries, assets and flows. */
export function systemSections(
  input: SpecificationInput,
  context: SpecContext,
): Record<SystemSectionId, () => Built> {
  const { analysis } = input;
  const { topology } = analysis;
  return {
    'title-page': () => {
      const info = input.info;
      const blocks: SpecBlock[] = [];
      if (info.logo)
        blocks.push({
          kind: 'image',
          png: info.logo.data,
          width: info.logo.width,
          height: info.logo.height,
          alt: info.organization ? `Logo of ${info.organization}` : 'Logo',
        });
      if (info.organization)
        blocks.push({ kind: 'paragraph', content: text(info.organization), style: 'subtitle' });
      blocks.push({ kind: 'paragraph', content: text(info.title), style: 'title' });
      blocks.push({
        kind: 'paragraph',
        content: text(`Version ${info.version} — ${info.date}`),
        style: 'subtitle',
      });
      blocks.push({
        kind: 'paragraph',
        content: text(`Classification: ${info.classification}`, { bold: true }),
      });
      blocks.push({ kind: 'heading', level: 2, text: 'Document control' });
      blocks.push({
        kind: 'table',
        header: ['Field', 'Value'],
        widths: [25, 75],
        rows: [
          ['Title', info.title],
          ['Version', info.version],
          ['Date', info.date],
          ['Authors', info.authors.length > 0 ? info.authors.join(', ') : 'Not recorded'],
          ['Classification', info.classification],
          ['Organization', info.organization || 'Not recorded'],
          [
            'Basis',
            `Analysis of ${plural(analysis.bundle.inputs.length, 'configuration file')}: ${plural(context.workloads.length, 'workload')}, ${plural(analysis.findings.length, 'finding')}, ${plural(analysis.trees.goals.length, 'attack goal')}`,
          ],
        ].map(([k, v]) => [cell(k!, undefined, { bold: true }), cell(v!)]),
      });
      return { blocks };
    },

    scope: () => {
      const blocks: SpecBlock[] = [];
      if (input.description?.trim())
        blocks.push({ kind: 'paragraph', content: text(input.description.trim()) });
      else
        blocks.push({
          kind: 'paragraph',
          content: text('No system description was recorded.'),
          style: 'note',
        });
      blocks.push({
        kind: 'paragraph',
        content: text(
          `This specification covers the system described by the ${plural(analysis.bundle.inputs.length, 'configuration file')} listed below: ${plural(context.workloads.length, 'running workload')}, ${plural(topology.elements.length, 'diagram element')}, ${plural(topology.boundaries.length, 'trust boundary', 'trust boundaries')} and ${plural(topology.flows.length, 'data flow')}. Statements about the system are derived from these files; host facts the files cannot show are stated as assumptions.`,
        ),
      });
      blocks.push({ kind: 'heading', level: 2, text: 'Configuration analysed' });
      if (analysis.bundle.inputs.length === 0)
        blocks.push({
          kind: 'paragraph',
          content: text('No configuration file was analysed.'),
          style: 'note',
        });
      else
        blocks.push({
          kind: 'table',
          header: ['File', 'Kind'],
          widths: [75, 25],
          rows: analysis.bundle.inputs.map((i) => [cell(i.file, undefined, { code: true }), cell(i.kind)]),
        });
      blocks.push({ kind: 'heading', level: 2, text: 'Workloads' });
      if (context.workloads.length === 0)
        blocks.push({ kind: 'paragraph', content: text('No running workload was found.'), style: 'note' });
      else
        blocks.push({
          kind: 'table',
          header: ['Workload', 'Kind', 'Namespace / project', 'Containers', 'Defined at'],
          widths: [22, 16, 18, 22, 22],
          rows: context.workloads.map((w) => [
            cell(w.name),
            cell(w.kind),
            cell(w.namespace ?? '—'),
            cell(w.containers.map((c) => c.name).join(', ') || '—'),
            cell(sourceRef(w.at), undefined, { code: true }),
          ]),
        });
      const bySeverity = SEVERITY_ORDER.map(
        (s) => `${analysis.findings.filter((f) => f.severity === s).length} ${s}`,
      ).join(', ');
      blocks.push({ kind: 'heading', level: 2, text: 'Analysis summary' });
      blocks.push({
        kind: 'list',
        items: [
          text(`${plural(analysis.findings.length, 'finding')}: ${bySeverity}.`),
          text(
            `${plural(analysis.trees.goals.length, 'attack goal')}: ${['open', 'partially-mitigated', 'mitigated'].map((s) => `${analysis.evaluation.goals.filter((g) => g.status === s).length} ${s}`).join(', ')}.`,
          ),
          text(
            `${plural(context.requirements.length, 'hardening requirement')}: ${context.requirements.filter((r) => r.state.state === 'implemented').length} implemented, ${context.requirements.filter((r) => r.state.state === 'missing').length} missing.`,
          ),
        ],
      });
      blocks.push({ kind: 'heading', level: 2, text: 'Host assumptions' });
      blocks.push({
        kind: 'paragraph',
        content: text(
          'Container configurations do not state these host facts; the attack analysis uses the values below. A value set in the workshop replaces the default.',
        ),
      });
      blocks.push({
        kind: 'table',
        header: ['Assumption', 'Value', 'Set by'],
        widths: [60, 15, 25],
        rows: ASSUMPTION_KEYS.map((key) => {
          const set = input.assumptions?.[key];
          const value = set ?? ASSUMPTIONS[key].default;
          return [
            cell(ASSUMPTIONS[key].title),
            cell(String(value), value === 'unknown' ? 'warn' : undefined, { code: true }),
            cell(set !== undefined ? 'workshop' : 'default'),
          ];
        }),
      });
      blocks.push({ kind: 'heading', level: 2, text: 'Input problems' });
      const problems = analysis.diagnostics.filter((d) => d.severity !== 'info');
      if (problems.length === 0)
        blocks.push({ kind: 'paragraph', content: text('The analysis reported no input problems.') });
      else
        blocks.push({
          kind: 'table',
          header: ['Severity', 'Where', 'Problem'],
          widths: [12, 30, 58],
          rows: problems.map((d) => [
            cell(d.severity, d.severity === 'error' ? 'bad' : 'warn'),
            cell(`${d.file}:${d.line}`, undefined, { code: true }),
            { content: [{ text: d.code, code: true }, { text: ` ${d.message}` }] },
          ]),
        });
      return { blocks };
    },

    architecture: () => {
      const diagram = input.diagram;
      const plaintext = topology.flows.filter((f) => f.protection === 'none').length;
      const crossing = topology.flows.filter((f) => f.crossesBoundary).length;
      const summary = `${plural(topology.elements.length, 'element')} in ${plural(topology.boundaries.length, 'trust boundary', 'trust boundaries')}, ${plural(topology.flows.length, 'data flow')}, of which ${plaintext} carry plaintext and ${crossing} cross a trust boundary`;
      if (!diagram)
        return {
          blocks: [
            {
              kind: 'paragraph',
              content: text(`No diagram was supplied. The system has ${summary}.`),
              style: 'note',
            },
          ],
        };
      return {
        landscape: diagram.width > diagram.height,
        blocks: [
          {
            kind: 'paragraph',
            content: text(
              'Dashed boxes are trust boundaries; arrows are data flows labelled with protocol, port and transport protection. Plaintext flows are dashed red, flows that cross a trust boundary are highlighted, and the badge on an element gives the number of findings and their worst severity.',
            ),
          },
          {
            kind: 'image',
            svg: diagram.svg,
            ...(diagram.png ? { png: diagram.png } : {}),
            width: diagram.width,
            height: diagram.height,
            alt: `Architecture diagram: ${summary}.`,
            caption: `Figure 1 — Architecture: ${summary}.`,
          },
        ],
      };
    },

    'trust-boundaries': () => {
      if (topology.boundaries.length === 0)
        return {
          blocks: [
            { kind: 'paragraph', content: text('The analysis found no trust boundary.'), style: 'note' },
          ],
        };
      const boundaryName = new Map(topology.boundaries.map((b) => [b.id, b.name]));
      const blocks: SpecBlock[] = [
        {
          kind: 'paragraph',
          content: text(
            'A trust boundary separates parts of the system that trust each other differently: the internet, each host, each network or namespace. Every flow that crosses one must be authenticated and encrypted.',
          ),
        },
        {
          kind: 'table',
          header: ['Boundary', 'Kind', 'Inside', 'Members', 'Properties'],
          widths: [20, 12, 18, 32, 18],
          rows: topology.boundaries.map((b) => [
            cell(b.name),
            cell(b.kind),
            cell(b.parent ? (boundaryName.get(b.parent) ?? b.parent) : '—'),
            cell(b.members.map((m) => context.name(m)).join(', ') || '—'),
            cell(
              [
                b.internal ? 'internal (no route out)' : '',
                b.encrypted ? 'encrypted overlay' : '',
                b.external ? 'created outside the project' : '',
              ]
                .filter(Boolean)
                .join('; ') || '—',
            ),
          ]),
        },
        { kind: 'heading', level: 2, text: 'Flows that cross a trust boundary' },
      ];
      const crossing = topology.flows.filter((f) => f.crossesBoundary);
      if (crossing.length === 0)
        blocks.push({ kind: 'paragraph', content: text('No data flow crosses a trust boundary.') });
      else
        blocks.push({
          kind: 'table',
          header: ['Flow', 'Protection', 'Boundaries crossed'],
          widths: [40, 18, 42],
          rows: crossing.map((f) => [
            cell(context.flowName(f)),
            protectionCell(f.protection),
            cell(f.boundariesCrossed.map((b) => boundaryName.get(b) ?? b).join(' → ')),
          ]),
        });
      return { blocks };
    },

    'assets-and-flows': () => {
      const boundaryName = new Map(topology.boundaries.map((b) => [b.id, b.name]));
      const blocks: SpecBlock[] = [{ kind: 'heading', level: 2, text: 'Assets' }];
      if (topology.elements.length === 0)
        blocks.push({ kind: 'paragraph', content: text('The analysis found no element.'), style: 'note' });
      else
        blocks.push({
          kind: 'table',
          header: ['Element', 'Kind', 'Technology', 'Trust boundary', 'Findings', 'Defined at'],
          widths: [22, 13, 13, 20, 10, 22],
          rows: topology.elements.map((e) => {
            const findings = context.findingsByWorkload.get(e.id)?.length ?? 0;
            return [
              cell(e.name),
              cell(KIND_WORDS[e.kind] ?? e.kind),
              cell(e.technology ?? '—'),
              cell(boundaryName.get(e.boundary) ?? e.boundary),
              cell(String(findings), findings > 0 ? 'warn' : undefined),
              cell(sourceRef(e.at), undefined, { code: true }),
            ];
          }),
        });
      blocks.push({ kind: 'heading', level: 2, text: 'Data flows' });
      if (topology.flows.length === 0)
        blocks.push({ kind: 'paragraph', content: text('The analysis found no data flow.'), style: 'note' });
      else
        blocks.push({
          kind: 'table',
          header: [
            'From',
            'To',
            'Protocol:port',
            'Protection',
            'Crosses boundary',
            'Credentials',
            'Evidence',
          ],
          widths: [15, 17, 13, 12, 10, 10, 23],
          rows: topology.flows.map((f) => [
            cell(context.name(f.from)),
            cell(context.name(f.to)),
            cell(endpoint(f), undefined, { code: true }),
            protectionCell(f.protection),
            cell(f.crossesBoundary ? 'yes' : 'no', f.crossesBoundary ? 'warn' : undefined),
            cell(f.carriesCredentials ? 'yes' : 'no', f.carriesCredentials ? 'warn' : undefined),
            cell(sourceRef(f.at), undefined, { code: true }),
          ]),
        });
      return { blocks };
    },
  };
}

function protectionCell(protection: string): TableCell {
  const tone = protection === 'none' ? 'bad' : protection === 'unknown' ? 'warn' : 'good';
  return cell(PROTECTION_WORDS[protection] ?? protection, tone);
}
