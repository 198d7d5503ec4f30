import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeThreats, type ThreatAnalysis } from '../../../../models/analysis/analyze-threats';
import {
  buildSpecification,
  type SpecificationInput,
} from '../../../../models/export/specification/build-specification';
import {
  plain,
  SPEC_SECTION_IDS,
  type SpecBlock,
  type SpecDocument,
} from '../../../../models/export/specification/spec-document';
import { DEFAULT_SPEC_TEMPLATE } from '../../../../models/export/specification/spec-template';
import type { MitigationStateEdit, WorkshopDecision } from '../../../../models/model/threat-model';

const fixtures = join(import.meta.dirname, '../../../fixtures/specification');

function analyse(name: string): ThreatAnalysis {
  return analyzeThreats([
    { path: 'compose.yaml', text: readFileSync(join(fixtures, name, 'compose.yaml'), 'utf8') },
  ]);
}

const two = analyse('two-services');
const three = analyse('three-services');

function input(analysis: ThreatAnalysis, extra: Partial<SpecificationInput> = {}): SpecificationInput {
  return {
    analysis,
    info: {
      title: 'Shop specification',
      version: '2.1',
      date: '2026-11-28',
      authors: ['A. Architect', 'B. Builder'],
      classification: 'Confidential',
      organization: 'Acme',
    },
    template: DEFAULT_SPEC_TEMPLATE,
    ...extra,
  };
}

function section(spec: SpecDocument, id: string) {
  return spec.sections.find((s) => s.id === id)!;
}

function tables(blocks: SpecBlock[]) {
  return blocks.filter((b): b is Extract<SpecBlock, { kind: 'table' }> => b.kind === 'table');
}

function allText(blocks: SpecBlock[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return b.text;
        case 'paragraph':
          return plain(b.content);
        case 'list':
          return b.items.map(plain).join('\n');
        case 'table':
          return [
            b.header.join(' | '),
            ...b.rows.map((r) => r.map((c) => plain(c.content)).join(' | ')),
          ].join('\n');
        case 'code':
          return b.text;
        case 'image':
          return b.alt;
        default:
          return '';
      }
    })
    .join('\n');
}

function requirementIds(spec: SpecDocument): string[] {
  return tables(section(spec, 'requirements').blocks).flatMap((t) => t.rows.map((r) => plain(r[0]!.content)));
}

describe('buildSpecification', () => {
  const spec = buildSpecification(input(two));

  it('has every section of the default template, in order, with a heading each', () => {
    expect(spec.sections.map((s) => s.id)).toEqual([...SPEC_SECTION_IDS]);
    for (const s of spec.sections.slice(1)) expect(s.title).not.toBe('');
    expect(spec.tableOfContents).toBe(true);
  });

  it('follows the template: only the listed sections, in its order', () => {
    const custom = buildSpecification(
      input(two, {
        template: {
          ...DEFAULT_SPEC_TEMPLATE,
          sections: ['findings', 'requirements'],
          tableOfContents: false,
        },
      }),
    );
    expect(custom.sections.map((s) => s.id)).toEqual(['findings', 'requirements']);
    expect(custom.tableOfContents).toBe(false);
  });

  it('puts document control on the title page', () => {
    const text = allText(section(spec, 'title-page').blocks);
    for (const value of [
      'Shop specification',
      '2.1',
      '2026-11-28',
      'A. Architect, B. Builder',
      'Confidential',
      'Acme',
    ])
      expect(text).toContain(value);
  });

  it('numbers requirements REQ-<subject>-<mitigation> from the catalogue, with state and evidence', () => {
    const ids = requirementIds(spec);
    expect(ids).toContain('REQ-shop-web-non-root-user');
    expect(ids).toContain('REQ-shop-db-non-root-user');
    expect(ids).toContain('REQ-shop-web-to-shop-db-5432-tls');
    expect(ids).toContain('REQ-internet-to-shop-web-443-tls');
    expect(new Set(ids).size).toBe(ids.length);
    const rows = tables(section(spec, 'requirements').blocks).flatMap((t) => t.rows);
    const row = (id: string) => rows.find((r) => plain(r[0]!.content) === id)!;
    expect(plain(row('REQ-shop-web-read-only-rootfs')[1]!.content)).toMatch(/^The service web MUST/);
    expect(plain(row('REQ-shop-web-read-only-rootfs')[2]!.content)).toBe('Implemented');
    expect(plain(row('REQ-shop-db-read-only-rootfs')[2]!.content)).toBe('Missing');
    expect(plain(row('REQ-shop-db-read-only-rootfs')[3]!.content)).toMatch(/compose\.yaml:\d+/);
    expect(plain(row('REQ-shop-web-to-shop-db-5432-tls')[2]!.content)).toBe('Missing');
  });

  it('covers the hardening kinds the issue names for every service', () => {
    const ids = requirementIds(spec);
    for (const kind of [
      'user-namespace',
      'apparmor-profile',
      'seccomp-profile',
      'drop-capabilities',
      'read-only-rootfs',
      'non-root-user',
      'no-new-privileges',
      'secrets-manager',
      'resource-limits',
      'minimal-base-image',
      'immutable-image',
    ])
      for (const service of ['web', 'db']) expect(ids).toContain(`REQ-shop-${service}-${kind}`);
  });

  it('keeps requirement ids when an unrelated service is added', () => {
    const before = requirementIds(spec);
    const after = requirementIds(buildSpecification(input(three)));
    expect(after.filter((id) => id.includes('audit'))).not.toEqual([]);
    for (const id of before) expect(after).toContain(id);
  });

  it('says plainly when data is absent', () => {
    expect(allText(section(spec, 'decisions').blocks)).toBe('No workshop decisions recorded.');
    expect(allText(section(spec, 'appendices').blocks)).toBe('No appendices were supplied.');
    expect(allText(section(spec, 'architecture').blocks)).toMatch(/^No diagram was supplied/);
    expect(allText(section(spec, 'scope').blocks)).toContain('No system description was recorded.');
    expect(allText(section(spec, 'residual-risks').blocks)).toContain(
      'No risk has been accepted or transferred.',
    );
  });

  it('applies the workshop’s mitigation edits and lists accepted risks and decisions', () => {
    const edits: MitigationStateEdit[] = [
      {
        target: 'compose:shop/db',
        mitigation: 'read-only-rootfs',
        state: 'accepted-risk',
        reason: 'postgres writes its socket',
        author: 'dba',
        at: '2026-11-01T10:00:00Z',
      },
      {
        target: 'compose:shop/db',
        mitigation: 'non-root-user',
        state: 'planned',
        at: '2026-11-01T09:00:00Z',
      },
    ];
    const goal = two.trees.goals[0]!;
    const decisions: WorkshopDecision[] = [
      {
        id: 'd1',
        node: goal.id,
        goal: goal.id,
        decision: 'accept',
        owner: 'CISO',
        note: 'internal only',
        at: '2026-11-02T00:00:00Z',
      },
    ];
    const edited = buildSpecification(input(two, { mitigationEdits: edits, decisions }));
    const rows = tables(section(edited, 'requirements').blocks).flatMap((t) => t.rows);
    const state = (id: string) => plain(rows.find((r) => plain(r[0]!.content) === id)![2]!.content);
    expect(state('REQ-shop-db-read-only-rootfs')).toBe('Accepted risk (set by dba; configuration: missing)');
    expect(state('REQ-shop-db-non-root-user')).toMatch(/^Planned \(set/);
    const residual = allText(section(edited, 'residual-risks').blocks);
    expect(residual).toContain('REQ-shop-db-read-only-rootfs');
    expect(residual).toContain('postgres writes its socket');
    expect(residual).toContain('internal only');
    const decisionTable = allText(section(edited, 'decisions').blocks);
    expect(decisionTable).toContain('Accept');
    expect(decisionTable).toContain('CISO');
    expect(decisionTable).toContain(goal.title);
  });

  it('lists attack goals with status, metrics, minimal attacks and an outline', () => {
    const trees = section(spec, 'attack-trees').blocks;
    expect(two.trees.goals.length).toBeGreaterThan(0);
    const summary = tables(trees)[0]!;
    expect(summary.header).toEqual(['Goal', 'Status', 'Min cost', 'Min time', 'Min skill', 'P', 'Attacks']);
    expect(summary.rows).toHaveLength(two.trees.goals.length);
    const outlines = trees.filter((b) => b.kind === 'code');
    expect(outlines).toHaveLength(two.trees.goals.length);
    expect((outlines[0] as { text: string }).text).toMatch(/^GOAL /);
    expect(trees.some((b) => b.kind === 'list' && b.ordered)).toBe(true);
  });

  it('cites findings with file:line evidence', () => {
    const findings = tables(section(spec, 'findings').blocks)[0]!;
    expect(findings.rows).toHaveLength(two.findings.length);
    for (const row of findings.rows) expect(plain(row[3]!.content)).toMatch(/compose\.yaml:\d+/);
  });

  it('has a matrix of services against mitigation kinds', () => {
    const matrix = tables(section(spec, 'mitigation-matrix').blocks)[0]!;
    expect(matrix.header[0]).toBe('Service');
    expect(matrix.header).toContain('non-root-user');
    expect(matrix.rows.map((r) => plain(r[0]!.content))).toEqual(['db', 'web']);
    expect(section(spec, 'mitigation-matrix').landscape).toBe(true);
  });

  it('gives a verification plan from the catalogue and the template’s CI tests', () => {
    const text = allText(section(spec, 'verification').blocks);
    expect(text).toContain('docker inspect');
    expect(text).not.toContain('kubectl');
    for (const t of DEFAULT_SPEC_TEMPLATE.ciSecurityTests) expect(text).toContain(t.tool);
  });

  it('prints appendices and a supplied diagram', () => {
    const withExtras = buildSpecification(
      input(two, {
        diagram: { svg: '<svg/>', png: new Uint8Array([1]), width: 900, height: 400 },
        appendices: [
          { title: 'seccomp profile for web', language: 'json', text: '{"defaultAction":"SCMP_ACT_ERRNO"}' },
        ],
      }),
    );
    const arch = section(withExtras, 'architecture');
    expect(arch.landscape).toBe(true);
    const image = arch.blocks.find((b) => b.kind === 'image')!;
    expect(image.kind === 'image' && image.alt).toMatch(/^Architecture diagram: \d+ elements/);
    const appendix = section(withExtras, 'appendices').blocks;
    expect(appendix[0]).toEqual({ kind: 'heading', level: 2, text: 'Appendix A — seccomp profile for web' });
    expect(appendix[1]).toMatchObject({ kind: 'code', language: 'json' });
  });

  it('is deterministic', () => {
    expect(JSON.stringify(buildSpecification(input(two)))).toBe(JSON.stringify(spec));
  });
});
