import type { AnalysisResult } from '../../analysis/analyze';
import { GeneratorContext } from '../../attack/generate/generator-context';
import type { Finding } from '../../conditions/finding';
import { dirname } from '../../import/import-file';
import type { Workload } from '../../import/workload';
import type { MitigationOverride } from '../../mitigations/derive-states';
import { MITIGATION_IDS, type MitigationId } from '../../mitigations/mitigation-ids';
import { hardenComposeService } from './compose-override';
import { safeSegment, uniqueNames } from './file-names';
import { hardenSummary, type ApplyHint } from './harden-summary';
import { unfixableReason, type WorkloadHardening } from './hardening-plan';
import { hardenKubernetesWorkload } from './kubernetes-patch';
import { entry, map, renderYamlDocument, scalar, seq, type YamlEntry } from './yaml-writer';

export interface HardenOptions {
  /** Mitigation states set by hand, per workload id: accepted risks are left alone. */
  overrides?: Record<string, MitigationOverride[]>;
  /** How `kubernetes/kustomization.yaml` refers to an input manifest (by default its path as
   * given); the CLI makes it relative to the output folder. */
  resourcePath?: (file: string) => string;
  /** How the user reaches an output file from where they run compose (by default its path in the
   * output folder); used in the instructions written into the files. */
  outputPath?: (path: string) => string;
  tool?: { name: string; version: string };
}

export interface HardenedFile {
  /** POSIX path relative to the output folder. */
  path: string;
  text: string;
}

export interface HardenedConfigs {
  files: HardenedFile[];
  workloads: WorkloadHardening[];
}

/** The folder and file names of the output. */
export const HARDEN_PATHS = {
  compose: (project: string) => `compose/${project}/compose.hardened.yml`,
  kubernetes: (namespace: string, kind: string, name: string) =>
    `kubernetes/${safeSegment(namespace)}.${safeSegment(kind)}.${safeSegment(name)}.patch.yaml`,
  kustomization: 'kubernetes/kustomization.yaml',
  summary: 'SUMMARY.md',
};

const KUBERNETES_KINDS = new Set([
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
]);

/**
 * Hardened configuration for the user to review and apply, from an analysis: per compose project an
 * override file that removes the findings a setting can remove, per Kubernetes workload a
 * strategic-merge patch plus a kustomization listing them, and a Markdown summary of what each
 * change fixes and what no configuration change can fix. Deterministic: the same analysis gives
 * byte-identical files. Workloads of other inputs (docker inspect, OCI bundles, images) are listed
 * in the summary with their findings left as they are.
 */
export function generateHardenedConfigs(
  analysis: AnalysisResult,
  options: HardenOptions = {},
): HardenedConfigs {
  const context = new GeneratorContext(analysis, { overrides: options.overrides });
  const findingsOf = new Map<string, Finding[]>();
  for (const f of analysis.findings) findingsOf.set(f.workload, [...(findingsOf.get(f.workload) ?? []), f]);
  const accepted = (w: Workload): Set<MitigationId> =>
    new Set(
      MITIGATION_IDS.filter((id) => {
        const state = context.mitigationState(w, id);
        return (
          state?.overridden === true && (state.state === 'accepted-risk' || state.state === 'not-applicable')
        );
      }),
    );

  const workloads: WorkloadHardening[] = [];
  const files: HardenedFile[] = [];
  const hints: ApplyHint[] = [];

  // Compose: one override per project, services in name order.
  const projects = new Map<string, Workload[]>();
  for (const w of analysis.bundle.workloads.filter((w) => w.kind === 'compose-service')) {
    const key = `${w.namespace ?? ''}\u0000${dirname(w.at.file)}`;
    projects.set(key, [...(projects.get(key) ?? []), w]);
  }
  const projectKeys = [...projects.keys()].sort();
  const projectNames = uniqueNames(
    projectKeys.map((key) => safeSegment(key.split('\u0000')[0] || 'compose')),
  );
  projectKeys.forEach((key, i) => {
    const services = [...projects.get(key)!].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const path = HARDEN_PATHS.compose(projectNames[i]!);
    const entries: YamlEntry[] = [];
    for (const w of services) {
      const findings = findingsOf.get(w.id) ?? [];
      const result = hardenComposeService(w, findings, accepted(w));
      if (result.service) entries.push(result.service);
      workloads.push(plan(w, path, findings, result.changes));
    }
    if (entries.length === 0) return;
    const project = key.split('\u0000')[0] ?? '';
    const composeFiles = composeFilesOf(analysis, dirname(services[0]!.at.file));
    const shown = (options.outputPath ?? ((p: string) => p))(path);
    const chain = [...composeFiles, shown].map((f) => `-f ${shellWord(f)}`).join(' ');
    files.push({
      path,
      text: renderYamlDocument(map([entry('services', map(entries))]), [
        `Hardened settings for compose project ${JSON.stringify(project)}, generated by rampart from its findings.`,
        'Each change names the conditions it removes and the mitigation; review every one before use.',
        'Use it as the last compose file (!reset and !override need Docker Compose 2.24.4 or later);',
        'relative paths in it are relative to the project folder, as in the first file:',
        `  docker compose ${chain} config`,
      ]),
    });
    hints.push({
      title: `Compose project ${JSON.stringify(project)}: add ${path} as the last file`,
      lines: [
        '```sh',
        `docker compose ${chain} config   # review the merged result`,
        `docker compose ${chain} up -d`,
        '```',
      ],
    });
  });

  // Kubernetes: one strategic-merge patch per workload.
  const patches: string[] = [];
  const kube = analysis.bundle.workloads.filter(
    (w) => w.platform === 'kubernetes' && KUBERNETES_KINDS.has(w.kind),
  );
  const kubePaths = uniqueNames(
    kube.map((w) => HARDEN_PATHS.kubernetes(w.namespace ?? 'default', w.kind, w.name)),
  );
  kube.forEach((w, i) => {
    const findings = findingsOf.get(w.id) ?? [];
    const path = kubePaths[i]!;
    const result = hardenKubernetesWorkload(w, findings, accepted(w));
    workloads.push(plan(w, path, findings, result.changes));
    if (!result.patch) return;
    patches.push(path);
    files.push({
      path,
      text: renderYamlDocument(result.patch, [
        `Strategic-merge patch hardening ${w.kind} ${JSON.stringify(w.name)}, generated by rampart from its findings.`,
        'Each field names the conditions it removes and the mitigation; review every one before use.',
      ]),
    });
  });
  if (patches.length > 0) {
    const resource = options.resourcePath ?? ((file: string) => file);
    const manifests = [
      ...new Set(
        analysis.bundle.inputs
          .filter((i) => i.kind === 'kubernetes' || i.kind === 'helm-template')
          .map((i) => i.file),
      ),
    ].sort();
    files.push({
      path: HARDEN_PATHS.kustomization,
      text: renderYamlDocument(
        map([
          entry('apiVersion', scalar('kustomize.config.k8s.io/v1beta1')),
          entry('kind', scalar('Kustomization')),
          entry('resources', seq(manifests.map((file) => scalar(resource(file))))),
          entry(
            'patches',
            seq(patches.map((p) => map([entry('path', scalar(p.slice('kubernetes/'.length)))]))),
          ),
        ]),
        [
          'Applies the hardening patches to the manifests they were generated from. The manifests lie',
          'outside this folder, so kustomize must be allowed to read them:',
          '  kustomize build --load-restrictor LoadRestrictionsNone .',
        ],
      ),
    });
    hints.push({
      title: `Kubernetes: ${patches.length} patch${patches.length === 1 ? '' : 'es'} listed in ${HARDEN_PATHS.kustomization}`,
      lines: [
        '```sh',
        'kustomize build --load-restrictor LoadRestrictionsNone kubernetes/ | kubectl diff -f -',
        'kustomize build --load-restrictor LoadRestrictionsNone kubernetes/ | kubectl apply -f -',
        '```',
      ],
    });
  }

  // Other running workloads: nothing is generated for them.
  for (const w of analysis.bundle.workloads) {
    if (w.kind === 'compose-service' || w.kind === 'dockerfile') continue;
    if (w.platform === 'kubernetes' && KUBERNETES_KINDS.has(w.kind)) continue;
    const findings = findingsOf.get(w.id) ?? [];
    workloads.push({
      workload: w,
      file: '',
      changes: [],
      unfixed: findings.map((finding) => ({
        finding,
        reason:
          'hardened settings are generated for compose services and Kubernetes workloads; change how this container is started',
      })),
    });
  }

  workloads.sort((a, b) => (a.workload.id < b.workload.id ? -1 : a.workload.id > b.workload.id ? 1 : 0));
  files.push({
    path: HARDEN_PATHS.summary,
    text: hardenSummary(workloads, hints, options.tool ?? { name: 'rampart', version: '' }),
  });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, workloads };
}

function plan(
  w: Workload,
  file: string,
  findings: readonly Finding[],
  changes: WorkloadHardening['changes'],
): WorkloadHardening {
  const fixed = new Set(changes.flatMap((c) => c.fixes.map((f) => f.id)));
  return {
    workload: w,
    file: changes.length ? file : '',
    changes,
    unfixed: findings
      .filter((f) => !fixed.has(f.id))
      .map((finding) => ({ finding, reason: unfixableReason(finding, w.platform) })),
  };
}

// Control characters are what this finds, so the pattern must name them.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A path as one shell word: quoted unless it only has characters no shell treats specially. */
function shellWord(path: string): string {
  if (/^[A-Za-z0-9_./@%+=:,-]+$/.test(path)) return path;
  if (!CONTROL.test(path)) return `'${path.replace(/'/g, `'\\''`)}'`;
  // A control character, above all a line break, is written as an escape in ANSI-C quotes (which
  // bash and zsh read back exactly): raw, it would split the command, and end the Markdown code
  // block the summary shows the command in, so that the rest of the path would be Markdown.
  const escape = (c: string) =>
    c === '\\' || c === "'"
      ? `\\${c}`
      : CONTROL.test(c)
        ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`
        : c;
  return `$'${[...path].map(escape).join('')}'`;
}

/** The project's compose files in merge order: the base file first, overrides after it. */
function composeFilesOf(analysis: AnalysisResult, dir: string): string[] {
  const files = analysis.bundle.inputs
    .filter((i) => i.kind === 'compose' && dirname(i.file) === dir)
    .map((i) => i.file)
    .sort();
  const isOverride = (f: string) => /override/i.test(f.slice(f.lastIndexOf('/') + 1));
  return [...files.filter((f) => !isOverride(f)), ...files.filter(isOverride)];
}
