/** A small, strict argument parser: known options only, clear messages, no surprises. */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string[]>;
}

export class UsageError extends Error {}

export interface OptionSpec {
  /** Takes a value (`--out FILE`) or is a switch (`--quiet`). */
  value: boolean;
  repeatable?: boolean;
  choices?: readonly string[];
}

export function parseArgs(argv: string[], spec: Record<string, OptionSpec>): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const option = spec[name];
    if (!option) throw new UsageError(`unknown option --${name}`);
    let value = 'true';
    if (option.value) {
      const next = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (next === undefined || (eq < 0 && next.startsWith('--')))
        throw new UsageError(`--${name} needs a value`);
      value = next;
      if (option.choices && !option.choices.includes(value)) {
        throw new UsageError(`--${name} must be one of ${option.choices.join(', ')} (got "${value}")`);
      }
    }
    const previous = options.get(name);
    if (previous && !option.repeatable) throw new UsageError(`--${name} is given twice`);
    options.set(name, [...(previous ?? []), value]);
  }
  return { positionals, options };
}
