/** Sets an optional property only when there is a value, so that "not set in the config" stays an
 * absent key rather than a key holding undefined. */
export function setIfDefined<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}
