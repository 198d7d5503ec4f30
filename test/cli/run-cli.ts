import { runCli } from '../../cli/main';
import type { CommandIo } from '../../cli/command-io';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Standard output as bytes (what a binary format wrote with --out -). */
  stdoutBytes: Uint8Array;
}

function capture(options: { terminal?: boolean }) {
  const chunks: Uint8Array[] = [];
  let stderr = '';
  const io = (cwd: string): CommandIo => ({
    cwd,
    version: '0.0.0-test',
    stdout: (data) => chunks.push(typeof data === 'string' ? new TextEncoder().encode(data) : data),
    stderr: (line) => (stderr += `${line}\n`),
    ...(options.terminal ? { stdoutIsTerminal: true } : {}),
  });
  const result = (code: number): CliRun => {
    const stdoutBytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      stdoutBytes.set(c, at);
      at += c.length;
    }
    return { code, stdout: new TextDecoder().decode(stdoutBytes), stderr, stdoutBytes };
  };
  return { io, result };
}

/** Runs a command that completes synchronously in-process with captured output. */
export function runRampart(args: string[], cwd: string): CliRun {
  const { io, result } = capture({});
  const code = runCli(args, io(cwd));
  if (typeof code !== 'number') throw new Error(`rampart ${args[0]} is asynchronous: use runRampartAsync`);
  return result(code);
}

/** Runs any command in-process with captured output, waiting for asynchronous writers. */
export async function runRampartAsync(
  args: string[],
  cwd: string,
  options: { terminal?: boolean } = {},
): Promise<CliRun> {
  const { io, result } = capture(options);
  return result(await runCli(args, io(cwd)));
}
