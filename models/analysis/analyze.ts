import type { Diagnostic } from '../source/diagnostic';
import { compareDiagnostics } from '../source/diagnostic';
import type { Finding } from '../conditions/finding';
import { checkNetwork } from '../conditions/checks/network-checks';
import { findWorkloadConditions } from '../conditions/find-conditions';
import { importFiles, type ImportOptions } from '../import/import-files';
import type { ImportFile } from '../import/import-file';
import type { ImportBundle } from '../import/workload';
import { buildTopology } from '../topology/build-topology';
import type { Topology } from '../topology/types';

export interface AnalysisResult {
  bundle: ImportBundle;
  topology: Topology;
  findings: Finding[];
  diagnostics: Diagnostic[];
}

export interface AnalyzeOptions extends ImportOptions {
  /** Diagnostics found before import (unreadable files, size limits), reported with the rest. */
  diagnostics?: Diagnostic[];
}

/** The headless analysis: files → workloads → topology → conditions. Pure and deterministic. */
export function analyzeFiles(files: ImportFile[], options: AnalyzeOptions = {}): AnalysisResult {
  const imported = importFiles(files, options);
  return analyzeBundle(imported.bundle, [...(options.diagnostics ?? []), ...imported.diagnostics]);
}

/** Topology and conditions of an already imported bundle. */
export function analyzeBundle(bundle: ImportBundle, diagnostics: Diagnostic[] = []): AnalysisResult {
  const topology = buildTopology(bundle);
  const collector = findWorkloadConditions(bundle);
  checkNetwork(bundle, topology, collector);
  return {
    bundle,
    topology,
    findings: collector.result(),
    diagnostics: [...diagnostics, ...topology.diagnostics].sort(compareDiagnostics),
  };
}
