import { analyzeThreats, type ThreatAnalysis } from '../models/analysis/analyze-threats';
import {
  parseAssumptionArgument,
  type AssumptionKey,
  type AssumptionValue,
} from '../models/attack/rules/assumptions';
import type { SpecInfo } from '../models/export/specification/spec-document';
import { parseArgs, UsageError, type ParsedArgs } from './args';
import { collectFiles } from './collect-files';
import type { CommandIo } from './command-io';
import { exportFormat, exportFormatNames } from './export-formats';
import { loadSpecTemplate, type SpecificationExportOptions } from './specification-export';
import { writeOutput } from './write-output';

/** Options that set the specification's template and document control. */
const SPECIFICATION_OPTIONS = ['template', 'title', 'version', 'author', 'classification', 'organization'];

function specificationFormatNames(): string[] {
  return exportFormatNames().filter((name) => exportFormat(name)!.specification);
}

/** The usage text, built when asked so that it lists every format registered by then. */
export function exportUsage(): string {
  const spec = specificationFormatNames().join(', ');
  return `rampart export <path>... --to ${exportFormatNames().join('|')} --out FILE [--assume KEY=VALUE]...
    [--template FILE] [--title TEXT] [--version TEXT] [--author NAME]... [--classification TEXT]
    [--organization TEXT]

Analyses the files and folders like "rampart analyze" and writes the result in one format
("--out -" writes to standard output; a DOCX file only when it is not a terminal):
${exportFormatNames()
  .map((name) => `  ${name.padEnd(14)} ${exportFormat(name)!.description}`)
  .join('\n')}

The security specification (${spec}) takes these options:
  --template FILE        a specification template (JSON, see templates/spec/README.md); its
                         logo path is relative to the template file
  --title TEXT           document title (default: the template's)
  --version TEXT         document version (default: 1.0)
  --author NAME          an author; repeat for several
  --classification TEXT  marking on every page (default: the template's)
  --organization TEXT    organization on the title page and footer (default: the template's)`;
}

/** `rampart export`: exit 0 on success, 2 on usage or input errors (the file is still written, as
 * `rampart analyze` does, so the problems can be read in it). The DOCX writer is asynchronous, so
 * the exit code may come as a promise. */
export function exportCommand(argv: string[], io: CommandIo): number | Promise<number> {
  const args = parseArgs(argv, {
    to: { value: true, choices: exportFormatNames() },
    out: { value: true },
    assume: { value: true, repeatable: true },
    template: { value: true },
    title: { value: true },
    version: { value: true },
    author: { value: true, repeatable: true },
    classification: { value: true },
    organization: { value: true },
  });
  const to = args.options.get('to')?.[0];
  if (!to) throw new UsageError(`export needs --to ${exportFormatNames().join('|')}`);
  const out = args.options.get('out')?.[0];
  if (!out) throw new UsageError('export needs --out FILE (or --out - for standard output)');
  if (args.positionals.length === 0) throw new UsageError('export needs at least one file or folder');
  const format = exportFormat(to)!;
  if (!format.specification) {
    const given = SPECIFICATION_OPTIONS.find((name) => args.options.has(name));
    if (given)
      throw new UsageError(
        `--${given} applies to the security specification (--to ${specificationFormatNames().join('|')}), not to --to ${to}`,
      );
  }
  if (out === '-' && io.stdoutIsTerminal && to === 'docx')
    throw new UsageError(
      '--to docx --out - writes a binary file: redirect standard output, or give --out FILE',
    );

  const assumptions = assumptionsOf(args);
  const specification = format.specification ? { ...specificationOptions(args, io), assumptions } : {};
  const analysis = analyzeInputs(args, assumptions, io);
  const finish = (data: string | Uint8Array): number => {
    writeOutput(data, out, io);
    for (const d of analysis.diagnostics) {
      if (d.severity === 'info') continue;
      io.stderr(
        `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}${d.excerpt ? `\n    ${d.excerpt}` : ''}`,
      );
    }
    return analysis.diagnostics.some((d) => d.severity === 'error') ? 2 : 0;
  };
  const data = format.write(analysis, {
    tool: { name: 'rampart', version: io.version },
    specification,
  });
  return typeof data === 'string' || data instanceof Uint8Array ? finish(data) : data.then(finish);
}

/** The template and document-control fields given on the command line. */
function specificationOptions(args: ParsedArgs, io: CommandIo): SpecificationExportOptions {
  const one = (name: string): string | undefined => {
    const value = args.options.get(name)?.[0];
    if (value !== undefined && value.trim() === '') throw new UsageError(`--${name} needs a non-empty value`);
    return value;
  };
  const info: Partial<Omit<SpecInfo, 'logo'>> = {};
  const title = one('title');
  if (title !== undefined) info.title = title;
  const version = one('version');
  if (version !== undefined) info.version = version;
  const classification = one('classification');
  if (classification !== undefined) info.classification = classification;
  const organization = args.options.get('organization')?.[0];
  if (organization !== undefined) info.organization = organization;
  const authors = args.options.get('author');
  if (authors) {
    if (authors.some((a) => a.trim() === '')) throw new UsageError('--author needs a non-empty value');
    info.authors = authors;
  }
  const template = one('template');
  // Read and checked before the analysis, so that a bad template fails at once.
  return { cwd: io.cwd, info, template: loadSpecTemplate(template, io.cwd) };
}

type Assumptions = Partial<Record<AssumptionKey, AssumptionValue>>;

/** The `--assume` facts of the command line. */
function assumptionsOf(args: ParsedArgs): Assumptions {
  const assumptions: Assumptions = {};
  for (const text of args.options.get('assume') ?? []) {
    const parsed = parseAssumptionArgument(text);
    if ('error' in parsed) throw new UsageError(`--assume ${text}: ${parsed.error}`);
    assumptions[parsed.key] = parsed.value;
  }
  return assumptions;
}

/** The paths of the command line, analysed as `rampart analyze` does. */
function analyzeInputs(args: ParsedArgs, assumptions: Assumptions, io: CommandIo): ThreatAnalysis {
  const collected = collectFiles(args.positionals, io.cwd);
  const collectedText = new Map(collected.files.map((f) => [f.path, f.text]));
  return analyzeThreats(collected.files, {
    assumptions,
    explicit: collected.explicit,
    read: (path) => collectedText.get(path) ?? collected.read(path),
    diagnostics: collected.diagnostics,
  });
}
