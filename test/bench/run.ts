import { runAnalysisBench } from './analysis.bench';
import { runAttackEvaluationBench } from './attack-evaluation.bench';
import { runExplorerBench } from './explorer.bench';
import { runTreesBench } from './trees.bench';
import { runSpecificationBench } from './specification.bench';
import type { BenchResult } from './bench-result';

/** `npm run bench`: runs every benchmark and prints one table of figures and ratios. */
const suites: [string, () => Promise<BenchResult[]>][] = [
  ['analysis', runAnalysisBench],
  ['attack-evaluation', runAttackEvaluationBench],
  ['trees', runTreesBench],
  ['specification', runSpecificationBench],
  ['explorer', runExplorerBench],
  ['diagram', async () => (await import('./diagram.bench')).runDiagramBench()],
  ['explorer-browser', async () => (await import('./explorer-browser.bench')).runExplorerBrowserBench()],
];

const rows: (BenchResult & { suite: string })[] = [];
for (const [suite, run] of suites) {
  process.stderr.write(`running ${suite}…\n`);
  for (const r of await run()) rows.push({ suite, ...r });
}

const format = (r: BenchResult) =>
  r.unit === '×' ? r.value.toFixed(2) : r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(1);
const table = [
  ['suite', 'benchmark', 'value', 'unit', 'target', 'note'],
  ...rows.map((r) => [r.suite, r.name, format(r), r.unit, r.target ?? '', r.note ?? '']),
];
const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
for (const [i, row] of table.entries()) {
  console.log(
    row
      .map((cell, j) => cell.padEnd(widths[j]!))
      .join('  ')
      .trimEnd(),
  );
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log(
  `\nmachine: ${(await import('node:os')).cpus()[0]?.model ?? 'unknown CPU'}, ${(await import('node:os')).cpus().length} cores, Node ${process.version}`,
);
