import { version } from '../../package.json';
import type { HardenedFile } from '../../models/export/harden';
import type { SpecInfo } from '../../models/export/specification/spec-document';
import { DEFAULT_SPEC_TEMPLATE } from '../../models/export/specification/spec-template';
import type { DocumentInfo, ThreatModel } from '../../models/model/threat-model';
import type { Editor } from '../editor/editor';
import { t } from '../i18n/t';
import type { HostBridge, MenuCommand, SaveResult } from '../platform/host-bridge';
import { Store } from '../state/store';
import { fileSlug, type Notice } from '../state/workspace';
import type { ExportEngine } from './export-engine';
import {
  EXPORT_FILES,
  isExportKind,
  isSpecification,
  type ExportKind,
  type FileExportKind,
} from './export-kinds';
import { exportRequests } from './export-requests';

export type ExportPhase = 'deriving' | 'diagram' | 'rendering' | 'saving';

export interface ExportSnapshot {
  open: boolean;
  selected: ExportKind;
  /** The export under way, and what it is doing. */
  busy?: { kind: FileExportKind; phase: ExportPhase };
  /** The specification's title as edited for this session; null follows the model's name. */
  title: string | null;
  /** The files of the last hardened-configs export, to save one by one. */
  hardened?: readonly HardenedFile[];
}

/** What the controller needs of the workspace. */
export interface ExportHost {
  editor: Editor;
  notify(kind: Notice['kind'], text: string): void;
}

export interface ExportControllerOptions {
  engine: ExportEngine;
  /** SVG → PNG (`rasterizeSvg`); without it the .docx has no diagram picture. */
  rasterize?: (svg: string, width: number, height: number) => Promise<Uint8Array>;
  today?: () => string;
}

const TOOL = { name: 'rampart', version };

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function localDate(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The export menu's state and commands: which format is chosen, the specification's document
 * control, and running an export — derive (in the export worker), draw the diagram, render, and
 * hand the file to the host (`saveExport`: a download on the web, a save dialog on the desktop),
 * with a notice of the result. One export runs at a time; the page keeps responding meanwhile.
 */
export class ExportController {
  readonly state = new Store<ExportSnapshot>({ open: false, selected: 'docx', title: null });
  private readonly today: () => string;

  constructor(
    private readonly host: ExportHost,
    private readonly bridge: Pick<HostBridge, 'saveExport' | 'host'>,
    private readonly options: ExportControllerOptions,
  ) {
    this.today = options.today ?? localDate;
    let first = true;
    exportRequests.subscribe(({ kind }) => {
      if (!first) this.open(kind ?? undefined);
      first = false;
    });
  }

  private get model(): ThreatModel {
    return this.host.editor.scene.value.model;
  }

  private update(change: Partial<ExportSnapshot>): void {
    this.state.set({ ...this.state.value, ...change });
  }

  open(kind?: ExportKind): void {
    this.update({ open: true, ...(kind ? { selected: kind } : {}) });
  }

  close(): void {
    this.update({ open: false });
  }

  select(kind: ExportKind): void {
    this.update({ selected: kind });
  }

  /** `export:*` commands of the desktop menu: open the dialog on the format and, for a file
   * format, start the export. Returns false for other commands. */
  runMenuCommand(command: MenuCommand): boolean {
    if (!command.startsWith('export:')) return false;
    const kind = command.slice('export:'.length);
    if (!isExportKind(kind)) return false;
    this.open(kind);
    if (kind !== 'seccomp' && kind !== 'apparmor') void this.exportFile(kind);
    return true;
  }

  /** The title the specification gets unless the user wrote another. */
  defaultTitle(model: ThreatModel = this.model): string {
    return `${DEFAULT_SPEC_TEMPLATE.title}: ${model.name}`;
  }

  setTitle(title: string): void {
    const trimmed = title.trim();
    this.update({ title: trimmed === '' || trimmed === this.defaultTitle() ? null : trimmed });
  }

  /** Changes document-control fields of the model (one undoable edit, saved with the model). */
  setDocument(change: Partial<DocumentInfo>): boolean {
    return this.host.editor.dispatch('set-document-info', { ...this.model.document, ...change });
  }

  /** Title page fields: the model's document control, with the template's defaults for blanks. */
  specInfo(model: ThreatModel = this.model): SpecInfo {
    const doc = model.document;
    return {
      title: this.state.value.title ?? this.defaultTitle(model),
      version: doc.version || '1.0',
      date: this.today(),
      authors: doc.authors,
      classification: doc.classification || DEFAULT_SPEC_TEMPLATE.classification,
      organization: doc.organization || DEFAULT_SPEC_TEMPLATE.organization,
    };
  }

  fileName(kind: FileExportKind, model: ThreatModel = this.model): string {
    return `${fileSlug(model.name)}${EXPORT_FILES[kind].suffix}`;
  }

  /** Makes one export of the open model and saves it; the outcome is shown as a notice. */
  async exportFile(kind: FileExportKind): Promise<SaveResult | undefined> {
    if (this.state.value.busy) {
      this.host.notify('error', t('export.busy'));
      return undefined;
    }
    const { model, layout } = this.host.editor.scene.value;
    const { engine, rasterize } = this.options;
    const phase = (p: ExportPhase) => this.update({ busy: { kind, phase: p } });
    try {
      phase(engine.needsDerivation(model) ? 'deriving' : 'rendering');
      await nextTask();
      let png: Uint8Array | undefined;
      if (kind === 'docx' && rasterize) {
        const diagram = await engine.diagram(model, layout);
        phase('diagram');
        await nextTask();
        png = await rasterize(diagram.svg, diagram.width, diagram.height);
      }
      phase('rendering');
      await nextTask();
      const output = await engine.render({
        kind,
        model,
        layout,
        info: this.specInfo(model),
        tool: TOOL,
        ...(png ? { png } : {}),
      });
      if (output.files) this.update({ hardened: output.files });
      phase('saving');
      await nextTask();
      return await this.save(this.fileName(kind, model), output.mimeType, output.data);
    } catch (error) {
      this.host.notify(
        'error',
        t('export.failed', { message: error instanceof Error ? error.message : String(error) }),
      );
      return { status: 'failed', message: String(error) };
    } finally {
      this.update({ busy: undefined });
    }
  }

  /** Saves one file (a profile, one hardened config) through the host, with a notice. */
  async save(name: string, mimeType: string, data: string | Uint8Array): Promise<SaveResult> {
    let result: SaveResult;
    try {
      result = await this.bridge.saveExport({ suggestedName: name, mimeType, data });
    } catch (error) {
      result = { status: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    if (result.status === 'saved')
      this.host.notify(
        'info',
        t(this.bridge.host === 'web' ? 'export.downloaded' : 'export.saved', { name: result.name }),
      );
    else if (result.status === 'cancelled') this.host.notify('info', t('export.cancelled'));
    else if (result.status === 'failed')
      this.host.notify('error', t('export.failed', { message: result.message }));
    else this.host.notify('error', t('export.failed', { message: result.name }));
    return result;
  }

  /** Saves one of the hardened files on its own, named after its path. */
  saveHardenedFile(file: HardenedFile): Promise<SaveResult> {
    const name = file.path.replace(/\//g, '_');
    return this.save(name, file.path.endsWith('.md') ? 'text/markdown' : 'application/yaml', file.text);
  }

  isSpecification(kind: ExportKind): boolean {
    return isSpecification(kind);
  }

  /** Whether saving is a download (web) rather than a save dialog (desktop). */
  get downloads(): boolean {
    return this.bridge.host === 'web';
  }
}
