import type { DiagnosticSpec } from '../../source/diagnostic';
import type { YamlDocument } from '../../yaml/parse-yaml';
import { isRecord } from '../coerce';
import type { BundleBuilder } from './bundle-builder';
import { K8S_DIAGNOSTICS as D } from './diagnostics';
import { readIngress } from './ingress';
import { describeValue, type ManifestReader, type Mapping } from './manifest-reader';
import { readNamespace } from './namespace';
import { readNetworkPolicy } from './network-policy';
import { apiGroup, classifyObject } from './object-kinds';
import { readObjectMeta, type NamedObjectMeta, type ObjectMeta } from './object-meta';
import { fieldPath, itemPath } from './paths';
import { readService } from './service';
import { readServiceAccount } from './service-account';
import { readWorkload } from './read-workload';

/** apiVersion and kind that the items of a typed list (`PodList`) may leave out. */
interface ImpliedType {
  apiVersion: string;
  kind: string;
}

/** Reads the documents of one file into a bundle, one object at a time. */
export class ObjectReader {
  /** Kinds already reported as unknown or removed: one warning per kind and file is enough. */
  private readonly reportedKinds = new Set<string>();

  constructor(
    private readonly r: ManifestReader,
    private readonly out: BundleBuilder,
  ) {}

  readDocument(document: YamlDocument, helmTemplate: string | undefined): void {
    const value = document.value;
    if (value === null || value === undefined) return;
    if (!isRecord(value)) {
      this.r.report(
        D.K8S_MISSING_KIND,
        `expected a Kubernetes object (a mapping with apiVersion and kind), found ${describeValue(value)}; the document is skipped`,
        this.r.documentAt(document.start),
      );
      return;
    }
    this.readObject(value, '', helmTemplate, undefined);
  }

  private readObject(
    obj: Mapping,
    base: string,
    helmTemplate: string | undefined,
    implied: ImpliedType | undefined,
  ): void {
    const apiVersion = nonEmptyString(obj['apiVersion']) ?? implied?.apiVersion;
    const kind = nonEmptyString(obj['kind']) ?? implied?.kind;
    if (apiVersion === undefined || kind === undefined) {
      const missing = [apiVersion === undefined && 'apiVersion', kind === undefined && 'kind'].filter(
        Boolean,
      );
      this.r.report(
        D.K8S_MISSING_KIND,
        `${base || 'this document'} has no ${missing.join(' and ')}: a Kubernetes object needs both as strings; it is skipped`,
        this.r.nodeAt(obj, base),
      );
      return;
    }
    const type = classifyObject(apiVersion, kind);
    switch (type.read) {
      case 'ignored':
        return;
      case 'list':
        this.readList(obj, base, helmTemplate, apiVersion, kind);
        return;
      case 'removed':
        this.reportKindOnce(
          D.K8S_REMOVED_KIND,
          obj,
          base,
          apiVersion,
          kind,
          `was removed in Kubernetes ${type.removedIn}`,
        );
        return;
      case 'kustomization':
        this.r.report(
          D.K8S_KUSTOMIZATION,
          `a ${kind}: the manifests next to it are analyzed as written, without the patches, image overrides and components it applies; run \`kubectl kustomize\` and analyze its output to see what is deployed`,
          this.r.keyAt(obj, 'kind', base),
        );
        return;
      case 'unknown':
        this.reportKindOnce(
          D.K8S_UNKNOWN_KIND,
          obj,
          base,
          apiVersion,
          kind,
          'is not a kind Rampart models (a custom resource, or a kind it does not know)',
        );
        return;
    }
    const meta = readObjectMeta(this.r, obj, base);
    if (type.read === 'workload') {
      const workload = readWorkload(this.r, obj, base, type.kind, meta);
      if (!workload) return;
      if (helmTemplate !== undefined) workload.helmTemplate = helmTemplate;
      this.out.addWorkload(workload);
      return;
    }
    const named = withName(meta);
    if (!named) {
      this.r.report(
        D.K8S_MISSING_NAME,
        `this ${kind} has no metadata.name; it is skipped`,
        this.r.nodeAt(obj, base),
      );
      return;
    }
    switch (type.read) {
      case 'service':
        this.out.addService(readService(this.r, obj, base, named));
        return;
      case 'ingress':
        this.out.addIngress(readIngress(this.r, obj, base, named));
        return;
      case 'network-policy':
        this.out.addNetworkPolicy(readNetworkPolicy(this.r, obj, base, named));
        return;
      case 'namespace':
        this.out.addNamespace(readNamespace(this.r, obj, base, named));
        return;
      case 'service-account':
        this.out.addServiceAccount(readServiceAccount(this.r, obj, base, named));
        return;
    }
  }

  /** `kind: List` and typed lists (`DeploymentList`): each item is an object of its own. */
  private readList(
    obj: Mapping,
    base: string,
    helmTemplate: string | undefined,
    apiVersion: string,
    kind: string,
  ): void {
    const items = this.r.list(obj, 'items', base);
    if (!items) return;
    const implied = kind === 'List' ? undefined : { apiVersion, kind: kind.slice(0, -'List'.length) };
    const path = fieldPath(base, 'items');
    for (let i = 0; i < items.length; i++) {
      const item = this.r.mappingItem(items, i, path);
      if (item) this.readObject(item, itemPath(path, i), helmTemplate, implied);
    }
  }

  private reportKindOnce(
    spec: DiagnosticSpec,
    obj: Mapping,
    base: string,
    apiVersion: string,
    kind: string,
    reason: string,
  ): void {
    const key = `${apiGroup(apiVersion)}/${kind}`;
    if (this.reportedKinds.has(key)) return;
    this.reportedKinds.add(key);
    this.r.report(
      spec,
      `kind ${kind} (${apiVersion}) ${reason}; objects of this kind are skipped`,
      this.r.keyAt(obj, 'kind', base),
    );
  }
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function withName(meta: ObjectMeta): NamedObjectMeta | undefined {
  return meta.name === undefined ? undefined : (meta as NamedObjectMeta);
}
