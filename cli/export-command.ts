import { analyzeThreats, type ThreatAnalysis } from '../models/analysis/analyze-threats';
import {
  parseAssumptionArgument,
  type AssumptionKey,
  type AssumptionValue,
} from '../models/attack/rules/assumptions';
import { parseArgs, UsageError, type ParsedArgs } from './args';
import { collectFiles } from './collect-files';
import type { CommandIo } from './command-io';
import { exportFormat, exportFormatNames } from './export-formats';
import { writeOutput } from './write-output';

/** The usage text, built when asked so that it lists every format registered by then. */
export function exportUsage(): string {
  return `rampart export <path>... --to ${exportFormatNames().join('|')} --out FILE [--assume KEY=VALUE]...

Analyses the files and folders like "rampart analyze" and writes the result in one format
("--out -" writes to standard output):
${exportFormatNames()
  .map((name) => `  ${name.padEnd(14)} ${exportFormat(name)!.description}`)
  .join('\n')}`;
}

/** `rampart export`: exit 0 on success, 2 on usage or input errors (the file is still written, as
 * `rampart analyze` does, so the problems can be read in it). */
export function exportCommand(argv: string[], io: CommandIo): number {
  const args = parseArgs(argv, {
    to: { value: true, choices: exportFormatNames() },
    out: { value: true },
    assume: { value: true, repeatable: true },
  });
  const to = args.options.get('to')?.[0];
  if (!to) throw new UsageError(`export needs --to ${exportFormatNames().join('|')}`);
  const out = args.options.get('out')?.[0];
  if (!out) throw new UsageError('export needs --out FILE (or --out - for standard output)');
  if (args.positionals.length === 0) throw new UsageError('export needs at least one file or folder');
  const format = exportFormat(to)!;

  const analysis = analyzeInputs(args, io);
  writeOutput(format.write(analysis, { tool: { name: 'rampart', version: io.version } }), out, io);

  for (const d of analysis.diagnostics) {
    if (d.severity === 'info') continue;
    io.stderr(
      `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}${d.excerpt ? `\n    ${d.excerpt}` : ''}`,
    );
  }
  return analysis.diagnostics.some((d) => d.severity === 'error') ? 2 : 0;
}

/** The paths and `--assume` facts of the command line, analysed as `rampart analyze` does. */
function analyzeInputs(args: ParsedArgs, io: CommandIo): ThreatAnalysis {
  const assumptions: Partial<Record<AssumptionKey, AssumptionValue>> = {};
  for (const text of args.options.get('assume') ?? []) {
    const parsed = parseAssumptionArgument(text);
    if ('error' in parsed) throw new UsageError(`--assume ${text}: ${parsed.error}`);
    assumptions[parsed.key] = parsed.value;
  }
  const collected = collectFiles(args.positionals, io.cwd);
  const collectedText = new Map(collected.files.map((f) => [f.path, f.text]));
  return analyzeThreats(collected.files, {
    assumptions,
    explicit: collected.explicit,
    read: (path) => collectedText.get(path) ?? collected.read(path),
    diagnostics: collected.diagnostics,
  });
}
