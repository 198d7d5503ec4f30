import { load, loadAll } from 'js-yaml';
import { analyzeFiles } from '../../models/analysis/analyze';
import type { BenchResult } from './bench-result';
import { pairedMedians } from './bench-result';
import { generateCompose, generateKubernetes } from './generate-configs';

/**
 * Analysis throughput: import + topology + conditions on a 1,000-service compose file and a
 * 5,000-object Kubernetes file, against the time js-yaml (the fastest YAML parser on npm) takes
 * only to parse the same text, measured alternately in the same run.
 */
export async function runAnalysisBench(): Promise<BenchResult[]> {
  const compose = generateCompose(1000);
  const kubernetes = generateKubernetes(5000);
  const results: BenchResult[] = [];

  const composeFiles = [{ path: 'bench/compose.yaml', text: compose }];
  // Both sides take well under a second: 15 pairs after 5 warm-up pairs keep the median steady on
  // a shared machine, where 9 pairs still let a few slow runs move it.
  const [composeMs, composeYamlMs] = pairedMedians(
    () => analyzeFiles(composeFiles),
    () => load(compose),
    15,
    5,
  );
  results.push(
    {
      name: 'compose 1,000 services: analyze',
      value: composeMs,
      unit: 'ms',
      note: `${(compose.length / 1024).toFixed(0)} KiB`,
    },
    { name: 'compose 1,000 services: js-yaml load', value: composeYamlMs, unit: 'ms' },
    {
      name: 'compose 1,000 services: ratio analyze / js-yaml',
      value: composeMs / composeYamlMs,
      unit: '×',
      target: '≤ 3',
    },
  );

  const k8sFiles = [{ path: 'bench/manifests.yaml', text: kubernetes }];
  const [k8sMs, k8sYamlMs] = pairedMedians(
    () => analyzeFiles(k8sFiles),
    () => loadAll(kubernetes),
    5,
    2,
  );
  results.push(
    {
      name: 'kubernetes 5,000 objects: analyze',
      value: k8sMs,
      unit: 'ms',
      note: `${(kubernetes.length / 1024 / 1024).toFixed(1)} MiB`,
    },
    { name: 'kubernetes 5,000 objects: js-yaml loadAll', value: k8sYamlMs, unit: 'ms' },
    {
      name: 'kubernetes 5,000 objects: ratio analyze / js-yaml',
      value: k8sMs / k8sYamlMs,
      unit: '×',
      target: '≤ 3',
    },
  );
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await runAnalysisBench())
    console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}${r.target ? ` (target ${r.target})` : ''}`);
}
