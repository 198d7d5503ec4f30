import type { ModelFlow, Position, ThreatModel } from '../../models/model/threat-model';
import { boxContains, boxOf, type Box } from './scene';

/** The innermost boundary whose box contains `box`, if any (boundaries listed in `exclude` skipped). */
export function boundaryAt(
  model: ThreatModel,
  positions: Record<string, Position>,
  box: Box,
  exclude: ReadonlySet<string> = new Set(),
): string | undefined {
  let best: { id: string; area: number } | undefined;
  for (const boundary of model.boundaries) {
    if (exclude.has(boundary.id)) continue;
    const outer = boxOf(positions[boundary.id]);
    if (!outer || !boxContains(outer, box)) continue;
    const area = outer.width * outer.height;
    if (!best || area < best.area) best = { id: boundary.id, area };
  }
  return best?.id;
}

/** Boundaries from the innermost outwards, starting at `id`. */
export function boundaryChain(model: ThreatModel, id: string | undefined): string[] {
  const parents = new Map(model.boundaries.map((b) => [b.id, b.parent]));
  const chain: string[] = [];
  for (let current = id; current && !chain.includes(current); current = parents.get(current))
    chain.push(current);
  return chain;
}

/** True when a flow leaves or enters a trust boundary: its ends sit in different boundaries. */
export function flowCrossesBoundary(
  model: ThreatModel,
  flow: ModelFlow,
  boundaryOf: Map<string, string | undefined>,
): boolean {
  const from = boundaryChain(model, boundaryOf.get(flow.from));
  const to = boundaryChain(model, boundaryOf.get(flow.to));
  return from.join('\u0000') !== to.join('\u0000');
}
