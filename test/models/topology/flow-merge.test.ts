import { describe, expect, it } from 'vitest';
import { mergeFlows, type FlowDraft } from '../../../models/topology/flow-merge';

let line = 0;
function draft(partial: Partial<FlowDraft>): FlowDraft {
  return {
    from: 'a',
    to: 'b',
    protocol: 'postgresql',
    port: 5432,
    protection: 'unknown',
    rank: 0,
    origin: { kind: 'env-url', detail: 'DB_URL', at: { file: 'f', line: ++line, column: 1 } },
    ...partial,
  };
}

describe('mergeFlows', () => {
  it('keeps one flow per from, to, protocol and port', () => {
    expect(mergeFlows([draft({}), draft({}), draft({ port: 6432 })])).toHaveLength(2);
  });

  it('keeps the protection with the strongest evidence', () => {
    const [flow] = mergeFlows([
      draft({
        protection: 'none',
        rank: 1,
        protectionEvidence: { detail: 'default', at: { file: 'f', line: 1, column: 1 } },
      }),
      draft({
        protection: 'tls',
        rank: 2,
        protectionEvidence: { detail: 'sslmode', at: { file: 'f', line: 2, column: 1 } },
      }),
      draft({}),
    ]);
    expect(flow).toMatchObject({ protection: 'tls', protectionEvidence: { detail: 'sslmode' } });
    expect(flow!.origins).toHaveLength(3);
  });

  it('keeps the weaker protection when evidence of equal rank disagrees', () => {
    const [flow] = mergeFlows([
      draft({ protection: 'tls', rank: 2 }),
      draft({ protection: 'none', rank: 2 }),
    ]);
    expect(flow!.protection).toBe('none');
  });

  it('carries credentials when any draft does', () => {
    const [flow] = mergeFlows([
      draft({}),
      draft({ credentials: { detail: 'DB_PASSWORD', at: { file: 'f', line: 9, column: 1 } } }),
    ]);
    expect(flow!.credentials?.detail).toBe('DB_PASSWORD');
  });

  it('folds a dependency into the addressed flows of the same pair', () => {
    const flows = mergeFlows([
      draft({
        protocol: 'unknown',
        weak: true,
        origin: { kind: 'depends-on', detail: 'b', at: { file: 'f', line: 0, column: 1 } },
      }),
      draft({ protection: 'none', rank: 2 }),
    ]);
    expect(flows).toHaveLength(1);
    expect(flows[0]!.origins.map((o) => o.kind)).toEqual(['depends-on', 'env-url']);
  });

  it('keeps a dependency alone when nothing else connects the pair', () => {
    const flows = mergeFlows([
      draft({ protocol: 'unknown', port: undefined, weak: true }),
      draft({ to: 'c' }),
    ]);
    expect(flows.map((f) => [f.to, f.protocol])).toEqual([
      ['c', 'postgresql'],
      ['b', 'unknown'],
    ]);
  });

  it('does not depend on the order of the drafts', () => {
    const drafts = [
      draft({ protection: 'tls', rank: 1 }),
      draft({ protection: 'none', rank: 1 }),
      draft({ protection: 'unknown', weak: true, protocol: 'unknown' }),
      draft({ to: 'c', protection: 'tls', rank: 2 }),
    ];
    expect(mergeFlows([...drafts].reverse()).sort((x, y) => x.to.localeCompare(y.to))).toEqual(
      mergeFlows(drafts).sort((x, y) => x.to.localeCompare(y.to)),
    );
  });
});
