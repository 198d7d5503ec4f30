import { Store } from '../state/store';
import type { ExportKind } from './export-kinds';

/** Asks the export dialog to open (on a format, when given): from the keyboard shortcut's action,
 * which has no other way to reach the dialog. `seq` grows with every request. */
export const exportRequests = new Store<{ kind: ExportKind | null; seq: number }>({ kind: null, seq: 0 });

export function requestExport(kind: ExportKind | null = null): void {
  exportRequests.update(({ seq }) => ({ kind, seq: seq + 1 }));
}
