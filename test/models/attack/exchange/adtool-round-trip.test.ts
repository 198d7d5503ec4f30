// Export to ADTool XML and read back: the same tree, and values ADTool would compute.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateBottomUp } from '../../../../models/attack/evaluation/evaluate-bottom-up';
import { evaluateTree } from '../../../../models/attack/evaluation/evaluate-tree';
import { exportAdtoolXml } from '../../../../models/attack/exchange/adtool-export';
import { importAdtoolXml } from '../../../../models/attack/exchange/adtool-import';
import type { AttackTree, TreeNode } from '../../../../models/attack/tree/attack-tree';
import { tree } from '../../../../models/attack/tree/tree-builder';
import { sortedSnapshot } from '../evaluation/helpers';
import { randomDag } from '../evaluation/random-trees';

/** Nodes by id, with counter lists sorted (their order follows the file, not the original). */
function normalized(t: AttackTree): [string, TreeNode][] {
  return [...t.nodes]
    .map(([id, n]): [string, TreeNode] => [
      id,
      n.kind === 'defence' ? { ...n, counters: [...n.counters].sort() } : n,
    ])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

const host = tree()
  .goal('root-on-host', 'OR', ['via-socket', 'via-cgroup'], {
    label: 'root on Docker host',
    notes: 'workshop 3',
  })
  .sand('via-socket', ['exec-in-worker', 'docker-sock'])
  .sand('via-cgroup', ['exec-in-worker', 'release-agent'])
  .or('exec-in-worker', ['rce', 'bad-image'], { label: 'exec in worker', origin: 'user' })
  .and('release-agent', ['mount-cgroup', 'cgroup-v1'])
  .step(
    'rce',
    { cost: 5, time: 2, skill: 3, probability: 0.4 },
    { label: 'RCE <port 80> & "friends"', ruleId: 'R31', attack: ['T1190'], elementId: 'web' },
  )
  .step(
    'bad-image',
    { cost: Infinity },
    { evidence: [{ file: 'compose.yml', line: 3, column: 5, path: 'services.worker.image' }] },
  )
  .step('docker-sock', { cost: 1 }, { ruleId: 'R04', attack: ['T1609', 'T1611'], cves: [] })
  .step('mount-cgroup', { cost: 2 }, { cves: ['CVE-2022-0492'] })
  .step('cgroup-escape-kit', { cost: 9 })
  .assumption('cgroup-v1', 'unknown', { probability: 0.3, key: 'cgroup', value: 'v1' })
  .defence('remove-socket', ['docker-sock'], { mitigation: 'no-runtime-socket', active: false })
  .defence('apparmor', ['mount-cgroup', 'rce'], {
    mitigation: 'apparmor-profile',
    children: ['cgroup-escape-kit'],
  })
  .defence('seccomp', ['mount-cgroup'], {
    mitigation: 'seccomp-default',
    partial: { probabilityFactor: 0.5, addedCost: 2, addedTime: 1 },
  })
  .build();

describe('ADTool round trip', () => {
  const exported = exportAdtoolXml(host, { inactiveDefences: 'include' });
  const back = importAdtoolXml(exported.xml);

  it('reads back without diagnostics', () => {
    expect(back.diagnostics).toEqual([]);
  });

  it('gives back the same tree', () => {
    expect(normalized(back.tree!)).toEqual(normalized(host));
  });

  it('gives back the same evaluation', () => {
    expect(sortedSnapshot(evaluateTree(back.tree!))).toBe(sortedSnapshot(evaluateTree(host)));
  });

  it('writes the same file again', () => {
    expect(exportAdtoolXml(back.tree!, { inactiveDefences: 'include' }).xml).toBe(exported.xml);
  });

  it('writes a shared node once per occurrence, marking the clones', () => {
    const occurrences = exported.xml.match(/<label>exec in worker<\/label>/g)?.length;
    const clones = exported.xml.match(/&quot;clone&quot;:&quot;exec-in-worker&quot;/g)?.length;
    expect([occurrences, clones]).toEqual([2, 1]);
  });

  it('groups several defences of one node under one disjunctive countermeasure', () => {
    expect(exported.xml).toContain('<label>mount-cgroup (defences)</label>');
  });

  it('escapes labels', () => {
    expect(exported.xml).toContain('<label>RCE &lt;port 80&gt; &amp; &quot;friends&quot;</label>');
  });

  it('leaves inactive defences out by default, and says so', () => {
    const plain = exportAdtoolXml(host);
    expect([plain.xml.includes('remove-socket'), plain.notes]).toEqual([
      false,
      [
        '1 inactive defence(s) left out',
        'SAND refinements are written "sequential"; ADTool reads them as conjunctive in an ADTree',
      ],
    ]);
  });

  it('without metadata still reads back the DAG through label clones', () => {
    const bare = importAdtoolXml(exportAdtoolXml(host, { metadata: false }).xml);
    expect(evaluateTree(bare.tree!).goals[0]!.metrics.minCost).toBe(
      evaluateTree(host).goals[0]!.metrics.minCost,
    );
  });

  it('writes ADTool domains', () => {
    expect(exported.xml).toContain('<class>lu.uni.adtool.domains.adtpredefined.MinCost</class>');
  });

  it('writes a SAND tree without defences', () => {
    const sand = exportAdtoolXml(host, { format: 'sandtree' });
    expect([
      sand.xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<sandtree>'),
      sand.xml.includes('switchRole'),
    ]).toEqual([true, false]);
  });
});

describe('export keeps ADTool values', () => {
  it('bottom-up values survive export and import without metadata on random trees', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const t = randomDag(seed, {
          steps: 6,
          gates: 6,
          assumptions: 2,
          defences: 3,
          treeShaped: true,
          inactive: false,
        });
        const goal = evaluateTree(t).goals[0];
        if (!goal) return;
        const back = importAdtoolXml(exportAdtoolXml(t, { goal: goal.id, metadata: false }).xml);
        for (const domain of ['MinCost', 'MinTimeSeq', 'ProbSucc'] as const) {
          const before = evaluateBottomUp(t, domain).values.get(goal.id)!;
          const after = evaluateBottomUp(back.tree!, domain).values.get(back.goal!)!;
          expect(after).toBeCloseTo(before, 9);
        }
      }),
      { numRuns: 100, seed: 5 },
    );
  });

  it('collapses repeated shared nodes past the node budget, with their bottom-up values', () => {
    const deep = tree().goal('g', 'AND', ['l0', 'r0']);
    for (let k = 0; k < 12; k++)
      deep.or(`l${k}`, [`l${k + 1}`, `r${k + 1}`]).or(`r${k}`, [`l${k + 1}`, `r${k + 1}`]);
    deep.steps({ l12: { cost: 1 }, r12: { cost: 2 } });
    const t = deep.build();
    const exported = exportAdtoolXml(t, { maxNodes: 200 });
    const back = importAdtoolXml(exported.xml, {});
    expect([
      exported.notes.some((n) => n.includes('node budget 200')),
      evaluateBottomUp(back.tree!, 'MinCost').values.get('g'),
    ]).toEqual([true, evaluateBottomUp(t, 'MinCost').values.get('g')]);
  });
});
