import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './args';
import type { CommandIo } from './command-io';

/** Writes to --out atomically (temp file, fsync, rename) so a crash never leaves half a report;
 * without --out, or with `--out -`, to standard output. Bytes (a DOCX file) go to standard output
 * only when it is not a terminal. */
export function writeOutput(data: string | Uint8Array, out: string | undefined, io: CommandIo): void {
  if (!out || out === '-') {
    if (typeof data !== 'string' && io.stdoutIsTerminal)
      throw new UsageError(
        'refusing to write a binary file to the terminal: give --out FILE, or redirect standard output',
      );
    io.stdout(data);
    return;
  }
  const target = resolve(io.cwd, out);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  const fd = openSync(temp, 'w', 0o644);
  try {
    if (typeof data === 'string') writeSync(fd, data);
    else for (let at = 0; at < data.length;) at += writeSync(fd, data, at, data.length - at);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  renameSync(temp, target);
}
