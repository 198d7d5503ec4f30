import type { DocumentInfo } from '../../../models/model/threat-model';
import { requestExport } from '../../export/export-requests';
import { primary, type Action } from './action';

function normalized(info: DocumentInfo): DocumentInfo {
  return {
    version: info.version.trim(),
    authors: info.authors.map((a) => a.trim()).filter((a) => a !== ''),
    classification: info.classification.trim(),
    organization: info.organization.trim(),
  };
}

function same(a: DocumentInfo, b: DocumentInfo): boolean {
  return (
    a.version === b.version &&
    a.classification === b.classification &&
    a.organization === b.organization &&
    a.authors.length === b.authors.length &&
    a.authors.every((author, i) => author === b.authors[i])
  );
}

/** Sets the specification's document control (version, authors, classification, organization):
 * one undoable edit of `model.document`, saved with the model. */
export const setDocumentInfo: Action<DocumentInfo> = {
  name: 'set-document-info',
  label: 'action.set-document-info',
  perform({ scene }, info) {
    const document = normalized(info);
    if (same(document, scene.model.document)) return null;
    return { scene: { ...scene, model: { ...scene.model, document } }, commit: true };
  },
};

/** Opens the export dialog. The dialog lives outside the editor's state, so this action only
 * forwards the request (`exportRequests`) and changes nothing here. */
export const openExport: Action = {
  name: 'open-export',
  label: 'action.open-export',
  shortcut: 'Ctrl+Shift+E',
  keyTest: (key) => primary(key) && key.shiftKey && !key.altKey && key.key.toLowerCase() === 'e',
  perform() {
    requestExport();
    return { commit: false };
  },
};
