import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportBundle } from '../../../models/import/workload';
import { buildTopology } from '../../../models/topology';

/** d3's linear congruential generator: a seeded shuffle, the same on every run. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (1664525 * state + 1013904223) % 4294967296) / 4294967296;
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('buildTopology determinism', () => {
  // The mixed compose + Kubernetes golden case touches every part of the builder.
  const input = JSON.parse(
    readFileSync(join(import.meta.dirname, '../../fixtures/topology/mixed-shop/bundle.json'), 'utf8'),
  ) as ImportBundle;
  const expected = JSON.stringify(buildTopology(input));

  it('gives the same output for the same input forty times', () => {
    for (let i = 0; i < 40; i++) expect(JSON.stringify(buildTopology(structuredClone(input)))).toBe(expected);
  });

  it('does not depend on the order of objects in the bundle', () => {
    const random = lcg(42);
    for (let i = 0; i < 40; i++) {
      const reordered: ImportBundle = {
        ...input,
        workloads: shuffled(input.workloads, random),
        services: shuffled(input.services, random),
        ingresses: shuffled(input.ingresses, random),
        networkPolicies: shuffled(input.networkPolicies, random),
        namespaces: shuffled(input.namespaces, random),
        networks: shuffled(input.networks, random),
        dockerfiles: shuffled(input.dockerfiles, random),
      };
      expect(JSON.stringify(buildTopology(reordered))).toBe(expected);
    }
  });

  it('does not modify its input', () => {
    const copy = structuredClone(input);
    buildTopology(input);
    expect(input).toEqual(copy);
  });
});
