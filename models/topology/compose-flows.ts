import type { Fact } from '../source/source-ref';
import { diagnosticAt, type Diagnostic } from '../source/diagnostic';
import type { ComposeProject } from './compose-projects';
import { TOPOLOGY_DIAGNOSTICS as D } from './diagnostics';
import type { FlowDraft } from './flow-merge';
import type { TopologyElement } from './types';

/** A `depends_on` or `links` entry: `db`, or `db:database` for a link with an alias. */
interface Dependency {
  target: string;
  alias?: string;
  link: boolean;
  fact: Fact<string>;
}

const LINK_PATH = /(^|\.)links\b/;

function readDependency(fact: Fact<string>): Dependency {
  const [target, alias] = fact.value.split(':', 2) as [string, string | undefined];
  const dependency: Dependency = {
    target: target.trim(),
    link: LINK_PATH.test(fact.at.path ?? ''),
    fact,
  };
  if (alias) dependency.alias = alias.trim();
  return dependency;
}

/**
 * Flows from compose `depends_on` and `links`: the service talks to its dependency, on a protocol
 * and port nobody states. A dependency on a data store takes the store's default protocol and
 * port. These drafts are weak: an address in the environment for the same pair replaces them.
 */
export function composeDependencyFlows(
  project: ComposeProject,
  elements: ReadonlyMap<string, TopologyElement>,
  diagnostics: Diagnostic[],
): FlowDraft[] {
  const drafts: FlowDraft[] = [];
  for (const service of project.services) {
    for (const fact of service.workload.dependsOn) {
      const dependency = readDependency(fact);
      const target = project.byName.get(dependency.target.toLowerCase());
      if (target === undefined) {
        diagnostics.push(
          diagnosticAt(
            D.TOPOLOGY_UNKNOWN_DEPENDENCY,
            `"${service.workload.name}" depends on "${dependency.target}", which project "${project.name}" does not define`,
            fact.at,
          ),
        );
        continue;
      }
      if (target === service.element) continue;
      const store = elements.get(target);
      const draft: FlowDraft = {
        from: service.element,
        to: target,
        protocol: store?.kind === 'data-store' ? store.protocol! : 'unknown',
        protection: 'unknown',
        rank: 0,
        origin: { kind: dependency.link ? 'link' : 'depends-on', detail: fact.value, at: fact.at },
        weak: true,
      };
      if (store?.kind === 'data-store') draft.port = store.port!;
      drafts.push(draft);
    }
  }
  return drafts;
}

const NO_ALIASES: ReadonlyMap<string, string> = new Map();

/** Link aliases of one service (`links: [db:database]` makes `database` resolve to `db`). */
export function linkAliases(project: ComposeProject, dependsOn: Fact<string>[]): ReadonlyMap<string, string> {
  let aliases: Map<string, string> | undefined;
  for (const fact of dependsOn) {
    const dependency = readDependency(fact);
    if (!dependency.link || !dependency.alias) continue;
    const target = project.byName.get(dependency.target.toLowerCase());
    if (target !== undefined) (aliases ??= new Map()).set(dependency.alias.toLowerCase(), target);
  }
  // Most services have no link aliases: they share one empty map.
  return aliases ?? NO_ALIASES;
}
