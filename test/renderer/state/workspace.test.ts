import { describe, expect, it } from 'vitest';
import type { HostBridge, PickedFiles, SaveModelRequest } from '../../../renderer/platform/host-bridge';
import { MemoryLibrary } from '../../../renderer/library/memory-library';
import { isImportCandidate } from '../../../models/import/import-candidates';
import { fileSlug, Workspace } from '../../../renderer/state/workspace';

const COMPOSE = `services:
  web:
    image: nginx:1.27
    ports: ["80:80"]
    environment:
      API_URL: http://api:8080
  api:
    image: example/api:1
    privileged: true
`;

function fakeBridge(overrides: Partial<HostBridge> = {}): HostBridge & { saved: SaveModelRequest[] } {
  const saved: SaveModelRequest[] = [];
  return {
    host: 'web',
    saved,
    openModelFile: async () => null,
    saveModelFile: async (request) => {
      saved.push(request);
      return { status: 'saved', handle: null, name: request.suggestedName };
    },
    pickImportFiles: async () => null,
    saveExport: async () => ({ status: 'cancelled' }),
    setDocumentState: () => {},
    openExternal: async () => false,
    onMenuCommand: () => () => {},
    onOpenFile: () => () => {},
    ...overrides,
  };
}

function picked(files: Record<string, string>): PickedFiles {
  return {
    files: Object.entries(files).map(([path, text]) => ({ path, bytes: new TextEncoder().encode(text) })),
    skipped: [],
  };
}

let ids = 0;
function workspace(library = new MemoryLibrary(), bridge = fakeBridge()) {
  return new Workspace(bridge, library, {
    now: () => '2026-01-01T00:00:00.000Z',
    newId: () => `id-${++ids}`,
    autosaveDelayMs: 1,
    example: () => ({ name: 'Example', files: [{ path: 'compose/compose.yaml', text: COMPOSE }] }),
  });
}

describe('Workspace', () => {
  it('opens the example on the first start, laid out, and the last model afterwards', async () => {
    const library = new MemoryLibrary();
    const first = workspace(library);
    await first.start();
    const { model, layout } = first.editor.scene.value;
    expect(model.name).toBe('Example');
    expect(model.elements.map((e) => e.id)).toEqual(
      expect.arrayContaining(['compose:compose/api', 'compose:compose/web']),
    );
    for (const e of model.elements) expect(layout.positions[e.id]).toBeDefined();
    first.editor.dispatch('rename', { id: model.id, name: 'Renamed' });
    await first.flush();

    const second = workspace(library);
    await second.start();
    expect(second.editor.scene.value.model.name).toBe('Renamed');
    expect((await library.list()).length).toBe(1);
  });

  it('derives findings and risk per element, and mitigation states that follow edits', async () => {
    const ws = workspace();
    await ws.start();
    const derived = ws.derived.value;
    expect(derived.risk.get('compose:compose/api')).toBe('critical');
    expect(derived.counts.critical).toBeGreaterThan(0);
    const before = derived.states('compose:compose/api').find((s) => s.mitigation === 'no-privileged')!;
    expect(before.state).toBe('missing');
    ws.editor.dispatch('set-mitigation-state', {
      target: 'compose:compose/api',
      mitigation: 'no-privileged',
      state: 'planned',
      at: '2026-01-01T00:00:00.000Z',
    });
    const after = ws.derived.value
      .states('compose:compose/api')
      .find((s) => s.mitigation === 'no-privileged')!;
    expect(after).toMatchObject({ state: 'planned', overridden: true });
  });

  it('persists edits through the library (autosave, flushed)', async () => {
    const library = new MemoryLibrary();
    const ws = workspace(library);
    await ws.start();
    ws.editor.dispatch('add-element', { kind: 'external', x: 0, y: 0 });
    await ws.flush();
    const stored = await library.open(ws.editor.scene.value.model.id);
    expect(stored!.model.elements.some((e) => e.id === 'user:external:1')).toBe(true);
    expect(ws.saveState.value).toBe('saved');
  });

  it('re-import merges into the model, keeps user edits, and is one undo step', async () => {
    const ws = workspace();
    await ws.start();
    ws.editor.dispatch('rename', { id: 'compose:compose/web', name: 'Front end' });
    ws.editor.dispatch('add-element', { kind: 'external', x: 0, y: 0 });
    const changed = COMPOSE + '  cache:\n    image: redis:7\n';
    await ws.importPicked(
      picked({ 'compose/compose.yaml': changed, 'compose/README.md': '# not a config: {' }),
    );
    const { model } = ws.editor.scene.value;
    expect(model.elements.find((e) => e.id === 'compose:compose/web')!.name).toBe('Front end');
    expect(model.elements.some((e) => e.id === 'compose:compose/cache')).toBe(true);
    expect(model.elements.some((e) => e.id === 'user:external:1')).toBe(true);
    expect(ws.editor.scene.value.layout.positions['compose:compose/cache']).toBeDefined();
    expect(ws.importDiagnostics.value.some((d) => d.file.endsWith('README.md'))).toBe(false);
    ws.editor.dispatch('undo');
    expect(ws.editor.scene.value.model.elements.some((e) => e.id === 'compose:compose/cache')).toBe(false);
  });

  it('imports into a new model when the open one is empty, with diagnostics from the files', async () => {
    const ws = workspace();
    await ws.start();
    await ws.createEmpty();
    await ws.importPicked(
      picked({ 'deploy/compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["abc"]\n' }),
    );
    expect(ws.editor.scene.value.model.name).toBe('deploy');
    const diagnostic = ws.importDiagnostics.value.find((d) => d.file === 'deploy/compose.yaml');
    expect(diagnostic).toMatchObject({ line: 4 });
  });

  it('saves a *.rampart.json through the bridge and opens it again as a separate model', async () => {
    const bridge = fakeBridge();
    const ws = workspace(new MemoryLibrary(), bridge);
    await ws.start();
    await ws.saveFile();
    expect(bridge.saved[0]!.suggestedName).toBe('example.rampart.json');
    const text = bridge.saved[0]!.text;
    expect(JSON.parse(text).format).toBe('rampart');
    expect(await ws.openModelText(text, 'example.rampart.json', null)).toBe(true);
    expect(ws.library.value.length).toBe(2);
    expect(ws.editor.scene.value.model.elements.length).toBeGreaterThan(0);
    expect(await ws.openModelText('{ nope', 'bad.rampart.json', null)).toBe(false);
    expect(ws.importDiagnostics.value[0]).toMatchObject({ file: 'bad.rampart.json' });
  });

  it('renames, duplicates, deletes and restores models of the library', async () => {
    const ws = workspace();
    await ws.start();
    const id = ws.current.value!.id;
    await ws.duplicate(id);
    expect(ws.library.value.map((m) => m.name).sort()).toEqual(['Example', 'Example (copy)']);
    await ws.rename(id, 'Original');
    expect(ws.library.value.find((m) => m.id === id)!.name).toBe('Original');
    await ws.remove(ws.current.value!.id);
    expect(ws.library.value.map((m) => m.id)).toEqual([id]);
    expect(ws.current.value!.id).toBe(id);

    ws.editor.dispatch('add-element', { kind: 'host', x: 0, y: 0 });
    await ws.flush();
    const revision = ws.revisions.value.at(-1)!;
    await ws.restoreRevision(revision.id);
    expect(ws.editor.scene.value.model.elements.some((e) => e.kind === 'host' && e.origin === 'user')).toBe(
      false,
    );
  });

  it('runs menu commands through the editor', async () => {
    const ws = workspace();
    await ws.start();
    ws.editor.dispatch('rename', { id: 'compose:compose/web', name: 'x' });
    ws.runMenuCommand('undo');
    expect(ws.editor.scene.value.model.elements.find((e) => e.id === 'compose:compose/web')!.name).toBe(
      'web',
    );
    ws.runMenuCommand('help');
    expect(ws.editor.ui.value.helpOpen).toBe(true);
  });
});

describe('import helpers', () => {
  it('keeps configs, Dockerfiles and .env files, and nothing else', () => {
    for (const path of [
      'a/compose.yaml',
      'k8s/x.yml',
      'inspect.json',
      'svc/Dockerfile',
      'Containerfile.dev',
      '.env',
      'a/prod.env',
    ])
      expect(isImportCandidate(path), path).toBe(true);
    for (const path of ['README.md', 'secrets/.gitignore', 'main.go', 'logo.png'])
      expect(isImportCandidate(path), path).toBe(false);
  });

  it('makes file names from model names', () => {
    expect(fileSlug('Shop (example)')).toBe('shop-example');
    expect(fileSlug('  ')).toBe('model');
  });
});
