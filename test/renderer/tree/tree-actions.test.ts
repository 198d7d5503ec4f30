import { describe, expect, it } from 'vitest';
import { editorWith, scene } from '../builders';

const AT = '2026-01-01T00:00:00Z';

describe('tree actions', () => {
  it('records a decision (trimmed, replacing by id) as one undoable step', () => {
    const editor = editorWith(scene({}));
    editor.dispatch('record-decision', {
      id: 'd1',
      node: 'n',
      goal: 'g',
      decision: 'plan',
      owner: ' Ana ',
      note: '',
      at: AT,
    });
    expect(editor.scene.value.model.decisions).toEqual([
      { id: 'd1', node: 'n', goal: 'g', decision: 'plan', owner: 'Ana', at: AT },
    ]);
    editor.dispatch('record-decision', { id: 'd1', node: 'n', goal: 'g', decision: 'accept', at: AT });
    expect(editor.scene.value.model.decisions.map((d) => d.decision)).toEqual(['accept']);
    editor.dispatch('undo');
    expect(editor.scene.value.model.decisions.map((d) => d.decision)).toEqual(['plan']);
    editor.dispatch('remove-decision', { id: 'd1' });
    expect(editor.scene.value.model.decisions).toEqual([]);
  });

  it('adds user tree nodes and removes one with the nodes hung under it', () => {
    const editor = editorWith(scene({}));
    expect(editor.dispatch('add-tree-node', { id: 'u1', parent: 'g', kind: 'step', label: '  ' })).toBe(
      false,
    );
    editor.dispatch('add-tree-node', { id: 'u1', parent: 'g', kind: 'step', label: 'phish the admin' });
    editor.dispatch('add-tree-node', { id: 'u2', parent: 'u1', kind: 'note', label: 'seen in 2024' });
    expect(editor.scene.value.model.treeNodes.map((n) => n.id)).toEqual(['u1', 'u2']);
    editor.dispatch('remove-tree-node', { id: 'u1' });
    expect(editor.scene.value.model.treeNodes).toEqual([]);
  });

  it('sets and resets a host assumption', () => {
    const editor = editorWith(scene({}));
    editor.dispatch('set-assumption', { key: 'kernel-patched', value: true });
    expect(editor.scene.value.model.assumptions).toEqual({ 'kernel-patched': true });
    expect(editor.dispatch('set-assumption', { key: 'kernel-patched', value: true })).toBe(false);
    editor.dispatch('set-assumption', { key: 'kernel-patched', value: null });
    expect(editor.scene.value.model.assumptions).toEqual({});
  });

  it('adopts a what-if without overriding states the user set', () => {
    const editor = editorWith(
      scene({
        model: {
          mitigationStates: [{ target: 'a', mitigation: 'tls', state: 'accepted-risk', reason: 'x', at: AT }],
        },
      }),
    );
    editor.dispatch('adopt-what-if', {
      planned: [
        { target: 'a', mitigation: 'tls' },
        { target: 'b', mitigation: 'no-privileged' },
      ],
      assumptions: { 'cgroup-version': 'v2' },
      at: AT,
    });
    const model = editor.scene.value.model;
    expect(model.mitigationStates.map((s) => `${s.target}:${s.mitigation}:${s.state}`)).toEqual([
      'a:tls:accepted-risk',
      'b:no-privileged:planned',
    ]);
    expect(model.assumptions).toEqual({ 'cgroup-version': 'v2' });
  });
});
