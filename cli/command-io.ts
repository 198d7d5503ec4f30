/** What a command needs from the process, injected so commands run in tests without spawning. */
export interface CommandIo {
  cwd: string;
  version: string;
  stdout(text: string): void;
  stderr(line: string): void;
}
