import { describe, expect, it } from 'vitest';
import { interpolate } from '../../../../models/import/compose/interpolate';

const vars: Record<string, string> = { TAG: '1.2', EMPTY: '', HOST: 'db', NAME: 'web' };
const lookup = (name: string) => (Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined);

describe('interpolate', () => {
  it.each([
    ['no variables', 'nginx:1.27', 'nginx:1.27', false],
    ['$VAR', 'app:$TAG', 'app:1.2', true],
    ['${VAR}', 'app:${TAG}-x', 'app:1.2-x', true],
    ['$VAR ends at a non-name character', '$NAME.example', 'web.example', true],
    [':- on unset', '${NOPE:-fallback}', 'fallback', true],
    [':- on empty', '${EMPTY:-fallback}', 'fallback', true],
    [':- on set', '${TAG:-fallback}', '1.2', true],
    ['- on unset', '${NOPE-fallback}', 'fallback', true],
    ['- on empty keeps empty', '${EMPTY-fallback}', '', true],
    [':+ on set', '${TAG:+alt}', 'alt', true],
    [':+ on empty', '${EMPTY:+alt}', '', true],
    ['+ on empty', '${EMPTY+alt}', 'alt', true],
    ['+ on unset', '${NOPE+alt}', '', true],
    ['nested default', '${NOPE:-${HOST:-x}:5432}', 'db:5432', true],
    ['default with spaces and colons', '${NOPE:-a b:c}', 'a b:c', true],
    ['$$ escapes', 'cost $$5 and $${TAG}', 'cost $5 and ${TAG}', false],
    ['lone $ stays', 'a $ b $1 c$', 'a $ b $1 c$', false],
    ['several in one value', '${HOST}:${TAG}/$NAME', 'db:1.2/web', true],
  ])('%s', (_name, text, value, substituted) => {
    const result = interpolate(text, lookup);
    expect(result.value).toBe(value);
    expect(result.substituted).toBe(substituted);
    expect(result.issues).toBeUndefined();
  });

  it('replaces an unset variable by an empty string and reports it', () => {
    const result = interpolate('pw=${DB_PASSWORD}', lookup);
    expect(result.value).toBe('pw=');
    expect(result.issues).toEqual([expect.objectContaining({ kind: 'unset', name: 'DB_PASSWORD' })]);
  });

  it.each([
    ['${NOPE:?must be set}', 'required variable NOPE is missing a value: must be set'],
    ['${EMPTY:?}', 'required variable EMPTY is missing a value'],
    ['${NOPE?gone}', 'required variable NOPE is missing a value: gone'],
  ])('reports %s as required', (text, message) => {
    const result = interpolate(text, lookup);
    expect(result.value).toBe('');
    expect(result.issues).toEqual([{ kind: 'required', name: expect.any(String), message }]);
  });

  it('accepts an empty value for ? without a colon', () => {
    expect(interpolate('${EMPTY?gone}', lookup)).toEqual({ value: '', substituted: true, issues: undefined });
  });

  it.each(['${UNCLOSED', '${}', '${1ABC}', '${TAG:x}', '${TAG!}'])('reports %s as invalid', (text) => {
    const result = interpolate(text, lookup);
    expect(result.issues?.[0]?.kind).toBe('invalid');
  });

  it('refuses deep nesting instead of recursing without bound', () => {
    const text = '${A:-'.repeat(5000) + 'x' + '}'.repeat(5000);
    const result = interpolate(text, lookup);
    expect(result.issues?.some((i) => i.kind === 'invalid')).toBe(true);
  });
});
