/** What a command needs from the process, injected so commands run in tests without spawning. */
export interface CommandIo {
  cwd: string;
  version: string;
  /** Standard output: text, or the bytes of a binary file (`--out -`). */
  stdout(data: string | Uint8Array): void;
  stderr(line: string): void;
  /** Whether standard output is a terminal: binary files are not written to one. */
  stdoutIsTerminal?: boolean;
}
