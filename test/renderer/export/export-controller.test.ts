import { describe, expect, it, vi } from 'vitest';
import { deriveModel } from '../../../models/model/derive-model';
import type { ThreatModel } from '../../../models/model/threat-model';
import { Editor } from '../../../renderer/editor/editor';
import { ExportController, type ExportPhase } from '../../../renderer/export/export-controller';
import { workerEngine, type WorkerLike } from '../../../renderer/export/export-engine';
import { inlineEngine } from '../../../renderer/export/inline-engine';
import type { SaveExportRequest, SaveResult } from '../../../renderer/platform/host-bridge';
import { layoutMissing } from '../../../renderer/state/workspace';
import { smallModel } from './fixtures';

const derive = vi.fn((model: ThreatModel) => deriveModel(model));
const engine = inlineEngine(derive);

function setup(
  answer: (request: SaveExportRequest) => SaveResult = (r) => ({
    status: 'saved',
    handle: null,
    name: r.suggestedName,
  }),
) {
  const editor = new Editor(smallModel(), layoutMissing);
  const notices: { kind: string; text: string }[] = [];
  const saved: SaveExportRequest[] = [];
  const rasterize = vi.fn(async () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47]));
  const controller = new ExportController(
    { editor, notify: (kind, text) => notices.push({ kind, text }) },
    {
      host: 'web',
      saveExport: async (request) => {
        saved.push(request);
        return answer(request);
      },
    },
    { engine, rasterize, today: () => '2026-11-28' },
  );
  return { editor, controller, notices, saved, rasterize };
}

describe('export controller', () => {
  it('saves an export through the host bridge and says so', async () => {
    const { controller, notices, saved } = setup();
    const result = await controller.exportFile('sarif');
    expect(result?.status).toBe('saved');
    expect(saved[0]).toMatchObject({ suggestedName: 'small-shop.sarif', mimeType: 'application/sarif+json' });
    expect((JSON.parse(saved[0]!.data as string) as { version: string }).version).toBe('2.1.0');
    expect(notices).toEqual([{ kind: 'info', text: 'Downloaded small-shop.sarif' }]);
    expect(controller.state.value.busy).toBeUndefined();
  });

  it('draws the diagram for the .docx and shows each phase', async () => {
    const { controller, saved, rasterize } = setup();
    const phases: ExportPhase[] = [];
    controller.state.subscribe((s) => s.busy && phases.push(s.busy.phase));
    await controller.exportFile('docx');
    expect(rasterize).toHaveBeenCalledOnce();
    expect(String(rasterize.mock.calls[0])).toMatch(/^<svg/);
    expect(phases).toEqual(expect.arrayContaining(['diagram', 'rendering', 'saving']));
    const bytes = saved[0]!.data as Uint8Array;
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
    expect(saved[0]!.suggestedName).toBe('small-shop-specification.docx');
  });

  it('derives a model once for several exports', async () => {
    const { controller } = setup();
    derive.mockClear();
    await controller.exportFile('json');
    await controller.exportFile('csv');
    await controller.exportFile('threat-dragon');
    expect(derive).toHaveBeenCalledTimes(1);
  });

  it('reports cancelled and failed saves', async () => {
    const cancelled = setup(() => ({ status: 'cancelled' }));
    await cancelled.controller.exportFile('csv');
    expect(cancelled.notices).toEqual([{ kind: 'info', text: 'Export cancelled' }]);
    const failed = setup(() => ({ status: 'failed', message: 'disk full' }));
    await failed.controller.exportFile('csv');
    expect(failed.notices).toEqual([{ kind: 'error', text: 'Export failed: disk full' }]);
  });

  it('edits the document control as one undoable model edit', () => {
    const { controller, editor } = setup();
    expect(controller.specInfo()).toMatchObject({
      version: '1.0',
      classification: 'Internal',
      date: '2026-11-28',
    });
    expect(controller.setDocument({ authors: [' Ada ', '', 'Alan'] })).toBe(true);
    expect(controller.setDocument({ version: '2.0' })).toBe(true);
    expect(controller.setDocument({ version: '2.0 ' })).toBe(false);
    expect(editor.scene.value.model.document).toMatchObject({ version: '2.0', authors: ['Ada', 'Alan'] });
    expect(controller.specInfo()).toMatchObject({ version: '2.0', authors: ['Ada', 'Alan'] });
    editor.dispatch('undo');
    expect(editor.scene.value.model.document.version).toBe('');
    controller.setTitle('Payments platform');
    expect(controller.specInfo().title).toBe('Payments platform');
    controller.setTitle('');
    expect(controller.specInfo().title).toBe('Container security specification: Small shop');
  });

  it('runs the export:* menu commands and opens on the profile forms', async () => {
    const { controller, saved } = setup();
    expect(controller.runMenuCommand('undo')).toBe(false);
    expect(controller.runMenuCommand('export:seccomp')).toBe(true);
    expect(controller.state.value).toMatchObject({ open: true, selected: 'seccomp' });
    expect(saved).toHaveLength(0);
    controller.runMenuCommand('export:csv');
    expect(controller.state.value.selected).toBe('csv');
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.suggestedName).toBe('small-shop-findings.csv');
  });

  it('opens with the keyboard shortcut', () => {
    const { controller, editor } = setup();
    const key = { key: 'E', ctrlKey: true, metaKey: false, shiftKey: true, altKey: false };
    expect(editor.handleKey(key)).toBe(true);
    expect(controller.state.value.open).toBe(true);
    controller.close();
    expect(controller.state.value.open).toBe(false);
  });
});

describe('worker engine', () => {
  it('answers through the worker', async () => {
    const { model, layout } = smallModel();
    let listener: ((event: { data: unknown }) => void) | undefined;
    const worker = {
      postMessage: (request: { id: number; op: string }) =>
        setTimeout(() =>
          listener?.({ data: { id: request.id, value: { svg: '<svg/>', width: 1, height: 2 } } }),
        ),
      addEventListener: (type: string, l: (event: { data: unknown }) => void) => {
        if (type === 'message') listener = l;
      },
      terminate: () => {},
    } as unknown as WorkerLike;
    const viaWorker = workerEngine(() => worker, engine);
    expect(await viaWorker.diagram(model, layout)).toEqual({ svg: '<svg/>', width: 1, height: 2 });
  });

  it('runs jobs in this thread when the worker fails to load', async () => {
    const { model, layout } = smallModel();
    let onError: (() => void) | undefined;
    const worker = {
      postMessage: () => setTimeout(() => onError?.()),
      addEventListener: (type: string, l: () => void) => {
        if (type === 'error') onError = l;
      },
      terminate: vi.fn(),
    } as unknown as WorkerLike;
    const viaWorker = workerEngine(() => worker, engine);
    const diagram = await viaWorker.diagram(model, layout);
    expect(diagram.svg).toMatch(/^<svg/);
    expect(worker.terminate).toHaveBeenCalled();
  });
});
