import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ImportFile } from '../../../models/import/import-file';
import { modelFromImport, type ModelFromImport } from '../../../models/model/create-model';
import type { ModelLayout, ThreatModel } from '../../../models/model/threat-model';

/** Test helpers: fixture files as ImportFiles, and models with counting ids. */

export const FIXTURES = 'test/fixtures/model';
export const NOW = '2026-03-01T10:00:00.000Z';

export function readTree(root: string, keep: (path: string) => boolean = () => true): ImportFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : [path];
      });
  return walk(root)
    .map((path) => relative(root, path).split('\\').join('/'))
    .filter(keep)
    .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

export function counter(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/** The small three-service compose system of `test/fixtures/model/small`. */
export function smallFiles(): ImportFile[] {
  return readTree(join(FIXTURES, 'small'));
}

export function smallModel(): ModelFromImport {
  return modelFromImport(smallFiles(), NOW, { newId: counter('model'), name: 'Small shop' });
}

export const WEB = 'compose:small/web';
export const API = 'compose:small/api';
export const DB = 'compose:small/db';
export const WEB_TO_API = 'flow:compose:small/web->compose:small/api:http:3000';
export const API_TO_DB = 'flow:compose:small/api->compose:small/db:postgresql:5432';

/** The small model after a workshop: a user-drawn element and flow, notes, a decision, a
 * mitigation state set by hand, a protection edit, an assumption, tree nodes and positions. */
export function editedSmallModel(): { model: ThreatModel; layout: ModelLayout } {
  const { model } = smallModel();
  const model2: ThreatModel = {
    ...model,
    description: 'Checkout path of the shop',
    document: { version: '1.0', authors: ['Ada', 'Grace'], classification: 'Internal', organization: 'Acme' },
    elements: [
      ...model.elements.map((e) => (e.id === DB ? { ...e, description: 'orders and customers' } : e)),
      { id: 'user-auditor', kind: 'external' as const, name: 'Auditor', origin: 'user' as const },
    ],
    flows: model.flows.map((f) =>
      f.id === WEB_TO_API ? { ...f, protection: 'tls' as const, data: 'orders' } : f,
    ),
    mitigationStates: [
      {
        target: WEB,
        mitigation: 'read-only-rootfs',
        state: 'planned',
        author: 'Ada',
        at: '2026-03-01T10:05:00.000Z',
      },
      {
        target: DB,
        mitigation: 'non-root-user',
        state: 'accepted-risk',
        reason: 'the postgres image drops to uid 999',
        at: '2026-03-01T10:06:00.000Z',
      },
    ],
    assumptions: { 'kernel-patched': true, 'cgroup-version': 'v2' },
    decisions: [
      {
        id: 'decision-1',
        node: `goal:data:${DB}`,
        decision: 'plan',
        owner: 'Grace',
        due: '2026-04-01',
        mitigation: 'network-policy',
        at: '2026-03-01T10:10:00.000Z',
      },
    ],
    treeNodes: [
      {
        id: 'user-step-1',
        parent: `goal:data:${DB}`,
        kind: 'step',
        label: 'Restore a stolen backup',
        cost: 3,
        probability: 0.2,
      },
      { id: 'user-note-1', parent: `goal:data:${DB}`, kind: 'note', label: 'Backups are on the NAS' },
    ],
    notes: [
      { id: 'note-2', target: API, text: 'Rewritten in Q3', author: 'Ada', at: '2026-03-01T10:02:00.000Z' },
      { id: 'note-1', target: DB, text: 'Holds card tokens?', at: '2026-03-01T10:01:00.000Z' },
    ],
  };
  const layout: ModelLayout = {
    positions: {
      [WEB]: { x: 100, y: 40 },
      [API]: { x: 300, y: 40 },
      [DB]: { x: 500, y: 40 },
      'user-auditor': { x: 300, y: 200 },
      'boundary:network:small/back': { x: 260, y: 0, width: 340, height: 120 },
    },
  };
  return { model: model2, layout };
}

/**
 * The small model after a longer workshop, with every kind of user data a model file holds: on
 * top of `editedSmallModel`, boundaries drawn by hand (nested), a drawn flow with authentication
 * and data, an imported element kept as stale, mitigation states in every state (on elements and
 * a flow), decisions of every kind, tree nodes of every kind, notes on an element, a flow and a
 * boundary, every assumption kind, and positions with and without a size. The migration tests
 * hold it in each older file and database format (test/fixtures/model-files/).
 */
export function workshopModel(): { model: ThreatModel; layout: ModelLayout } {
  const { model, layout } = editedSmallModel();
  const goal = `goal:data:${DB}`;
  const workshop: ThreatModel = {
    ...model,
    elements: [
      ...model.elements.map((e) => (e.id === 'user-auditor' ? { ...e, boundary: 'user-org' } : e)),
      {
        id: 'compose:small/cache',
        kind: 'data-store',
        name: 'cache',
        origin: 'imported',
        workload: 'compose:small/cache',
        technology: 'redis',
        source: { file: 'compose.yaml', line: 24, column: 3, path: 'services.cache' },
        stale: true,
      },
      {
        id: 'user-bank',
        kind: 'external',
        name: 'Card processor',
        origin: 'user',
        boundary: 'user-partners',
        technology: 'REST API',
        description: 'Third party; PCI DSS level 1',
      },
    ],
    boundaries: [
      ...model.boundaries,
      { id: 'user-org', kind: 'organization', name: 'Acme', origin: 'user' },
      { id: 'user-partners', kind: 'internet', name: 'Partners', parent: 'user-org', origin: 'user' },
    ],
    flows: [
      ...model.flows,
      {
        id: 'user-flow-payments',
        from: API,
        to: 'user-bank',
        protocol: 'https',
        port: 443,
        protection: 'mtls',
        authentication: 'client certificate',
        data: 'card tokens',
        origin: 'user',
      },
    ],
    mitigationStates: [
      ...model.mitigationStates,
      {
        target: API,
        mitigation: 'seccomp-profile',
        state: 'implemented',
        author: 'Grace',
        at: '2026-03-01T10:07:00.000Z',
      },
      {
        target: API,
        mitigation: 'user-namespace',
        state: 'not-applicable',
        reason: 'rootless Docker on the build hosts',
        at: '2026-03-01T10:08:00.000Z',
      },
      { target: WEB_TO_API, mitigation: 'mtls', state: 'missing', at: '2026-03-01T10:09:00.000Z' },
    ],
    assumptions: { ...model.assumptions, 'daemon-userns-remap': false, 'host-mac-enabled': 'unknown' },
    decisions: [
      ...model.decisions,
      {
        id: 'decision-2',
        node: goal,
        goal,
        decision: 'accept',
        owner: 'Ada',
        note: 'Backups are encrypted at rest',
        at: '2026-03-01T10:11:00.000Z',
      },
      {
        id: 'decision-3',
        node: `${goal}/mitigate`,
        decision: 'mitigate',
        mitigation: 'tls',
        at: '2026-03-01T10:12:00.000Z',
      },
      {
        id: 'decision-4',
        node: `${goal}/transfer`,
        decision: 'transfer',
        note: 'Insurer',
        at: '2026-03-01T10:13:00.000Z',
      },
    ],
    treeNodes: [
      ...model.treeNodes,
      {
        id: 'user-defence-1',
        parent: 'user-step-1',
        kind: 'defence',
        label: 'Backups encrypted with a key in the HSM',
        description: 'Rotated yearly',
        active: true,
      },
      {
        id: 'user-step-2',
        parent: goal,
        kind: 'step',
        label: 'Bribe an operator',
        cost: 4,
        time: 2,
        skill: 1,
        probability: 0.05,
      },
    ],
    notes: [
      ...model.notes,
      {
        id: 'note-3',
        target: 'user-flow-payments',
        text: 'Tokens only, never PANs',
        at: '2026-03-01T10:03:00.000Z',
      },
      {
        id: 'note-4',
        target: 'user-org',
        text: 'Scope of the ISO 27001 audit',
        author: 'Grace',
        at: '2026-03-01T10:04:00.000Z',
      },
    ],
  };
  return {
    model: workshop,
    layout: {
      positions: {
        ...layout.positions,
        'user-bank': { x: 700, y: 200 },
        'user-org': { x: 0, y: -40, width: 900, height: 400 },
        'user-partners': { x: 650, y: 150, width: 200, height: 120 },
      },
    },
  };
}
