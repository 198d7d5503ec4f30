import { isRecord } from '../coerce';

/** A container as `docker inspect` prints it: an `Id` and a `HostConfig`, or a `Config` and a
 * `State` (image inspect output has `Config` but neither of the others). */
export function isInspectedContainer(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value) || typeof value.Id !== 'string') return false;
  return isRecord(value.HostConfig) || (isRecord(value.Config) && isRecord(value.State));
}

/** `docker inspect` / `docker container inspect` output: a list of containers, or one of them. */
export function looksLikeDockerInspect(doc: unknown): boolean {
  if (!Array.isArray(doc)) return isInspectedContainer(doc);
  return doc.length > 0 && doc.every(isRecord) && doc.some(isInspectedContainer);
}
