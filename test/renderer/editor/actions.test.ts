import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../renderer/editor/actions/registry';
import type { KeyPress } from '../../../renderer/editor/actions/action';
import { boundary, editorWith, element, flow, scene } from '../builders';

const key = (k: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

const twoServices = () =>
  scene({
    elements: [element('a', { boundary: 'net' }), element('b', { kind: 'data-store' })],
    boundaries: [boundary('net')],
    flows: [flow('a', 'b')],
    positions: {
      net: { x: 0, y: 0, width: 400, height: 300 },
      a: { x: 20, y: 40 },
      b: { x: 600, y: 40 },
    },
  });

describe('actions', () => {
  it('are registered once each, with a label', () => {
    const names = ACTIONS.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    for (const action of ACTIONS) expect(action.label).toMatch(/^[a-z]/);
  });

  it('add-element places the element centred on the point, inside the boundary there, selected', () => {
    const editor = editorWith(twoServices());
    expect(editor.dispatch('add-element', { kind: 'service', x: 200, y: 200 })).toBe(true);
    const added = editor.scene.value.model.elements.find((e) => e.id === 'user:service:1')!;
    expect(added).toMatchObject({ kind: 'service', origin: 'user', boundary: 'net', name: 'Service' });
    expect(editor.scene.value.layout.positions['user:service:1']).toEqual({ x: 125, y: 172 });
    expect(editor.ui.value.selection).toEqual(['user:service:1']);
    editor.dispatch('undo');
    expect(editor.scene.value.model.elements.map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('add-boundary nests the new boundary in the one around it and ignores tiny boxes', () => {
    const editor = editorWith(twoServices());
    expect(editor.dispatch('add-boundary', { x: 10, y: 10, width: 5, height: 5 })).toBe(false);
    editor.dispatch('add-boundary', { x: 10, y: 10, width: 200, height: 150 });
    expect(editor.scene.value.model.boundaries.find((b) => b.id === 'user:boundary:1')).toMatchObject({
      parent: 'net',
    });
  });

  it('connect draws a flow between two elements, never to itself', () => {
    const editor = editorWith(twoServices());
    expect(editor.dispatch('connect', { from: 'a', to: 'a' })).toBe(false);
    expect(editor.dispatch('connect', { from: 'b', to: 'a' })).toBe(true);
    const added = editor.scene.value.model.flows.find((f) => f.from === 'b')!;
    expect(added).toMatchObject({ id: 'user:flow:b->a:1', to: 'a', protection: 'none', origin: 'user' });
  });

  it('delete removes the selection, its flows and states, and re-parents a deleted boundary’s members', () => {
    const start = twoServices();
    start.model.mitigationStates = [{ target: 'a', mitigation: 'tls', state: 'planned', at: 't' }];
    const editor = editorWith(start);
    editor.dispatch('select', { ids: ['net'] });
    editor.dispatch('delete');
    expect(editor.scene.value.model.boundaries).toEqual([]);
    expect(editor.scene.value.model.elements.find((e) => e.id === 'a')!.boundary).toBeUndefined();
    editor.dispatch('undo');
    editor.dispatch('select', { ids: ['a'] });
    editor.dispatch('delete');
    const { model, layout } = editor.scene.value;
    expect(model.elements.map((e) => e.id)).toEqual(['b']);
    expect(model.flows).toEqual([]);
    expect(model.mitigationStates).toEqual([]);
    expect(layout.positions['a']).toBeUndefined();
    editor.dispatch('undo');
    expect(editor.scene.value).toEqual(start);
  });

  it('set-positions moves items in one undo step and re-assigns the boundary an element lands in', () => {
    const editor = editorWith(twoServices());
    editor.dispatch('set-positions', { b: { x: 100, y: 100 } });
    expect(editor.scene.value.model.elements.find((e) => e.id === 'b')!.boundary).toBe('net');
    editor.dispatch('undo');
    expect(editor.scene.value).toEqual(twoServices());
  });

  it('a drag gesture previews without history and commits one step', () => {
    const editor = editorWith(twoServices());
    editor.beginGesture();
    for (const x of [30, 40, 50]) {
      const s = editor.scene.value;
      editor.preview({ ...s, layout: { positions: { ...s.layout.positions, a: { x, y: 40 } } } });
    }
    expect(editor.history.canUndo).toBe(false);
    editor.endGesture('set-positions', { a: { x: 50, y: 40 } });
    expect(editor.scene.value.layout.positions['a']).toEqual({ x: 50, y: 40 });
    editor.dispatch('undo');
    expect(editor.scene.value.layout.positions['a']).toEqual({ x: 20, y: 40 });
  });

  it('nudges the selection with the arrow keys', () => {
    const editor = editorWith(twoServices());
    editor.dispatch('select', { ids: ['a'] });
    expect(editor.handleKey(key('ArrowRight', { shiftKey: true }))).toBe(true);
    expect(editor.scene.value.layout.positions['a']).toEqual({ x: 30, y: 40 });
  });

  it('box-select picks the elements a box meets and the flows between them', () => {
    const editor = editorWith(twoServices());
    editor.dispatch('box-select', { x: 0, y: 0, width: 1000, height: 200 });
    expect([...editor.ui.value.selection].sort()).toEqual(['a', 'b', 'f:a->b']);
    editor.dispatch('box-select', { x: 0, y: 0, width: 100, height: 100 });
    expect(editor.ui.value.selection).toEqual(['a']);
  });

  it('copy and paste make hand-drawn copies, offset each time', () => {
    const editor = editorWith(twoServices());
    editor.dispatch('select', { ids: ['a', 'b'] });
    expect(editor.handleKey(key('c', { ctrlKey: true }))).toBe(true);
    expect(editor.handleKey(key('v', { ctrlKey: true }))).toBe(true);
    const { model, layout } = editor.scene.value;
    expect(model.elements.map((e) => e.id)).toEqual(['a', 'b', 'user:data-store:1', 'user:service:1']);
    expect(model.flows.map((f) => f.id)).toContain('user:flow:user:service:1->user:data-store:1:1');
    expect(layout.positions['user:service:1']).toEqual({ x: 52, y: 72 });
    editor.handleKey(key('v', { ctrlKey: true }));
    expect(editor.scene.value.layout.positions['user:service:2']).toEqual({ x: 84, y: 104 });
  });

  it('rename renames elements, boundaries and the model, ignoring blank names', () => {
    const editor = editorWith(twoServices());
    expect(editor.dispatch('rename', { id: 'a', name: '  ' })).toBe(false);
    editor.dispatch('rename', { id: 'a', name: 'web' });
    editor.dispatch('rename', { id: 'net', name: 'backend' });
    editor.dispatch('rename', { id: 'model-1', name: 'Shop' });
    const { model } = editor.scene.value;
    expect([model.name, model.elements[0]!.name, model.boundaries[0]!.name]).toEqual([
      'Shop',
      'web',
      'backend',
    ]);
  });

  it('edit-flow validates the port and sets the protection', () => {
    const editor = editorWith(twoServices());
    editor.dispatch('edit-flow', {
      id: 'f:a->b',
      patch: { port: 70000, protection: 'mtls', protocol: 'grpc' },
    });
    expect(editor.scene.value.model.flows[0]).toMatchObject({ protocol: 'grpc', protection: 'mtls' });
    expect(editor.scene.value.model.flows[0]!.port).toBeUndefined();
    editor.dispatch('edit-flow', { id: 'f:a->b', patch: { port: 443 } });
    expect(editor.scene.value.model.flows[0]!.port).toBe(443);
  });

  it('set-mitigation-state adds, replaces and clears one edit per target and kind', () => {
    const editor = editorWith(twoServices());
    const at = '2026-01-01T00:00:00.000Z';
    editor.dispatch('set-mitigation-state', {
      target: 'a',
      mitigation: 'non-root-user',
      state: 'planned',
      at,
    });
    editor.dispatch('set-mitigation-state', {
      target: 'a',
      mitigation: 'non-root-user',
      state: 'accepted-risk',
      reason: ' legacy ',
      at,
    });
    expect(editor.scene.value.model.mitigationStates).toEqual([
      { target: 'a', mitigation: 'non-root-user', state: 'accepted-risk', reason: 'legacy', at },
    ]);
    editor.dispatch('set-mitigation-state', { target: 'a', mitigation: 'non-root-user', state: null, at });
    expect(editor.scene.value.model.mitigationStates).toEqual([]);
    editor.dispatch('undo');
    expect(editor.scene.value.model.mitigationStates[0]!.state).toBe('accepted-risk');
  });

  it('keyboard shortcuts: tools, select all, escape, help, undo/redo', () => {
    const editor = editorWith(twoServices());
    editor.handleKey(key('s'));
    expect(editor.ui.value.tool).toBe('service');
    editor.handleKey(key('Escape'));
    expect(editor.ui.value.tool).toBe('select');
    editor.handleKey(key('a', { ctrlKey: true }));
    expect(editor.ui.value.selection).toEqual(['a', 'b', 'f:a->b']);
    editor.handleKey(key('?', { shiftKey: true }));
    expect(editor.ui.value.helpOpen).toBe(true);
    editor.dispatch('rename', { id: 'a', name: 'x' });
    editor.handleKey(key('z', { metaKey: true }));
    expect(editor.scene.value.model.elements[0]!.name).toBe('a');
    editor.handleKey(key('Z', { ctrlKey: true, shiftKey: true }));
    expect(editor.scene.value.model.elements[0]!.name).toBe('x');
  });

  it('view actions reach the view, and relayout is deterministic', () => {
    const editor = editorWith(twoServices());
    const seen: string[] = [];
    editor.onViewCommand((c) => seen.push(c));
    editor.handleKey(key('f'));
    editor.handleKey(key('+'));
    editor.dispatch('relayout');
    const first = editor.scene.value.layout;
    editor.dispatch('relayout');
    expect(editor.scene.value.layout).toEqual(first);
    expect(seen).toEqual(['fit', 'zoom-in', 'fit', 'fit']);
  });
});
