/**
 * Which revisions of a model to keep (run after every new revision):
 *
 *   revisionsToPrune(revisions, now) → ids to delete
 *
 * - every revision of the last hour;
 * - older than an hour, up to a day: the newest of each clock hour;
 * - older than a day: the newest of each calendar day (UTC), for ever.
 *
 * So an afternoon of editing costs at most ~60 + 23 revisions, and a model a year old ~365 more,
 * while a restore can still reach any day it was worked on.
 */

export interface RevisionStamp {
  id: number;
  /** ISO 8601. */
  createdAt: string;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export function revisionsToPrune(revisions: readonly RevisionStamp[], now: number): number[] {
  const newestFirst = [...revisions].sort(
    (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id,
  );
  const seenBuckets = new Set<string>();
  const prune: number[] = [];
  for (const revision of newestFirst) {
    const at = Date.parse(revision.createdAt);
    const age = now - at;
    if (Number.isNaN(at) || age < HOUR) continue;
    const bucket = age < DAY ? `h${Math.floor(at / HOUR)}` : `d${Math.floor(at / DAY)}`;
    if (seenBuckets.has(bucket)) prune.push(revision.id);
    else seenBuckets.add(bucket);
  }
  return prune.sort((a, b) => a - b);
}
