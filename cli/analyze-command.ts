import { analyzeThreats } from '../models/analysis/analyze-threats';
import {
  parseAssumptionArgument,
  type AssumptionKey,
  type AssumptionValue,
} from '../models/attack/rules/assumptions';
import { SEVERITY_ORDER, severityRank, type Severity } from '../models/conditions/condition-ids';
import { analysisToJson } from '../models/export/analysis-json';
import { analysisToMarkdown } from '../models/export/analysis-markdown';
import { analysisToSarif } from '../models/export/sarif';
import { parseArgs, UsageError } from './args';
import { collectFiles } from './collect-files';
import type { CommandIo } from './command-io';
import { writeOutput } from './write-output';

export const ANALYZE_USAGE = `rampart analyze <path>... [--format json|markdown|sarif] [--out FILE] [--fail-on critical|high|medium|low] [--assume KEY=VALUE]...

Reads compose files, Kubernetes manifests, Dockerfiles, docker inspect output and OCI config.json
files (folders are searched recursively), reports the security conditions found in them, and
generates and evaluates the attack-defence trees of the system. --assume sets a host fact the
configs do not state (kernel-patched=true, cgroup-version=v2, …); unset facts take their defaults.`;

/** `rampart analyze`: exit 0 on success, 1 when findings reach --fail-on, 2 on usage or input errors. */
export function analyzeCommand(argv: string[], io: CommandIo): number {
  const args = parseArgs(argv, {
    format: { value: true, choices: ['json', 'markdown', 'sarif'] },
    out: { value: true },
    'fail-on': { value: true, choices: SEVERITY_ORDER.filter((s) => s !== 'info') },
    assume: { value: true, repeatable: true },
  });
  const assumptions: Partial<Record<AssumptionKey, AssumptionValue>> = {};
  for (const text of args.options.get('assume') ?? []) {
    const parsed = parseAssumptionArgument(text);
    if ('error' in parsed) throw new UsageError(`--assume ${text}: ${parsed.error}`);
    assumptions[parsed.key] = parsed.value;
  }
  if (args.positionals.length === 0) throw new UsageError('analyze needs at least one file or folder');
  const collected = collectFiles(args.positionals, io.cwd);
  const collectedText = new Map(collected.files.map((f) => [f.path, f.text]));
  const result = analyzeThreats(collected.files, {
    assumptions,
    explicit: collected.explicit,
    read: (path) => collectedText.get(path) ?? collected.read(path),
    diagnostics: collected.diagnostics,
  });
  const tool = { name: 'rampart', version: io.version };
  const format = args.options.get('format')?.[0] ?? 'json';
  const text =
    format === 'markdown'
      ? analysisToMarkdown(result, tool)
      : format === 'sarif'
        ? analysisToSarif(result, tool)
        : analysisToJson(result, tool);
  writeOutput(text, args.options.get('out')?.[0], io);

  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  for (const d of result.diagnostics) {
    if (d.severity === 'info') continue;
    io.stderr(
      `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}${d.excerpt ? `\n    ${d.excerpt}` : ''}`,
    );
  }
  if (errors.length > 0) return 2;
  const failOn = args.options.get('fail-on')?.[0] as Severity | undefined;
  if (failOn && result.findings.some((f) => severityRank(f.severity) >= severityRank(failOn))) return 1;
  return 0;
}
