import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../models/yaml/parse-yaml';
import { SourceText } from '../../../models/source/source-text';

function parse(text: string) {
  const source = new SourceText('f.yml', text);
  return { source, ...parseYaml(source) };
}

describe('parseYaml', () => {
  it('reads a mapping with key and value locations', () => {
    const { documents, locations, source } = parse(
      'services:\n  web:\n    privileged: true\n    ports: ["80:80"]\n',
    );
    const root = documents[0]!.value as { services: { web: Record<string, unknown> } };
    expect(root.services.web).toEqual({ privileged: true, ports: ['80:80'] });
    const at = locations.keyOffset(root.services.web, 'privileged')!;
    expect(source.position(at)).toEqual({ line: 3, column: 5 });
    const item = locations.itemOffset(root.services.web.ports, 0)!;
    expect(source.position(item)).toEqual({ line: 4, column: 13 });
  });

  it('resolves scalars by the core schema', () => {
    const { documents } = parse('a: 22:22\nb: 0755\nc: yes\nd: "true"\ne: ~\nf: 1.5\ng: !!str 12\nh: 0x1F\n');
    expect(documents[0]!.value).toEqual({
      a: '22:22',
      b: 755,
      c: 'yes',
      d: 'true',
      e: null,
      f: 1.5,
      g: '12',
      h: 31,
    });
  });

  it('splits multi-document streams and keeps each document start', () => {
    const { documents, source } = parse('# c\n---\nkind: A\n---\nkind: B\n');
    expect(documents.map((d) => d.value)).toEqual([{ kind: 'A' }, { kind: 'B' }]);
    expect(source.position(documents[1]!.start).line).toBe(5);
  });

  it('applies merge keys without overriding explicit keys', () => {
    const { documents } = parse('x: &d {a: 1, b: 2}\ny:\n  b: 3\n  <<: *d\n');
    expect((documents[0]!.value as { y: unknown }).y).toEqual({ b: 3, a: 1 });
  });

  it('reports a syntax error with line and column and keeps the other documents', () => {
    const { documents, diagnostics } = parse('kind: A\n---\na: [1, 2\nb: 3\n---\nkind: C\n');
    expect(documents.map((d) => d.value)).toEqual([{ kind: 'A' }, { kind: 'C' }]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'YAML_SYNTAX', file: 'f.yml', line: 4 });
  });

  it('rejects an alias bomb quickly', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++)
      text += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    const started = Date.now();
    const { documents, diagnostics } = parse(text);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(documents).toHaveLength(0);
    expect(diagnostics[0]!.code).toBe('YAML_ALIAS_BOMB');
  });

  it('refuses a self-referencing alias instead of building a cycle', () => {
    const { documents, diagnostics } = parse('&a [*a]\n');
    expect(documents).toHaveLength(0);
    expect(diagnostics[0]!.code).toBe('YAML_UNKNOWN_ALIAS');
  });

  it('keeps __proto__ keys as inert data', () => {
    const { documents } = parse('__proto__: {polluted: true}\nconstructor: {prototype: {x: 1}}\n');
    const value = documents[0]!.value as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('warns about duplicate keys and keeps the later value', () => {
    const { documents, diagnostics } = parse('a: 1\na: 2\n');
    expect(documents[0]!.value).toEqual({ a: 2 });
    expect(diagnostics[0]).toMatchObject({ code: 'YAML_DUPLICATE_KEY', line: 2 });
  });

  it('reports excessive nesting', () => {
    const { diagnostics } = parse('['.repeat(500) + ']'.repeat(500));
    expect(diagnostics[0]!.code).toBe('YAML_TOO_DEEP');
  });

  it('parses JSON with locations', () => {
    const { documents, locations, source } = parse(
      '[\n  {\n    "Id": "abc",\n    "HostConfig": {"Privileged": true}\n  }\n]',
    );
    const c = (documents[0]!.value as Array<{ HostConfig: object }>)[0]!;
    expect(source.position(locations.keyOffset(c.HostConfig, 'Privileged')!)).toEqual({
      line: 4,
      column: 20,
    });
  });

  it('records explicit tags on values', () => {
    const { documents, locations } = parse('ports: !reset []\n');
    expect(locations.valueTag(documents[0]!.value, 'ports')).toBe('!reset');
  });
});
