import { compareIds } from './ids';
import type { TopologyElement, TrustBoundary } from './types';

/**
 * The trust boundaries of a system, nested through `parent`: the internet; per compose project the
 * Docker host with one boundary per network; per cluster the namespaces.
 *
 * A compose service on several networks sits in its host boundary and is a member of each network
 * boundary: a diagram cannot draw it inside two sibling boxes, and the host is the innermost
 * boundary that really contains it. A flow between two elements that share a network crosses
 * nothing; otherwise it leaves the source's boundaries up to the common ancestor and enters the
 * target's.
 */
export class BoundaryRegistry {
  private readonly boundaries = new Map<string, TrustBoundary>();
  private readonly chains = new Map<string, string[]>();

  add(boundary: Omit<TrustBoundary, 'members'>): void {
    if (!this.boundaries.has(boundary.id)) this.boundaries.set(boundary.id, { ...boundary, members: [] });
  }

  has(id: string): boolean {
    return this.boundaries.has(id);
  }

  kindOf(id: string): TrustBoundary['kind'] | undefined {
    return this.boundaries.get(id)?.kind;
  }

  /** Records an element in its innermost boundary and in every boundary it is a member of. */
  place(element: TopologyElement): void {
    for (const id of element.memberOf) this.boundaries.get(id)?.members.push(element.id);
  }

  /** The boundary and its ancestors, innermost first. */
  chain(id: string): string[] {
    let chain = this.chains.get(id);
    if (chain) return chain;
    chain = [];
    for (let at: string | undefined = id; at !== undefined && !chain.includes(at);) {
      chain.push(at);
      at = this.boundaries.get(at)?.parent;
    }
    this.chains.set(id, chain);
    return chain;
  }

  list(): TrustBoundary[] {
    return [...this.boundaries.values()]
      .map((b) => ({ ...b, members: [...b.members].sort(compareIds) }))
      .sort((a, b) => compareIds(a.id, b.id));
  }
}

/** Boundaries a flow crosses, in travel order: those the source leaves (inner to outer), then
 * those the target is entered through (outer to inner). */
export function crossedBoundaries(
  registry: BoundaryRegistry,
  from: TopologyElement,
  to: TopologyElement,
): string[] {
  if (from.boundary === to.boundary || sharesNetwork(registry, from, to)) return [];
  const fromChain = registry.chain(from.boundary);
  const toChain = registry.chain(to.boundary);
  return [
    ...fromChain.filter((id) => !toChain.includes(id)),
    ...toChain.filter((id) => !fromChain.includes(id)).reverse(),
  ];
}

function sharesNetwork(registry: BoundaryRegistry, from: TopologyElement, to: TopologyElement): boolean {
  for (const id of from.memberOf)
    if (registry.kindOf(id) === 'network' && to.memberOf.includes(id)) return true;
  return false;
}
