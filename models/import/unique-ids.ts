/**
 * Keeps the ids of several objects unique when some are defined alike (a manifest copied into two
 * folders, two containers of one `docker inspect` with the same name): the first keeps its id,
 * each later one gets a `~2`, `~3`… suffix. The suffix skips every id already in use, since an
 * object may itself be called `web~2`. Renames in place, in the order given; `renamed` is told
 * the old id of each.
 */
export function renameDuplicateIds<T extends { id: string }>(
  items: readonly T[],
  renamed?: (item: T, index: number, from: string) => void,
): void {
  const taken = new Set(items.map((item) => item.id));
  const kept = new Set<string>();
  items.forEach((item, index) => {
    if (kept.has(item.id)) {
      const from = item.id;
      let n = 2;
      while (taken.has(`${from}~${n}`)) n++;
      item.id = `${from}~${n}`;
      taken.add(item.id);
      renamed?.(item, index, from);
    }
    kept.add(item.id);
  });
}
