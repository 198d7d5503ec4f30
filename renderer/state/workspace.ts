import { createEmptyModel, emptyLayout, modelFromImport } from '../../models/model/create-model';
import { layoutDiagram } from '../../models/layout/layout-diagram';
import { parseModelFile } from '../../models/model/parse-model-file';
import { reimportModel } from '../../models/model/reimport';
import { importThreatDragon } from '../../models/import/threat-dragon/import-threat-dragon';
import { recognizeFile } from '../../models/import/recognize';
import { serializeModelFile } from '../../models/model/serialize-model';
import type { ModelLayout, ThreatModel } from '../../models/model/threat-model';
import type { ImportFile } from '../../models/import/import-file';
import type { Diagnostic } from '../../models/source/diagnostic';
import { decodeText } from '../../models/source/decode-text';
import { isImportCandidate } from '../../models/import/import-candidates';
import type { LayoutFunction } from '../editor/actions/action';
import { Editor } from '../editor/editor';
import type { Scene } from '../editor/scene';
import { deriveView, type DerivedView } from '../document/derive-view';
import { t } from '../i18n/t';
import { createAutosave, type Autosave } from '../db/autosave';
import { afterPaint } from './after-paint';
import type { ModelLibrary, ModelSummary, RevisionSummary } from '../library/model-library';
import type { FileHandle, HostBridge, MenuCommand, PickedFiles } from '../platform/host-bridge';
import { Store } from './store';

export interface ImportProgress {
  phase: 'reading' | 'analysing';
  done: number;
  total: number;
}

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

export interface WorkspaceOptions {
  now?: () => string;
  newId?: () => string;
  /** Quiet time after an edit before it is written to the library. */
  autosaveDelayMs?: number;
  /** Config files of the example opened on the first start. */
  example?: () => { name: string; files: ImportFile[] };
}

/** Lays out whatever has no position yet, keeping every position already there. */
export const layoutMissing: LayoutFunction = (model, fixed) => layoutDiagram(model, fixed);

function needsLayout(model: ThreatModel, layout: ModelLayout): boolean {
  return [...model.elements, ...model.boundaries].some((item) => !layout.positions[item.id]);
}

/** Files in an import that are models rather than configs: the native format, Threat Dragon. */
function isModelFile(file: ImportFile): boolean {
  if (file.path.endsWith('.rampart.json')) return true;
  if (!file.path.endsWith('.json')) return false;
  const kind = recognizeFile(file).kind;
  return kind === 'rampart' || kind === 'threat-dragon';
}

/**
 * The open workspace: which model is open, the library around it, what is derived from the
 * model, and every command that reaches beyond the diagram (import, open, save, library). Plain
 * TypeScript over stores, so tests drive it with an in-memory library and a fake host bridge.
 */
export class Workspace {
  readonly editor: Editor;
  readonly current = new Store<ModelSummary | null>(null);
  readonly library = new Store<ModelSummary[]>([]);
  readonly revisions = new Store<RevisionSummary[]>([]);
  readonly derived: Store<DerivedView>;
  /** Problems of the last import or opened file, with file, line and column. */
  readonly importDiagnostics = new Store<Diagnostic[]>([]);
  readonly progress = new Store<ImportProgress | null>(null);
  readonly notices = new Store<Notice[]>([]);
  readonly saveState = new Store<SaveState>('saved');
  private readonly now: () => string;
  private readonly newId: () => string;
  private readonly autosave: Autosave;
  private fileHandle: FileHandle | null = null;
  private noticeId = 0;
  private derivedFor: ThreatModel;

  constructor(
    private readonly bridge: HostBridge,
    private readonly store: ModelLibrary,
    private readonly options: WorkspaceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date().toISOString());
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.autosave = createAutosave({
      save: (stored) => this.store.save(stored),
      snapshot: (stored, reason) => this.store.snapshot(stored, reason),
      ...(options.autosaveDelayMs !== undefined ? { delayMs: options.autosaveDelayMs } : {}),
      // The write waits for the frame that shows the edit, so serializing the model does not delay
      // the edit on screen; hiding the page writes pending edits at once anyway.
      startWrite: (write) => afterPaint(write, 100),
      onState: (state, error) => {
        this.saveState.set(state === 'error' ? 'failed' : state);
        if (state === 'error')
          this.notify(
            'error',
            t('library.save-failed', { message: error instanceof Error ? error.message : String(error) }),
          );
        if (state === 'saved') void this.syncLibraryName();
      },
    });
    const empty = createEmptyModel(this.newId);
    this.editor = new Editor({ model: empty, layout: emptyLayout() }, layoutMissing);
    this.derivedFor = empty;
    this.derived = new Store(deriveView(empty));
    this.editor.scene.subscribe((scene) => this.rederive(scene.model));
    this.editor.onChange((scene, change) => {
      if (change !== 'load') this.scheduleSave();
      if (scene.model.name !== this.current.value?.name && this.current.value)
        this.current.set({ ...this.current.value, name: scene.model.name });
    });
    this.current.subscribe((summary) =>
      this.bridge.setDocumentState({
        title: summary ? `${summary.name} — ${t('app.title')}` : t('app.title'),
        dirty: false,
      }),
    );
  }

  /** Opens the most recently saved model, or on the very first start the built-in example. */
  async start(): Promise<void> {
    const models = await this.refreshLibrary();
    const latest = models[0];
    if (latest && (await this.open(latest.id))) return;
    const example = this.options.example?.();
    if (example) await this.createFromFiles(example.files, example.name);
    else await this.createEmpty();
  }

  async refreshLibrary(): Promise<ModelSummary[]> {
    const models = await this.store.list();
    this.library.set(models);
    return models;
  }

  /** Opens a model of the library; false when it is not there. */
  async open(id: string): Promise<boolean> {
    await this.flush();
    const stored = await this.store.open(id);
    if (!stored) return false;
    this.fileHandle = null;
    this.importDiagnostics.set([]);
    this.load({ model: stored.model, layout: stored.layout });
    await this.refreshRevisions();
    return true;
  }

  async createEmpty(name = t('library.untitled')): Promise<void> {
    await this.flush();
    const model = createEmptyModel(this.newId, name);
    await this.adopt({ model, layout: emptyLayout() }, 'create');
    this.importDiagnostics.set([]);
  }

  /** A new model from config files, laid out automatically. */
  async createFromFiles(files: ImportFile[], name?: string): Promise<void> {
    await this.flush();
    const made = modelFromImport(files, this.now(), { newId: this.newId, ...(name ? { name } : {}) });
    await this.adopt({ model: made.model, layout: layoutMissing(made.model, {}) }, 'import');
    this.importDiagnostics.set(made.diagnostics);
  }

  /**
   * Imports picked or dropped files: model files open as models; config files merge into the open
   * model (a re-import keeps the user's edits), or make a new model when it is empty.
   */
  async importPicked(picked: PickedFiles): Promise<void> {
    const total = picked.files.length;
    const files: ImportFile[] = [];
    const diagnostics: Diagnostic[] = picked.skipped.map((s) => ({
      severity: 'warning',
      code: 'IMPORT_FILE_SKIPPED',
      message: t('import.skipped', { reason: s.reason }),
      file: s.path,
      line: 1,
      column: 1,
    }));
    this.progress.set({ phase: 'reading', done: 0, total });
    for (const [i, file] of picked.files.entries()) {
      // Binary files and files that are no config (READMEs, sources) are left out quietly.
      const text = isImportCandidate(file.path) ? decodeText(file.bytes) : undefined;
      if (text !== undefined) files.push({ path: file.path, text });
      if (i % 25 === 24) {
        this.progress.set({ phase: 'reading', done: i + 1, total });
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
    this.progress.set({ phase: 'analysing', done: total, total });
    await new Promise((resolve) => setTimeout(resolve, 0));
    try {
      const models = files.filter(isModelFile);
      const configs = files.filter((f) => !isModelFile(f));
      for (const file of models)
        await this.openModelText(file.text, file.path.split('/').pop() ?? file.path, null);
      if (configs.length > 0) {
        const scene = this.editor.scene.value;
        if (models.length === 0 && (scene.model.sources.length > 0 || scene.model.elements.length > 0)) {
          this.importDiagnostics.set([...diagnostics, ...this.reimport(configs)]);
        } else {
          await this.createFromFiles(configs);
          this.importDiagnostics.set([...diagnostics, ...this.importDiagnostics.value]);
        }
      } else if (diagnostics.length > 0) this.importDiagnostics.set(diagnostics);
    } finally {
      this.progress.set(null);
    }
  }

  /** Merges files into the open model as one undoable step (the user's edits are kept), laying
   * out only what is new. */
  reimport(files: ImportFile[]): Diagnostic[] {
    const scene = this.editor.scene.value;
    const result = reimportModel(scene.model, files, this.now());
    const removed = new Set(result.removedIds);
    const kept = Object.fromEntries(
      Object.entries(scene.layout.positions).filter(([id]) => !removed.has(id)),
    );
    const layout = layoutMissing(result.model, kept);
    this.editor.dispatch('replace-scene', { model: result.model, layout });
    this.notify('info', t('import.merged', { ...result.summary }));
    return result.diagnostics;
  }

  async pickAndImport(folder: boolean): Promise<void> {
    const picked = await this.bridge.pickImportFiles({ folder });
    if (picked) await this.importPicked(picked);
  }

  /** Opens a `*.rampart.json` chosen by the user as a new model of the library. */
  async openFile(): Promise<void> {
    const opened = await this.bridge.openModelFile();
    if (opened) await this.openModelText(opened.text, opened.name, opened.handle);
  }

  async openModelText(text: string, name: string, handle: FileHandle | null): Promise<boolean> {
    if (recognizeFile({ path: name, text }).kind === 'threat-dragon') {
      const imported = importThreatDragon(text, name, { newId: this.newId, now: this.now() });
      this.importDiagnostics.set(imported.diagnostics);
      if (!imported.model) {
        this.notify('error', t('file.unreadable', { name }));
        return false;
      }
      await this.flush();
      await this.adopt({ model: imported.model, layout: imported.layout ?? emptyLayout() }, 'open');
      return true;
    }
    const parsed = parseModelFile(text, name);
    this.importDiagnostics.set(parsed.diagnostics);
    if (!parsed.file) {
      this.notify('error', t('file.unreadable', { name }));
      return false;
    }
    await this.flush();
    let model = parsed.file.model;
    // A file opened twice becomes two models rather than overwriting the first.
    if (this.library.value.some((m) => m.id === model.id)) model = { ...model, id: this.newId() };
    const layout = needsLayout(model, parsed.file.layout)
      ? layoutMissing(model, parsed.file.layout.positions)
      : parsed.file.layout;
    await this.adopt({ model, layout }, 'open');
    this.fileHandle = handle;
    return true;
  }

  /** Saves the open model as `*.rampart.json` (a download in the browser). */
  async saveFile(saveAs = false): Promise<void> {
    const { model, layout } = this.editor.scene.value;
    const text = serializeModelFile(model, layout);
    const result = await this.bridge.saveModelFile({
      handle: saveAs ? null : this.fileHandle,
      suggestedName: `${fileSlug(model.name)}.rampart.json`,
      text,
      ...(saveAs ? { saveAs } : {}),
    });
    if (result.status === 'saved') {
      this.fileHandle = result.handle;
      this.notify('info', t('file.saved', { name: result.name }));
    } else if (result.status === 'failed')
      this.notify('error', t('file.save-failed', { message: result.message }));
    else if (result.status === 'changed-on-disk')
      this.notify('error', t('file.changed-on-disk', { name: result.name }));
  }

  async rename(id: string, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) return;
    if (id === this.current.value?.id) this.editor.dispatch('rename', { id, name: trimmed });
    else {
      await this.store.rename(id, trimmed);
      await this.refreshLibrary();
    }
  }

  async duplicate(id: string): Promise<void> {
    await this.flush();
    const source = this.library.value.find((m) => m.id === id);
    const copyId = await this.store.duplicate(id, t('library.copy-name', { name: source?.name ?? '' }));
    await this.refreshLibrary();
    if (copyId) await this.open(copyId);
  }

  async remove(id: string): Promise<void> {
    await this.flush();
    await this.store.delete(id);
    const models = await this.refreshLibrary();
    if (id === this.current.value?.id) {
      this.current.set(null);
      const next = models[0];
      if (!next || !(await this.open(next.id))) await this.createEmpty();
    }
  }

  async refreshRevisions(): Promise<void> {
    const id = this.current.value?.id;
    this.revisions.set(id ? await this.store.revisions(id) : []);
  }

  /** Puts an earlier revision back (the library keeps the current state as a revision first). */
  async restoreRevision(revision: string): Promise<void> {
    const id = this.current.value?.id;
    if (!id) return;
    await this.flush();
    const stored = await this.store.restore(id, revision);
    if (!stored) return;
    this.load(stored);
    await this.refreshRevisions();
    await this.refreshLibrary();
  }

  /** Writes any pending edit now (page hidden or closing, another model opening). */
  async flush(): Promise<void> {
    try {
      await this.autosave.flush();
    } catch {
      // Reported through the save state; the edit stays pending for the next attempt.
    }
  }

  /** Flushes pending edits when the page is hidden or closed; returns an unsubscribe function. */
  flushOnHide(win: EventTarget, doc: EventTarget): () => void {
    const stopWindow = this.autosave.flushOn(win);
    const stopDocument = this.autosave.flushOn(doc);
    return () => {
      stopWindow();
      stopDocument();
    };
  }

  /** Menu commands of the desktop host and the keyboard alike. */
  runMenuCommand(command: MenuCommand): void {
    const editorCommands: Partial<Record<MenuCommand, string>> = {
      undo: 'undo',
      redo: 'redo',
      'select-all': 'select-all',
      fit: 'fit',
      'zoom-in': 'zoom-in',
      'zoom-out': 'zoom-out',
      'zoom-reset': 'zoom-reset',
      help: 'help',
    };
    const action = editorCommands[command];
    if (action) this.editor.dispatch(action);
    else if (command === 'new') void this.createEmpty();
    else if (command === 'open') void this.openFile();
    else if (command === 'import') void this.pickAndImport(false);
    else if (command === 'save') void this.saveFile();
    else if (command === 'save-as') void this.saveFile(true);
  }

  notify(kind: Notice['kind'], text: string): void {
    const id = ++this.noticeId;
    this.notices.update((list) => [...list.slice(-3), { id, kind, text }]);
  }

  dismiss(id: number): void {
    this.notices.update((list) => list.filter((n) => n.id !== id));
  }

  private async adopt(scene: Scene, reason: string): Promise<void> {
    const layout = needsLayout(scene.model, scene.layout)
      ? layoutMissing(scene.model, scene.layout.positions)
      : scene.layout;
    const stored = { model: scene.model, layout };
    await this.store.create(stored, reason);
    this.fileHandle = null;
    this.load(stored);
    await this.refreshLibrary();
    await this.refreshRevisions();
  }

  private load(scene: Scene): void {
    const layout = needsLayout(scene.model, scene.layout)
      ? layoutMissing(scene.model, scene.layout.positions)
      : scene.layout;
    this.current.set({ id: scene.model.id, name: scene.model.name, updatedAt: this.now() });
    this.editor.load({ model: scene.model, layout });
    this.saveState.set('saved');
  }

  private rederive(model: ThreatModel): void {
    if (model === this.derivedFor) return;
    this.derivedFor = model;
    this.derived.set(deriveView(model));
  }

  private scheduleSave(): void {
    const { model, layout } = this.editor.scene.value;
    this.autosave.update({ model, layout });
  }

  private async syncLibraryName(): Promise<void> {
    const model = this.editor.scene.value.model;
    if (this.library.value.find((m) => m.id === model.id)?.name !== model.name) await this.refreshLibrary();
  }
}

/** A file name from a model name: letters, digits and dashes. */
export function fileSlug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .toLowerCase() || 'model'
  );
}
