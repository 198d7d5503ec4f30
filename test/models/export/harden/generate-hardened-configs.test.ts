import { describe, expect, it } from 'vitest';
import { analyzeBundle, analyzeFiles } from '../../../../models/analysis/analyze';
import type { Finding } from '../../../../models/conditions/finding';
import { generateHardenedConfigs, type HardenedConfigs } from '../../../../models/export/harden';
import { importCompose } from '../../../../models/import/compose';
import { importFiles } from '../../../../models/import/import-files';
import type { ImportFile } from '../../../../models/import/import-file';
import { linkDockerfiles } from '../../../../models/import/link-dockerfiles';
import { SourceText } from '../../../../models/source/source-text';
import { parseYaml } from '../../../../models/yaml/parse-yaml';
import { filesUnder, readRepoFile } from './shop-inputs';
import { strategicMerge } from './strategic-merge';

const SHOP = 'templates/examples/shop';
const composeFiles = filesUnder(`${SHOP}/compose`);
const dockerfiles = filesUnder(`${SHOP}/services`);
const manifests = filesUnder(`${SHOP}/kubernetes`);
const shop = analyzeFiles([...composeFiles, ...dockerfiles, ...manifests], { read: readRepoFile });
const hardened = generateHardenedConfigs(shop);
const fileText = (out: HardenedConfigs, path: string) => out.files.find((f) => f.path === path)!.text;

/** What identifies a finding across two analyses whose ids may be numbered differently. */
const findingKey = (f: Finding) =>
  [f.workload, f.condition, f.container ?? '', f.data.hostPath ?? ''].join('|');
const claimed = (out: HardenedConfigs, platform: 'docker' | 'kubernetes') =>
  out.workloads
    .filter((w) => w.workload.platform === platform)
    .flatMap((w) => w.changes.flatMap((c) => c.fixes));

function parse(path: string, text: string) {
  const parsed = parseYaml(new SourceText(path, text));
  expect(parsed.diagnostics, path).toEqual([]);
  expect(parsed.documents, path).toHaveLength(1);
  return parsed;
}

/** The compose project merged with the hardened override (last), then analysed again. */
function reanalyseCompose(project: ImportFile[], override: ImportFile, images: ImportFile[] = []) {
  const compose = importCompose([...project, override], { read: readRepoFile });
  const others = importFiles(images, { read: readRepoFile });
  const bundle = others.bundle;
  bundle.workloads = [...bundle.workloads, ...compose.bundle.workloads].sort((a, b) =>
    a.id < b.id ? -1 : 1,
  );
  bundle.networks = compose.bundle.networks;
  bundle.inputs = [...bundle.inputs, ...compose.bundle.inputs];
  linkDockerfiles(bundle);
  return { analysis: analyzeBundle(bundle), diagnostics: compose.diagnostics };
}

describe('generateHardenedConfigs on the example shop', () => {
  it('writes a compose override, one patch per Kubernetes workload with findings, a kustomization and a summary', () => {
    expect(hardened.files.map((f) => f.path)).toEqual([
      'SUMMARY.md',
      'compose/shop/compose.hardened.yml',
      'kubernetes/kustomization.yaml',
      'kubernetes/shop-jobs.Deployment.worker.patch.yaml',
      'kubernetes/shop-monitoring.DaemonSet.monitoring-agent.patch.yaml',
      'kubernetes/shop.Deployment.api-gateway.patch.yaml',
      'kubernetes/shop.Deployment.orders.patch.yaml',
      'kubernetes/shop.Deployment.redis.patch.yaml',
      'kubernetes/shop.StatefulSet.postgres.patch.yaml',
      'kubernetes/shop.StatefulSet.rabbitmq.patch.yaml',
    ]);
  });

  it('every YAML file parses back, with the compose tags where removals need them', () => {
    for (const file of hardened.files.filter((f) => f.path.endsWith('.yml') || f.path.endsWith('.yaml')))
      parse(file.path, file.text);
    const parsed = parse('o.yml', fileText(hardened, 'compose/shop/compose.hardened.yml'));
    const services = (parsed.documents[0]!.value as { services: Record<string, Record<string, unknown>> })
      .services;
    expect(parsed.locations.valueTag(services['monitoring-agent'], 'pid')).toBe('!reset');
    expect(parsed.locations.valueTag(services['monitoring-agent'], 'volumes')).toBe('!reset');
    expect(parsed.locations.valueTag(services.worker, 'volumes')).toBe('!override');
    expect(services.worker!.volumes).toEqual(['reports:/var/lib/reports']);
    expect(parsed.locations.valueTag(services.worker, 'cap_add')).toBe('!reset');
    expect(services.worker!.cap_drop).toEqual(['ALL']);
    expect(services['monitoring-agent']!.privileged).toBe(false);
  });

  it('every change says in a comment what it fixes and which mitigation it applies', () => {
    const text = fileText(hardened, 'compose/shop/compose.hardened.yml');
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (/^ {4}[a-z_]+:/.test(line) && !line.startsWith('    tmpfs:')) {
        let j = i - 1;
        while (lines[j]!.trimStart().startsWith('# check:') || lines[j]!.trimStart().startsWith('# then:'))
          j--;
        expect(lines[j], line).toMatch(/^ {4}# [a-z-, ]+: .*\(mitigation [a-z-]+\)$/);
      }
    });
    expect(text).toContain(
      '    # host-pid: leaves the host PID namespace (mitigation no-host-namespaces)\n    pid: !reset null\n',
    );
  });

  it('is deterministic', () => {
    const again = generateHardenedConfigs(
      analyzeFiles([...manifests, ...dockerfiles, ...composeFiles], { read: readRepoFile }),
    );
    expect(again.files).toEqual(hardened.files);
    for (let i = 0; i < 3; i++) expect(generateHardenedConfigs(shop).files).toEqual(hardened.files);
  });

  it('round trip: compose.yaml + compose.override.yaml + the hardened override no longer has the findings it claims to fix', () => {
    const project = ['compose.yaml', 'compose.override.yaml'].map((name) =>
      composeFiles.find((f) => f.path.endsWith(`/${name}`))!,
    );
    const override = {
      path: `${SHOP}/compose/compose.hardened.yml`,
      text: fileText(hardened, 'compose/shop/compose.hardened.yml'),
    };
    const { analysis, diagnostics } = reanalyseCompose(project, override, dockerfiles);
    expect(diagnostics.filter((d) => d.file === override.path)).toEqual([]);
    const fixes = claimed(hardened, 'docker');
    expect(fixes.length).toBeGreaterThan(40);
    const after = new Set(analysis.findings.map(findingKey));
    const remaining = fixes.filter((f) => after.has(findingKey(f)));
    expect(remaining.map(findingKey)).toEqual([]);
    // And nothing the override does not claim disappears by accident, apart from what a claimed change implies.
    const onCompose = (f: Finding) => f.workload.startsWith('compose:');
    const fixedIds = new Set(fixes.map((f) => f.id));
    const expected = shop.findings
      .filter((f) => onCompose(f) && !fixedIds.has(f.id))
      .map(findingKey)
      .sort();
    // What privileged and apparmor:unconfined hid shows once they are gone: the runtime's generic
    // profiles and the devices mapped explicitly, all for a person to look at, none a regression.
    const surfaced = analysis.findings
      .filter(onCompose)
      .map(findingKey)
      .filter((k) => !expected.includes(k));
    expect(surfaced.sort()).toEqual([
      'compose:shop/monitoring-agent|generic-mac-profile|monitoring-agent|',
      'compose:shop/monitoring-agent|generic-seccomp-profile|monitoring-agent|',
      'compose:shop/monitoring-agent|host-devices|monitoring-agent|',
      'compose:shop/worker|generic-mac-profile|worker|',
    ]);
    expect(analysis.findings.filter(onCompose).length).toBe(expected.length + surfaced.length);
  });

  it('round trip: the Kubernetes manifests with the patches applied no longer have the findings they claim to fix', () => {
    const patches = hardened.files
      .filter((f) => f.path.endsWith('.patch.yaml'))
      .map(
        (f) =>
          parse(f.path, f.text).documents[0]!.value as {
            kind: string;
            metadata: { name: string; namespace: string };
          },
      );
    const patched: ImportFile[] = [];
    let applied = 0;
    for (const file of manifests) {
      const docs = parseYaml(new SourceText(file.path, file.text)).documents.map((d) => d.value);
      docs.forEach((doc, i) => {
        const object = doc as { kind?: string; metadata?: { name?: string; namespace?: string } };
        const patch = patches.find(
          (p) =>
            p.kind === object.kind &&
            p.metadata.name === object.metadata?.name &&
            p.metadata.namespace === object.metadata?.namespace,
        );
        if (patch) applied++;
        const result = patch ? strategicMerge(doc as never, patch as never) : doc;
        patched.push({ path: `${file.path}.${i}.json`, text: JSON.stringify(result, null, 2) });
      });
    }
    expect(applied).toBe(patches.length);
    const after = analyzeFiles([...patched, ...dockerfiles], { read: readRepoFile });
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const fixes = claimed(hardened, 'kubernetes');
    expect(fixes.length).toBeGreaterThan(40);
    const keys = new Set(after.findings.map(findingKey));
    expect(fixes.filter((f) => keys.has(findingKey(f))).map(findingKey)).toEqual([]);
  });

  it('the summary lists, per workload, what each change fixes and what needs more than a config change', () => {
    const summary = fileText(hardened, 'SUMMARY.md');
    expect(summary).toContain('## worker (compose-service in `shop`)');
    expect(summary).toContain(
      '| `cap_add` | drops SYS\\_ADMIN — check: the service must work without them | cap-sys-admin (`cap-sys-admin@compose:shop/worker/worker`) | drop-capabilities |',
    );
    expect(summary).toMatch(/- flat-network \(medium\): .* — needs network segmentation/);
    expect(summary).toContain('— needs userns-remap in the Docker daemon configuration \\(host hardening\\)');
    expect(summary).toContain('kustomize build --load-restrictor LoadRestrictionsNone kubernetes/');
    // Every finding of a hardened workload is either fixed or listed as not fixed.
    for (const w of hardened.workloads) {
      const all = shop.findings
        .filter((f) => f.workload === w.workload.id)
        .map((f) => f.id)
        .sort();
      const covered = [
        ...w.changes.flatMap((c) => c.fixes.map((f) => f.id)),
        ...w.unfixed.map((u) => u.finding.id),
      ];
      expect([...new Set(covered)].sort()).toEqual(all);
    }
  });
});

describe('removals an override can only express with !reset and !override', () => {
  const files = filesUnder('test/fixtures/harden/edge-compose');
  const edge = analyzeFiles(files, { read: readRepoFile });
  const out = generateHardenedConfigs(edge);
  const text = fileText(out, 'compose/edge/compose.hardened.yml');

  it('resets host namespaces and the API socket, keeps safe capabilities and volumes, replaces security_opt', () => {
    const parsed = parse('edge.yml', text);
    const services = (parsed.documents[0]!.value as { services: Record<string, Record<string, unknown>> })
      .services;
    const agent = services.agent!;
    for (const key of ['network_mode', 'ipc', 'userns_mode'])
      expect(parsed.locations.valueTag(agent, key), key).toBe('!reset');
    expect(agent.use_api_socket).toBe(false);
    expect(parsed.locations.valueTag(agent, 'cap_add')).toBe('!override');
    expect(agent.cap_add).toEqual(['NET_BIND_SERVICE']);
    expect(agent.security_opt).toEqual(['label=type:container_runtime_t', 'no-new-privileges:true']);
    expect(agent.volumes).toEqual(['./data:/data:ro', 'cache:/var/cache/agent']);
    expect(agent.mem_limit).toBeUndefined(); // already set
    expect(services['odd name: #1']).toMatchObject({ privileged: false });
  });

  it('round trip: the merged project no longer has the claimed findings', () => {
    const override = { path: 'test/fixtures/harden/edge-compose/compose.hardened.yml', text };
    const { analysis, diagnostics } = reanalyseCompose(files, override);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const fixes = claimed(out, 'docker');
    const conditions = new Set(fixes.map((f) => f.condition));
    for (const c of [
      'host-network',
      'host-ipc',
      'runtime-socket-mount',
      'sensitive-host-mount',
      'seccomp-unconfined',
      'proc-mount-unmasked',
      'cap-sys-admin',
      'dangerous-capability',
      'privileged',
    ])
      expect(conditions, c).toContain(c);
    const after = new Set(analysis.findings.map(findingKey));
    expect(fixes.filter((f) => after.has(findingKey(f))).map(findingKey)).toEqual([]);
    // userns_mode: host is reset, but without userns-remap on the daemon there is still no user
    // namespace: the change is recorded as working towards the finding, not fixing it.
    const userns = out.workloads.flatMap((w) => w.changes).find((c) => c.setting === 'userns_mode')!;
    expect(userns.fixes).toEqual([]);
    expect(userns.related!.map((f) => f.condition)).toEqual(['no-user-namespace']);
  });
});
