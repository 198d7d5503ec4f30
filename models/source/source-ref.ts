/** Where a fact came from: the file as the user named it, a 1-based line and column, and a
 * path into the document such as `services.web.cap_add[0]`. */
export interface SourceRef {
  file: string;
  line: number;
  column: number;
  path?: string;
}

/** A value read from a config, with the place it was read from: every finding cites one. */
export interface Fact<T> {
  value: T;
  at: SourceRef;
}

export function fact<T>(value: T, at: SourceRef): Fact<T> {
  return { value, at };
}

/** Sort order for references: file, then line, then column. */
export function compareSourceRefs(a: SourceRef, b: SourceRef): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  return a.column - b.column;
}

/** The first of the earliest references (what sorting them would put first), without sorting. */
export function earliestSourceRef(refs: readonly SourceRef[]): SourceRef | undefined {
  let first = refs[0];
  for (const ref of refs) if (compareSourceRefs(ref, first!) < 0) first = ref;
  return first;
}

export function formatSourceRef(ref: SourceRef): string {
  return `${ref.file}:${ref.line}:${ref.column}`;
}
