import { describe, expect, it } from 'vitest';
import { History } from '../../../renderer/editor/history';
import { applyDelta, diffScenes } from '../../../renderer/editor/scene-delta';
import { element, flow, scene } from '../builders';

const base = scene({
  elements: [element('a'), element('b')],
  flows: [flow('a', 'b')],
  positions: { a: { x: 0, y: 0 }, b: { x: 200, y: 0 } },
});

describe('scene deltas', () => {
  it('are empty for an unchanged scene', () => {
    expect(diffScenes(base, base)).toBeUndefined();
    expect(diffScenes(base, { ...base, model: { ...base.model } })).toBeUndefined();
  });

  it('record only what changed, keyed by id', () => {
    const after = {
      model: { ...base.model, elements: [element('a', { name: 'renamed' }), element('b')] },
      layout: { positions: { ...base.layout.positions, b: { x: 250, y: 10 } } },
    };
    const delta = diffScenes(base, after)!;
    expect(delta.collections.elements).toEqual([
      { key: 'a', before: element('a'), after: element('a', { name: 'renamed' }) },
    ]);
    expect(delta.collections.flows).toBeUndefined();
    expect(delta.positions).toEqual([{ key: 'b', before: { x: 200, y: 0 }, after: { x: 250, y: 10 } }]);
  });

  it('round-trip: backward then forward gives the scenes back', () => {
    const after = {
      model: { ...base.model, name: 'New name', elements: [element('a')], flows: [] },
      layout: { positions: { a: { x: 0, y: 0 } } },
    };
    const delta = diffScenes(base, after)!;
    expect(applyDelta(after, delta, 'backward')).toEqual(base);
    expect(applyDelta(base, delta, 'forward')).toEqual(after);
  });

  it('keys mitigation-state edits by target and mitigation', () => {
    const edit = {
      target: 'a',
      mitigation: 'tls' as const,
      state: 'planned' as const,
      at: '2026-01-01T00:00:00Z',
    };
    const after = { ...base, model: { ...base.model, mitigationStates: [edit] } };
    const delta = diffScenes(base, after)!;
    expect(delta.collections.mitigationStates).toEqual([{ key: 'a\u0000tls', after: edit }]);
  });
});

describe('History', () => {
  it('undoes and redoes in order, and a new change clears redo', () => {
    const history = new History();
    const one = { ...base, model: { ...base.model, name: 'one' } };
    const two = { ...one, model: { ...one.model, name: 'two' } };
    expect(history.record('rename', base, one)).toBe(true);
    expect(history.record('rename', one, two)).toBe(true);
    expect(history.record('noop', two, two)).toBe(false);
    const undone = history.undo(two)!;
    expect(undone.model.name).toBe('one');
    expect(history.undo(undone)!.model.name).toBe('Test');
    expect(history.canUndo).toBe(false);
    const redone = history.redo(base)!;
    expect(redone.model.name).toBe('one');
    history.record('rename', redone, { ...redone, model: { ...redone.model, name: 'three' } });
    expect(history.canRedo).toBe(false);
  });

  it('drops the oldest entries beyond its limit', () => {
    const history = new History(2);
    let current = base;
    for (const name of ['1', '2', '3']) {
      const next = { ...current, model: { ...current.model, name } };
      history.record('rename', current, next);
      current = next;
    }
    current = history.undo(current)!;
    current = history.undo(current)!;
    expect(current.model.name).toBe('1');
    expect(history.undo(current)).toBeUndefined();
  });
});
