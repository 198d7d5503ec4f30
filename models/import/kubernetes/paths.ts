/** Paths into a manifest as a user reads them: `spec.template.spec.containers[0].securityContext`. */

/** Path of a field whose name is a known identifier (`spec`, `securityContext`). */
export function fieldPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

export function itemPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Path of a user-chosen key (an annotation or label), bracketed when it is not an identifier. */
export function keyPath(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return fieldPath(path, key);
  return `${path}[${JSON.stringify(key)}]`;
}
