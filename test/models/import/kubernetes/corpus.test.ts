import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { importKubernetes, looksLikeKubernetes } from '../../../../models/import/kubernetes';
import type { ImportOutput } from '../../../../models/import/import-file';
import type { Container, Workload } from '../../../../models/import/workload';
import { SourceText } from '../../../../models/source/source-text';
import { parseYaml } from '../../../../models/yaml/parse-yaml';

/** The peers' own fixtures (shared/corpus, vendored under test/fixtures/corpus). */
const CORPUS = join(import.meta.dirname, '../../../fixtures/corpus');

const FOLDERS = [
  'kubernetes__pod-security-admission/test/testdata',
  'controlplaneio__kubesec/test/asset',
  'zegl__kube-score/score/testdata',
  'bridgecrewio__checkov/tests/kubernetes',
  'aquasecurity__trivy-checks/checks/kubernetes',
];

/** Corpus manifests the API server would reject, and why: they must give errors, not crash. */
const MALFORMED: Record<string, string> = {
  'bridgecrewio__checkov/tests/kubernetes/checks/example_AllowPrivilegeEscalation/pod-runas1000-malformed-PASSED.yaml':
    'containers is a mapping',
  'bridgecrewio__checkov/tests/kubernetes/checks/example_DockerSocketVolume/scope-UNKNOWN.yaml':
    'containers and volumes are mappings',
  'bridgecrewio__checkov/tests/kubernetes/checks/example_RootContainers/rootContainersFAILED-malformed-spec.yaml':
    'spec is a list',
  'bridgecrewio__checkov/tests/kubernetes/checks/example_RootContainers/rootContainersFAILED.yaml':
    'runAsUser: username',
  'bridgecrewio__checkov/tests/kubernetes/checks/example_RootContainers/rootContainersFAILED_2.yaml':
    'securityContext is a string',
  'bridgecrewio__checkov/tests/kubernetes/checks/example_RootContainers/rootContainersUNKNOWN.yaml':
    'containers and volumes are mappings',
  'bridgecrewio__checkov/tests/kubernetes/checks/example_RootContainersHighUID/rootContainersHighUIDFAILED.yaml':
    'runAsUser: username, securityContext is a string',
  'bridgecrewio__checkov/tests/kubernetes/checks/example_RootContainersHighUID/rootContainersHighUIDUNKNOWN.yaml':
    'containers and volumes are mappings',
  'bridgecrewio__checkov/tests/kubernetes/checks/example_Seccomp/pod-seccomp-FAILED2.yaml':
    'replicas and containerPort are quoted strings',
  'bridgecrewio__checkov/tests/kubernetes/checks/example_Secrets/pod-secretsEnvironment-UNKNOWN.yaml':
    'env is a string',
  'bridgecrewio__checkov/tests/kubernetes/checks/example_SecurityContexts/pod-container-FAILED_malformed_spec.yaml':
    'spec is a list',
  'bridgecrewio__checkov/tests/kubernetes/checks/example_ServiceAccountTokens/ServiceAccountTokensUNKNOWN.yaml':
    'the pod template spec is a list',
};

function corpusFiles(): string[] {
  return FOLDERS.flatMap((folder) =>
    readdirSync(join(CORPUS, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(ya?ml|json)$/i.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name).slice(CORPUS.length + 1)),
  ).sort();
}

function importCorpus(file: string): ImportOutput {
  return importKubernetes({ path: file, text: readFileSync(join(CORPUS, file), 'utf8') });
}

/** A file is a manifest when it parses and every document is a Kubernetes object (not a chart's
 * Chart.yaml, not a Trivy check that wraps manifests in strings). */
function isManifest(file: string): boolean {
  const parsed = parseYaml(new SourceText(file, readFileSync(join(CORPUS, file), 'utf8')));
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return false;
  const values = parsed.documents.map((d) => d.value).filter((v) => v !== null && v !== undefined);
  return values.length > 0 && values.every(looksLikeKubernetes);
}

function errorsOf(output: ImportOutput): string[] {
  return output.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`);
}

describe('the peer corpus', () => {
  const files = corpusFiles();

  it('is there', () => expect(files.length).toBeGreaterThan(500));

  it('imports every file without throwing, twice alike', () => {
    for (const file of files) {
      const first = importCorpus(file);
      expect(importCorpus(file), file).toEqual(first);
    }
  });

  it('gives no error on a valid manifest', () => {
    const valid = files.filter((file) => !(file in MALFORMED) && isManifest(file));
    expect(valid.length).toBeGreaterThan(450);
    expect(valid.flatMap((file) => errorsOf(importCorpus(file)))).toEqual([]);
  });

  it('gives errors, not a crash, on the malformed ones', () => {
    for (const file of Object.keys(MALFORMED)) expect(errorsOf(importCorpus(file)), file).not.toEqual([]);
  });

  it("reads the manifests inside Trivy's checks without error", () => {
    const folder = 'aquasecurity__trivy-checks/checks/kubernetes';
    let manifests = 0;
    for (const name of readdirSync(join(CORPUS, folder)).sort()) {
      const check = load(readFileSync(join(CORPUS, folder, name), 'utf8')) as {
        kubernetes: Record<string, string[]>;
      };
      for (const [verdict, texts] of Object.entries(check.kubernetes)) {
        texts.forEach((text, i) => {
          manifests++;
          expect(errorsOf(importKubernetes({ path: `${name}#${verdict}[${i}]`, text }))).toEqual([]);
        });
      }
    }
    expect(manifests).toBeGreaterThan(60);
  });
});

function workload(file: string, name: string): Workload {
  const found = importCorpus(file).bundle.workloads.find((w) => w.name === name);
  if (!found) throw new Error(`no workload ${name} in ${file}`);
  return found;
}

function container(w: Workload, name: string): Container {
  const found = w.containers.find((c) => c.name === name);
  if (!found) throw new Error(`no container ${name} in ${w.id}`);
  return found;
}

const PSA = 'kubernetes__pod-security-admission/test/testdata';

describe('facts read from the Pod Security Admission fixtures', () => {
  it('restricted/fail/runasuser1: the container asks for uid 0; the init container only inherits runAsNonRoot', () => {
    const pod = workload(`${PSA}/restricted/v1.35/fail/runasuser1.yaml`, 'runasuser1');
    expect(container(pod, 'container1').user).toMatchObject({
      value: { uid: 0, nonRootEnforced: true },
      at: { line: 14, path: 'spec.containers[0].securityContext.runAsUser' },
    });
    const init = container(pod, 'initcontainer1');
    expect(init.role).toBe('init');
    expect(init.user?.value.uid).toBeUndefined();
    expect(init.user).toMatchObject({ value: { nonRootEnforced: true }, at: { line: 24 } });
    expect(init.seccomp).toMatchObject({ value: { mode: 'runtime-default' }, at: { line: 26 } });
  });

  it('baseline/pass/seccompprofile_baseline0: the init container inherits RuntimeDefault from the pod', () => {
    const pod = workload(
      `${PSA}/baseline/v1.35/pass/seccompprofile_baseline0.yaml`,
      'seccompprofile_baseline0',
    );
    expect(container(pod, 'initcontainer1').seccomp).toEqual({
      value: { mode: 'runtime-default' },
      at: expect.objectContaining({ line: 18, path: 'spec.securityContext.seccompProfile.type' }),
    });
    expect(container(pod, 'container1').seccomp?.at.line).toBe(11);
  });

  it('baseline/fail/seccompprofile_baseline1..2: an explicit Unconfined', () => {
    for (const n of [1, 2]) {
      const pod = workload(
        `${PSA}/baseline/v1.35/fail/seccompprofile_baseline${n}.yaml`,
        `seccompprofile_baseline${n}`,
      );
      expect(pod.containers.some((c) => c.seccomp?.value.mode === 'unconfined')).toBe(true);
    }
  });

  it('baseline/fail/apparmorprofile1: the annotation leaves only the init container unconfined', () => {
    const pod = workload(`${PSA}/baseline/v1.35/fail/apparmorprofile1.yaml`, 'apparmorprofile1');
    expect(container(pod, 'initcontainer1').apparmor?.value).toEqual({ mode: 'unconfined' });
    expect(container(pod, 'container1').apparmor).toBeUndefined();
  });

  it('baseline/fail/hostnamespaces0..2: hostIPC, hostNetwork, hostPID', () => {
    const host = [0, 1, 2].map(
      (n) => workload(`${PSA}/baseline/v1.35/fail/hostnamespaces${n}.yaml`, `hostnamespaces${n}`).host,
    );
    expect(host[0]!.ipc?.value).toBe('host');
    expect(host[1]!.network?.value).toBe('host');
    expect(host[2]!.pid?.value).toBe('host');
  });

  it('baseline/fail/hostpathvolumes0: an unmounted hostPath volume reaches every container', () => {
    const pod = workload(`${PSA}/baseline/v1.35/fail/hostpathvolumes0.yaml`, 'hostpathvolumes0');
    for (const c of pod.containers) {
      expect(c.mounts).toEqual([
        expect.objectContaining({ kind: 'bind', hostPath: '/a', name: 'volume-hostpath' }),
      ]);
      expect(c.mounts[0]!.target).toBeUndefined();
    }
  });

  it('baseline/pass/procmount1: /proc unmasked with a private user namespace', () => {
    const pod = workload(`${PSA}/baseline/v1.35/pass/procmount1.yaml`, 'procmount1');
    expect(pod.host.userns?.value).toBe('private');
    expect(pod.containers.map((c) => c.procMount?.value)).toEqual(['unmasked', 'unmasked']);
  });

  it('restricted: capDropAllExact only for the literal ALL, allowPrivilegeEscalation as written', () => {
    const pass = workload(
      `${PSA}/restricted/v1.35/pass/capabilities_restricted0.yaml`,
      'capabilities_restricted0',
    );
    expect(pass.containers.every((c) => c.capDropAllExact === true)).toBe(true);
    for (const n of [0, 1, 2, 3]) {
      const pod = workload(
        `${PSA}/restricted/v1.35/fail/allowprivilegeescalation${n}.yaml`,
        `allowprivilegeescalation${n}`,
      );
      expect(
        pod.containers.some((c) => c.noNewPrivileges?.value !== true),
        `allowprivilegeescalation${n}`,
      ).toBe(true);
    }
  });
});

describe('facts read from the kubesec and kube-score fixtures', () => {
  it('a DaemonSet without metadata.name is named after its container', () => {
    const w = workload(
      'controlplaneio__kubesec/test/asset/score-0-daemonset-host-pid.yml',
      'example-daemonset',
    );
    expect(w.kind).toBe('DaemonSet');
    expect(w.host.pid?.value).toBe('host');
  });

  it('multi.yml: the fluentd DaemonSet shares host PID and network and mounts host logs', () => {
    const w = workload('controlplaneio__kubesec/test/asset/multi.yml', 'fluentd');
    expect(w.host.pid?.value).toBe('host');
    expect(w.host.network?.value).toBe('host');
    const hostPaths = w.containers.flatMap((c) => c.mounts.map((m) => m.hostPath));
    expect(hostPaths).toEqual(expect.arrayContaining(['/var/log', '/var/lib/docker/containers']));
  });

  it('bug-dump-2.json: limits of a JSON pod dump', () => {
    const [w] = importCorpus('controlplaneio__kubesec/test/asset/bug-dump-2.json').bundle.workloads;
    expect(w!.containers.every((c) => c.resources.cpuLimit && c.resources.memoryLimit)).toBe(true);
  });

  it('security-inherit-pod-security-context: the container runs as the pod-level user', () => {
    const w = workload('zegl__kube-score/score/testdata/security-inherit-pod-security-context.yaml', 'test');
    expect(container(w, 'test').user).toMatchObject({
      value: { uid: 20000, gid: 20000 },
      at: { line: 18, path: 'spec.template.spec.securityContext.runAsUser' },
    });
  });

  it('linenumbers-helm.yaml: each Deployment is attributed to its chart template', () => {
    const { workloads } = importCorpus('zegl__kube-score/score/testdata/linenumbers-helm.yaml').bundle;
    expect(workloads.map((w) => [w.name, w.helmTemplate])).toEqual([
      ['foo', 'app1/templates/deployment.yaml'],
      ['foo2', 'app1/templates/deployment.yaml'],
    ]);
  });
});
