import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../../../models/analysis/analyze';
import { evaluateTree, whatIf, type GoalEvaluation } from '../../../../models/attack/evaluation';
import { generateAttackTrees } from '../../../../models/attack/generate/generate-attack-trees';
import { validateTree } from '../../../../models/attack/tree';

const FIXTURE = join(import.meta.dirname, '../../../fixtures/attack/worked-example/compose.yaml');
const PATH = 'worked-example/compose.yaml';
const WORKER = 'compose:worked-example/worker';
const HOST_ROOT = 'goal:host-root:host:worked-example';

function generate(text = readFileSync(FIXTURE, 'utf8'), assumptions = {}) {
  const analysis = analyzeFiles([{ path: PATH, text }]);
  return generateAttackTrees(analysis, { assumptions: { 'cgroup-version': 'v1', ...assumptions } });
}

/** Rule ids of each minimal attack on a goal, e.g. ["R04+R25+R31", …]. */
function attackRules(goal: GoalEvaluation): string[] {
  return goal.attacks.map((a) => [...new Set(a.steps.map((s) => s.split(':')[1]))].sort().join('+'));
}

function goalOf(evaluation: ReturnType<typeof evaluateTree>, id: string): GoalEvaluation {
  return evaluation.goals.find((g) => g.id === id)!;
}

describe('the worked example of attack-trees.md §4.5', () => {
  const { tree, goals } = generate();
  const evaluation = evaluateTree(tree);
  const hostRoot = goalOf(evaluation, HOST_ROOT);

  it('generates a valid DAG whose goals share the footholds', () => {
    expect(validateTree(tree).filter((p) => p.severity === 'error')).toEqual([]);
    const parents = [...tree.nodes.values()].filter(
      (n) => (n.kind === 'goal' || n.kind === 'subgoal') && n.children.includes(`exec:${WORKER}`),
    );
    expect(parents.length).toBeGreaterThan(1);
    expect(goals.map((g) => g.kind)).toEqual(
      expect.arrayContaining(['host-root', 'secrets', 'data', 'lateral']),
    );
  });

  it('keeps the runtime-socket path open despite :ro', () => {
    expect(hostRoot.status).toBe('open');
    expect(attackRules(hostRoot)).toContain('R04+R25+R31');
    const step = tree.nodes.get(`step:R04:${WORKER}/worker`);
    expect(step?.kind === 'step' && step.evidence.some((e) => e.path === 'services.worker.volumes[0]')).toBe(
      true,
    );
  });

  it('has the release_agent path through CAP_SYS_ADMIN and the missing AppArmor profile', () => {
    expect(attackRules(hostRoot)).toContain('R02+R21+R25+R31');
  });

  it('dropping CAP_SYS_ADMIN from worker cuts release_agent and leaves the socket path', () => {
    const after = whatIf(tree, evaluation, [
      { kind: 'defence', id: `defence:drop-capabilities@${WORKER}`, active: true },
    ]);
    const rules = attackRules(goalOf(after.evaluation, HOST_ROOT));
    expect(rules).not.toContain('R02+R21+R25+R31');
    expect(rules).toContain('R04+R25+R31');
    const cut = after.delta.goals.find((g) => g.goal === HOST_ROOT)!;
    expect(cut.changed).toBe(true);
  });

  it('cap_drop: [ALL] next to cap_add: [SYS_ADMIN] cuts nothing: the add comes after the drop', () => {
    const text = readFileSync(FIXTURE, 'utf8').replace(
      'cap_add: [SYS_ADMIN]',
      'cap_drop: [ALL]\n    cap_add: [SYS_ADMIN]',
    );
    const again = evaluateTree(generate(text).tree);
    expect(attackRules(goalOf(again, HOST_ROOT))).toContain('R02+R21+R25+R31');
  });

  it('deleting the cap_add removes the release_agent path from the regenerated tree', () => {
    const text = readFileSync(FIXTURE, 'utf8').replace('    cap_add: [SYS_ADMIN]\n', '');
    const again = evaluateTree(generate(text).tree);
    expect(attackRules(goalOf(again, HOST_ROOT)).some((r) => r.includes('R02'))).toBe(false);
  });

  it('no container setting cuts Dirty Pipe; only the kernel-patch assumption does', () => {
    const dirtyPipe = [...tree.nodes.values()].filter((n) => n.kind === 'step' && n.ruleId === 'R16');
    expect(dirtyPipe.length).toBe(3);
    const defences = [...tree.nodes.values()].filter(
      (n) => n.kind === 'defence' && n.counters.some((c) => dirtyPipe.some((s) => s.id === c)),
    );
    expect([...new Set(defences.map((d) => (d.kind === 'defence' ? d.mitigation : '')))]).toEqual([
      'host-hardening',
    ]);
    const patched = whatIf(tree, evaluation, [
      { kind: 'assumption', id: 'assume:kernel-patched=false', holds: false },
    ]);
    expect(attackRules(goalOf(patched.evaluation, HOST_ROOT)).some((r) => r.includes('R16'))).toBe(false);
  });

  it('every step shows its evidence and the mitigations that would cut it exist in the catalogue', () => {
    for (const node of tree.nodes.values()) {
      if (node.kind === 'step' && !['R16', 'R29', 'R25', 'R37'].includes(node.ruleId ?? ''))
        expect(node.evidence.length, node.id).toBeGreaterThan(0);
    }
  });

  it('keeps user-added steps when the trees are regenerated', () => {
    const hostRootNode = tree.nodes.get(HOST_ROOT)!;
    const userStep = {
      id: 'user:phished-admin',
      kind: 'step' as const,
      label: 'phish an operator with SSH access to the host',
      origin: 'user' as const,
      attributes: { cost: 2, time: 24, skill: 2, probability: 0.3 },
      attack: ['T1566'],
      cves: [],
      evidence: [],
    };
    const edited = new Map(tree.nodes);
    edited.set(userStep.id, userStep);
    if (hostRootNode.kind === 'goal')
      edited.set(HOST_ROOT, { ...hostRootNode, children: [...hostRootNode.children, userStep.id] });
    const analysis = analyzeFiles([{ path: PATH, text: readFileSync(FIXTURE, 'utf8') }]);
    const regenerated = generateAttackTrees(analysis, {
      assumptions: { 'cgroup-version': 'v1' },
      previous: { nodes: edited },
    }).tree;
    const goal = regenerated.nodes.get(HOST_ROOT);
    expect(goal?.kind === 'goal' && goal.children.includes(userStep.id)).toBe(true);
    expect(attackRules(goalOf(evaluateTree(regenerated), HOST_ROOT))).toContain('phished-admin');
  });

  it('is deterministic', () => {
    const first = JSON.stringify([...generate().tree.nodes]);
    for (let i = 0; i < 10; i++) expect(JSON.stringify([...generate().tree.nodes])).toBe(first);
  });
});
