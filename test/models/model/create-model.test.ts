import { describe, expect, it } from 'vitest';
import { createEmptyModel, modelFromImport } from '../../../models/model/create-model';
import { serializeModelFile } from '../../../models/model/serialize-model';
import { counter, NOW, readTree } from './model-builder';

const shopFiles = () => readTree('templates/examples/shop');

describe('createEmptyModel', () => {
  it('takes its id from the injected generator', () => {
    const model = createEmptyModel(counter('m'), 'Workshop');
    expect(model.id).toBe('m-1');
    expect(model.name).toBe('Workshop');
    expect(model.elements).toEqual([]);
    expect(model.assumptions).toEqual({});
  });
});

describe('modelFromImport', () => {
  const { model, layout, analysis } = modelFromImport(shopFiles(), NOW, {
    newId: counter(),
    name: 'Acme Shop',
  });

  it('materialises every topology element, boundary and flow as an imported item with the same id', () => {
    const ids = (items: { id: string }[]) => items.map((i) => i.id);
    expect(ids(model.elements)).toEqual(ids(analysis.topology.elements));
    expect(ids(model.boundaries)).toEqual(ids(analysis.topology.boundaries));
    expect(ids(model.flows)).toEqual(ids(analysis.topology.flows));
    expect(model.elements.length).toBeGreaterThan(10);
    expect(
      [...model.elements, ...model.boundaries, ...model.flows].every((i) => i.origin === 'imported'),
    ).toBe(true);
  });

  it('copies what the diagram needs from the topology', () => {
    const store = analysis.topology.elements.find((e) => e.kind === 'data-store')!;
    const element = model.elements.find((e) => e.id === store.id)!;
    expect(element).toMatchObject({
      name: store.name,
      boundary: store.boundary,
      technology: store.technology,
    });
    expect(element.source).toEqual(store.at);
    const flow = analysis.topology.flows[0]!;
    expect(model.flows[0]).toMatchObject({ from: flow.from, to: flow.to, protocol: flow.protocol });
  });

  it('keeps the files verbatim as sources, sorted by path, stamped with the import time', () => {
    const files = shopFiles();
    expect(model.sources.map((s) => s.path)).toEqual(files.map((f) => f.path).sort());
    const compose = files.find((f) => f.path === 'compose/compose.yaml')!;
    expect(model.sources.find((s) => s.path === compose.path)).toEqual({ ...compose, importedAt: NOW });
    expect(layout.positions).toEqual({});
  });

  it('names the model after the folder the files share when no name is given', () => {
    const files = readTree('test/fixtures/model/small').map((f) => ({ ...f, path: `shop/${f.path}` }));
    expect(modelFromImport(files, NOW, { newId: counter() }).model.name).toBe('shop');
  });

  it('gives the same model forty times', () => {
    const files = readTree('test/fixtures/model/small');
    const first = serializeModelFile(modelFromImport(files, NOW, { newId: counter() }).model, {
      positions: {},
    });
    for (let i = 0; i < 40; i++) {
      const again = modelFromImport(files, NOW, { newId: counter() }).model;
      expect(serializeModelFile(again, { positions: {} })).toBe(first);
    }
  });
});
