import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { analyzeCommand, ANALYZE_USAGE } from './analyze-command';
import { UsageError } from './args';
import type { CommandIo } from './command-io';
import { exportCommand, exportUsage } from './export-command';
import { hardenCommand, HARDEN_USAGE } from './harden-command';
import { profileCommand, PROFILE_USAGE } from './profile-command';

const USAGE = `usage: rampart <command> [options]

commands:
  ${ANALYZE_USAGE.split('\n')[0]}
  ${exportUsage().split('\n')[0]}
  ${PROFILE_USAGE.split('\n').slice(0, 2).join('\n  ')}
  ${HARDEN_USAGE.split('\n')[0]}

Run "rampart <command> --help" for details.`;

type Command = (argv: string[], io: CommandIo) => number | Promise<number>;

const COMMANDS: Record<string, { usage: string; run: Command }> = {
  analyze: { usage: ANALYZE_USAGE, run: analyzeCommand },
  export: { usage: exportUsage(), run: exportCommand },
  profile: { usage: PROFILE_USAGE, run: profileCommand },
  harden: { usage: HARDEN_USAGE, run: hardenCommand },
};

/** Runs the CLI and returns its exit code: 0 success, 1 findings at or above --fail-on, 2 usage or
 * input error. Commands that write asynchronously (the DOCX export) give the code as a promise; the
 * others give it at once. */
export function runCli(argv: string[], io: CommandIo): number | Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.stdout(`${io.version}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`rampart: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  const fail = (error: unknown): number => {
    if (error instanceof UsageError) {
      io.stderr(`rampart ${name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    io.stderr(`rampart ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  };
  try {
    const code = command.run(rest, io);
    return typeof code === 'number' ? code : code.catch(fail);
  } catch (error) {
    return fail(error);
  }
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain || process.env.RAMPART_CLI === '1') {
  // Under `npm run rampart`, npm changes to the package folder; INIT_CWD is where the user typed it.
  const cwd =
    process.env.npm_lifecycle_event === 'rampart' && process.env.INIT_CWD
      ? process.env.INIT_CWD
      : process.cwd();
  const io: CommandIo = {
    cwd,
    version: packageVersion(),
    stdout: (data) => process.stdout.write(data),
    stderr: (line) => process.stderr.write(`${line}\n`),
    stdoutIsTerminal: process.stdout.isTTY === true,
  };
  // A reader that stops early (`rampart analyze … | head`) is not an error of ours.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await runCli(process.argv.slice(2), io);
}
