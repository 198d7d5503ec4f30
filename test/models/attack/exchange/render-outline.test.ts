// The text outline for documents (reference §4.5 style).
import { describe, expect, it } from 'vitest';
import { evaluateTree } from '../../../../models/attack/evaluation/evaluate-tree';
import { renderOutline } from '../../../../models/attack/exchange/render-outline';
import { tree } from '../../../../models/attack/tree/tree-builder';

const host = tree()
  .goal('root', 'OR', ['via-socket', 'via-pipe'], { label: 'root on Docker host' })
  .sand('via-socket', ['exec-worker', 'sock'], { label: 'escape via docker.sock' })
  .sand('via-pipe', ['exec-worker', 'pipe', 'kernel'], { label: 'Dirty Pipe' })
  .or('exec-worker', ['rce', 'image'], { label: 'exec in worker' })
  .step('sock', { cost: 1 }, { label: 'docker run --privileged', ruleId: 'R04', attack: ['T1609', 'T1611'] })
  .step('pipe', { cost: 3 }, { label: 'overwrite read-only files', ruleId: 'R16', cves: ['CVE-2022-0847'] })
  .step('rce', { cost: 5 }, { label: 'RCE via port 80' })
  .step('image', { cost: 8 }, { label: 'malicious\nimage' })
  .assumption('kernel', 'unknown', { label: 'kernel 5.8–5.16.10', probability: 0.2 })
  .defence('no-sock', ['sock'], {
    label: 'remove socket mount',
    mitigation: 'no-runtime-socket',
    active: false,
  })
  .defence('pin', ['image'], { label: 'digest pin', mitigation: 'immutable-image' })
  .defence('seccomp', ['pipe'], {
    label: 'seccomp default',
    partial: { probabilityFactor: 0.5, addedCost: 2 },
  })
  .build();

const expected = `GOAL root on Docker host (OR)
├─ escape via docker.sock (SAND)
│  ├─ exec in worker*
│  └─ docker run --privileged (R04; T1609, T1611)
│     └─ [D: remove socket mount: INACTIVE, blocks (no-runtime-socket)]
└─ Dirty Pipe (SAND)
   ├─ exec in worker*
   ├─ overwrite read-only files (R16; CVE-2022-0847)
   │  └─ [D: seccomp default: ACTIVE, partial ×0.5 +cost 2]
   └─ {A: kernel 5.8–5.16.10: unknown, p 0.2}

exec in worker* (OR)
├─ RCE via port 80
└─ malicious image
   └─ [D: digest pin: ACTIVE, blocks (immutable-image)]
`;

describe('renderOutline', () => {
  it('prints gates, defences, facts, and shared nodes once with back-references', () => {
    expect(renderOutline(host)).toBe(expected);
  });

  it('adds status, metrics and the cheapest attacks with an evaluation', () => {
    const lines = renderOutline(host, evaluateTree(host), { maxAttacks: 1 }).split('\n');
    // P = P(rce) · P(sock ∨ (pipe ∧ past seccomp ∧ kernel)) = 0.5 · (0.5 + 0.05 − 0.025).
    expect([lines[0], lines[10], lines[11]]).toEqual([
      'GOAL root on Docker host (OR) — open · cost 6 · time 2 · skill 1 · P 0.263',
      '  ⇒ RCE via port 80 + docker run --privileged (cost 6, time 2, P 0.25)',
      '  ⇒ … 1 more',
    ]);
  });

  it('marks mitigated nodes', () => {
    expect(renderOutline(host, evaluateTree(host))).toContain('└─ malicious image [mitigated]');
  });

  it('is the same forty times', () => {
    const first = renderOutline(host, evaluateTree(host));
    for (let k = 0; k < 40; k++) expect(renderOutline(host, evaluateTree(host))).toBe(first);
  });

  it('refers back to a shared node on a cycle instead of looping', () => {
    const cyclic = tree().goal('g', 'OR', ['a']).or('a', ['b', 'x']).or('b', ['a']).step('x').build();
    expect(renderOutline(cyclic)).toBe('GOAL g (OR)\n└─ a*\n\na* (OR)\n├─ b (OR)\n│  └─ a*\n└─ x\n');
  });

  it('marks a cycle through the goal', () => {
    const cyclic = tree().goal('g', 'OR', ['a', 'x']).or('a', ['g']).step('x').build();
    expect(renderOutline(cyclic)).toContain('└─ g ↺ (cycle)');
  });
});
