import { execFileSync } from 'node:child_process';

/** True when a Debian checker is on the PATH. Tests that need one skip only outside CI. */
export function hasTool(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const runChecker = (command: string): boolean => hasTool(command) || process.env.CI !== undefined;
