import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../models/topology';
import { bundle } from './bundle-builder';

/** Reachability is stored per group, so a large flat network costs one member list, not all
 * pairs. (Build times are measured by `npm run bench`.) */
describe('topology size', () => {
  it('keeps reachability linear on one shared default network', () => {
    const b = bundle();
    for (let i = 0; i < 1000; i++) b.compose('flat', `svc${i}`);
    const { reachability } = buildTopology(b.build());
    expect(reachability.groups).toHaveLength(1);
    expect(reachability.targets.every((t) => t.fromGroups.length === 1 && t.reachableFrom.length === 0)).toBe(
      true,
    );
  });
});
