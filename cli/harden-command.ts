import { existsSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { analyzeFiles } from '../models/analysis/analyze';
import { generateHardenedConfigs, HARDEN_PATHS } from '../models/export/harden';
import { parseArgs, UsageError } from './args';
import { collectFiles } from './collect-files';
import type { CommandIo } from './command-io';
import { report } from './profile-command';
import { writeOutput } from './write-output';

export const HARDEN_USAGE = `rampart harden <path>... --out DIR

Analyses the inputs as \`rampart analyze\` does and writes hardened configuration to review and
apply: compose/<project>/compose.hardened.yml (a compose override to use as the last -f file),
kubernetes/<namespace>.<kind>.<name>.patch.yaml (strategic-merge patches) with a kustomization.yaml,
and SUMMARY.md (what each change fixes, and what no configuration change can fix). The inputs are
never modified; nothing is written when an input has errors.`;

const toPosix = (path: string) => (sep === '/' ? path : path.split(sep).join('/'));

/** `rampart harden`: exit 0 when the files are written, 2 on usage or input errors. */
export function hardenCommand(argv: string[], io: CommandIo): number {
  const args = parseArgs(argv, { out: { value: true } });
  if (args.positionals.length === 0) throw new UsageError('harden needs at least one file or folder');
  const out = args.options.get('out')?.[0];
  if (!out || out === '-') throw new UsageError('harden needs --out DIR, the folder to write the files into');
  const outDir = resolve(io.cwd, out);
  if (existsSync(outDir) && !statSync(outDir).isDirectory())
    throw new UsageError(`--out ${out} is a file, not a folder`);

  const collected = collectFiles(args.positionals, io.cwd);
  const collectedText = new Map(collected.files.map((f) => [f.path, f.text]));
  const analysis = analyzeFiles(collected.files, {
    explicit: collected.explicit,
    read: (path) => collectedText.get(path) ?? collected.read(path),
    diagnostics: collected.diagnostics,
  });
  if (report(analysis.diagnostics, io)) {
    io.stderr('rampart harden: nothing written: fix the input errors above first');
    return 2;
  }

  // Paths as the user will type them: relative to where they are, unless that climbs out of it.
  const display = (path: string) => {
    const abs = join(outDir, path);
    const rel = relative(io.cwd, abs);
    return toPosix(rel === '' ? '.' : rel.startsWith('..') ? abs : rel);
  };
  const result = generateHardenedConfigs(analysis, {
    tool: { name: 'rampart', version: io.version },
    resourcePath: (file) =>
      toPosix(relative(join(outDir, dirname(HARDEN_PATHS.kustomization)), resolve(io.cwd, file))),
    outputPath: display,
  });
  // The inputs stay as they are: no output file may be one of them.
  const inputs = new Set(collected.files.map((f) => realOrResolved(resolve(io.cwd, f.path))));
  for (const file of result.files) {
    const target = realOrResolved(join(outDir, file.path));
    if (inputs.has(target))
      throw new UsageError(`--out ${out} would overwrite the input ${display(file.path)}`);
  }
  for (const file of result.files) {
    const target = join(outDir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeOutput(file.text, target, io);
  }

  const changes = result.workloads.reduce((n, w) => n + w.changes.length, 0);
  const hardened = result.workloads.filter((w) => w.changes.length > 0).length;
  const fixed = new Set(result.workloads.flatMap((w) => w.changes.flatMap((c) => c.fixes.map((f) => f.id))))
    .size;
  const unfixed = result.workloads.reduce((n, w) => n + w.unfixed.length, 0);
  io.stderr(
    `rampart harden: wrote ${result.files.length} files to ${display('.')}: ${changes} changes for ${hardened} of ${result.workloads.length} workloads fix ${fixed} findings; ${unfixed} need more than a configuration change (see ${display(HARDEN_PATHS.summary)})`,
  );
  return 0;
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
