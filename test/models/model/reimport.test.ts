import { describe, expect, it } from 'vitest';
import { reimportModel } from '../../../models/model/reimport';
import type { ThreatModel } from '../../../models/model/threat-model';
import {
  API,
  API_TO_DB,
  DB,
  editedSmallModel,
  smallFiles,
  smallModel,
  WEB,
  WEB_TO_API,
} from './model-builder';

const LATER = '2026-03-02T09:00:00.000Z';

/** The small compose file after a change: db removed (and the URL pointing at it), a redis cache
 * added, web published on another port. */
function changedCompose(): { path: string; text: string } {
  const compose = smallFiles().find((f) => f.path === 'compose.yaml')!;
  const text = compose.text
    .replace('"8080:80"', '"8081:80"')
    .replace(
      '      DATABASE_URL: postgres://app:secret@db:5432/app\n',
      '      CACHE_URL: redis://cache:6379\n',
    )
    .replace(/ {2}db:\n(?: {4}.*\n)+/, '  cache:\n    image: redis:7\n    networks: [back]\n');
  return { path: 'compose.yaml', text };
}

describe('reimportModel', () => {
  it('changes nothing when the same files are imported again', () => {
    const { model } = editedSmallModel();
    const result = reimportModel(model, smallFiles(), LATER);
    expect(result.summary).toEqual({ added: 0, updated: 0, removed: 0, keptStale: 0 });
    expect({ ...result.model, sources: [] }).toEqual({ ...model, sources: [] });
    expect(result.model.sources.every((s) => s.importedAt === LATER)).toBe(true);
  });

  it('adds new items, reports them for layout, and removes items nothing is attached to', () => {
    const { model } = smallModel();
    const result = reimportModel(model, [changedCompose()], LATER);
    const ids = result.model.elements.map((e) => e.id);
    expect(ids).toContain('compose:small/cache');
    expect(ids).not.toContain(DB);
    expect(result.newIds).toContain('compose:small/cache');
    expect(result.newIds).toContain('flow:internet->compose:small/web:http:8081');
    expect(result.removedIds).toContain(DB);
    expect(result.removedIds).toContain(API_TO_DB);
    expect(result.summary.keptStale).toBe(0);
    expect(result.summary.added).toBe(result.newIds.length);
    expect(result.summary.removed).toBe(result.removedIds.length);
  });

  it('keeps user edits: names, protections, typed text, user items, notes, states, tree nodes', () => {
    const { model } = editedSmallModel();
    const renamed: ThreatModel = {
      ...model,
      elements: model.elements.map((e) => (e.id === API ? { ...e, name: 'Orders API' } : e)),
    };
    const result = reimportModel(renamed, [changedCompose()], LATER);
    const next = result.model;
    expect(next.elements.find((e) => e.id === API)!.name).toBe('Orders API');
    expect(next.flows.find((f) => f.id === WEB_TO_API)).toMatchObject({ protection: 'tls', data: 'orders' });
    expect(next.elements.find((e) => e.id === 'user-auditor')).toEqual(
      model.elements.find((e) => e.id === 'user-auditor'),
    );
    expect(next.notes).toEqual(model.notes);
    expect(next.mitigationStates).toEqual(model.mitigationStates);
    expect(next.decisions).toEqual(model.decisions);
    expect(next.treeNodes).toEqual(model.treeNodes);
    expect(next.assumptions).toEqual(model.assumptions);
    expect(next.document).toEqual(model.document);
  });

  it('keeps a removed item the user attached something to, flagged stale', () => {
    const { model } = editedSmallModel();
    const result = reimportModel(model, [changedCompose()], LATER);
    const db = result.model.elements.find((e) => e.id === DB)!;
    expect(db).toMatchObject({ stale: true, description: 'orders and customers' });
    expect(result.summary.keptStale).toBe(1);
    expect(result.removedIds).not.toContain(DB);
    // Importing the same files again keeps it stale without counting it twice.
    const again = reimportModel(result.model, [changedCompose()], LATER);
    expect(again.summary).toEqual({ added: 0, updated: 0, removed: 0, keptStale: 0 });
    expect(again.model.elements.find((e) => e.id === DB)!.stale).toBe(true);
  });

  it('follows the configuration for fields the user left alone, and keeps those the user changed', () => {
    const { model } = smallModel();
    const compose = smallFiles().find((f) => f.path === 'compose.yaml')!;
    const changed = compose.text
      .replace('    networks: [front]\n  api:', '    networks: [front, back]\n  api:')
      .replace('postgres:16', 'mysql:8');
    const edited: ThreatModel = {
      ...model,
      elements: model.elements.map((e) => (e.id === DB ? { ...e, technology: 'postgres (managed)' } : e)),
    };
    const result = reimportModel(edited, [{ path: 'compose.yaml', text: changed }], LATER);
    expect(result.model.elements.find((e) => e.id === WEB)!.boundary).toBe('boundary:host:small');
    expect(result.model.elements.find((e) => e.id === DB)!.technology).toBe('postgres (managed)');
    expect(result.summary).toEqual({ added: 0, updated: 1, removed: 0, keptStale: 0 });
    const untouched = reimportModel(model, [{ path: 'compose.yaml', text: changed }], LATER);
    expect(untouched.model.elements.find((e) => e.id === DB)!.technology).toBe('mysql');
    expect(result.model.sources.find((s) => s.path === 'compose.yaml')!.text).toBe(changed);
    expect(result.model.sources.find((s) => s.path === 'api/Dockerfile')!.importedAt).toBe(
      model.sources.find((s) => s.path === 'api/Dockerfile')!.importedAt,
    );
  });
});
