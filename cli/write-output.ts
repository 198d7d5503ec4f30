import { closeSync, fsyncSync, openSync, renameSync, writeSync, unlinkSync } from 'node:fs';
import { resolve, dirname, basename, join } from 'node:path';
import type { CommandIo } from './command-io';

/** Writes to --out atomically (temp file, fsync, rename) so a crash never leaves half a report;
 * without --out, to standard output. */
export function writeOutput(text: string, out: string | undefined, io: CommandIo): void {
  if (!out || out === '-') {
    io.stdout(text);
    return;
  }
  const target = resolve(io.cwd, out);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  const fd = openSync(temp, 'w', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  renameSync(temp, target);
}
