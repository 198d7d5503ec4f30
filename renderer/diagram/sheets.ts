/**
 * Splits a list into sheets of `size` consecutive items, in order. The diagram draws each sheet as
 * an SVG of its own: Chromium repaints an SVG as a whole (its shapes have no cached subsequences
 * of their own), so a changed flow repaints its sheet rather than every shape of the diagram.
 *
 * The returned function remembers the sheets it made last: a sheet whose items are the same
 * objects as before is the same array again, so the view leaves it alone (diagram views are
 * replaced only where something changed).
 */
export function sheetSplitter<T>(size: number): (items: readonly T[]) => (readonly T[])[] {
  let last: (readonly T[])[] = [];
  return (items) => {
    const sheets: (readonly T[])[] = [];
    for (let start = 0; start < items.length; start += size) {
      const sheet = items.slice(start, start + size);
      const before = last[sheets.length];
      sheets.push(before && sameItems(before, sheet) ? before : sheet);
    }
    last = sheets;
    return sheets;
  };
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
