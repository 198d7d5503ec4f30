import { isRecord } from '../coerce';
import { COMPOSE_DIAGNOSTICS as D } from './diagnostics';
import { FileScope } from './file-scope';
import type { ImportSession, LoadedFile } from './session';

/**
 * The documents of a compose file that can be read as compose models, each as a FileScope.
 * Compose reads the documents of one file in order, like files given one after another.
 */
export function fileScopes(session: ImportSession, loaded: LoadedFile): FileScope[] {
  const cached = session.scopes.get(loaded.path);
  if (cached) return cached;
  const scopes: FileScope[] = [];
  for (const document of loaded.parsed.documents) {
    if (document.value === null) continue;
    if (isRecord(document.value)) {
      scopes.push(new FileScope(session, loaded, document.value));
      continue;
    }
    const position = loaded.source.position(Math.max(0, document.start));
    session.report(
      D.COMPOSE_NOT_A_MAPPING,
      'a compose file must be a mapping with a services: key, not a list or a single value',
      { file: loaded.path, ...position },
    );
  }
  session.scopes.set(loaded.path, scopes);
  return scopes;
}
