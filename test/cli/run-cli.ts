import { runCli } from '../../cli/main';

/** Runs the CLI in-process with captured output. */
export function runRampart(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, {
    cwd,
    version: '0.0.0-test',
    stdout: (text) => (stdout += text),
    stderr: (line) => (stderr += `${line}\n`),
  });
  return { code, stdout, stderr };
}
