const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  EROFS: 'the disk is read-only',
  ENOENT: 'it does not exist',
  EISDIR: 'it is a folder',
  EBUSY: 'the file is in use',
  EMFILE: 'too many files are open',
};

/**
 * A message for the renderer about a failed file operation: the kind of error, never the path
 * (Node's messages embed it, and paths stay in the main process).
 */
export function describeFileError(error: unknown, verb: 'read' | 'written'): string {
  const code = (error as { code?: unknown } | null)?.code;
  const reason = typeof code === 'string' ? REASONS[code] : undefined;
  return `could not be ${verb}: ${reason ?? 'input/output error'}`;
}
