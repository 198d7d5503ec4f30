import { isRecord } from '../coerce';

/** An OCI runtime `config.json`: an `ociVersion` and a `process` or `root`. */
export function looksLikeOciConfig(doc: unknown): boolean {
  return isRecord(doc) && typeof doc.ociVersion === 'string' && (isRecord(doc.process) || isRecord(doc.root));
}
