import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/i18n/en';
import { catalogues, chooseLocale, setLocale, t } from '../../renderer/i18n/t';

const RENDERER = fileURLToPath(new URL('../../renderer/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'db' ? [] : sources(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

describe('message catalogue', () => {
  const files = sources(RENDERER).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const keys = new Set(Object.keys(en));

  it('has every key the UI uses in a t() call or as an action or fact label', () => {
    const missing: string[] = [];
    for (const { path, text } of files) {
      for (const match of text.matchAll(/\bt\(\s*'([^']+)'/g))
        if (!keys.has(match[1]!)) missing.push(`${path}: ${match[1]}`);
      for (const match of text.matchAll(/\blabel: '([^']+)'/g))
        if (!keys.has(match[1]!)) missing.push(`${path}: ${match[1]}`);
      // Keys built from a value (`severity.${s}`) need at least one entry under their prefix.
      for (const match of text.matchAll(/\bt\(\s*`([a-z.-]+)\$\{/g))
        if (![...keys].some((key) => key.startsWith(match[1]!))) missing.push(`${path}: ${match[1]}…`);
    }
    expect(missing).toEqual([]);
  });

  it('has no unused keys', () => {
    const all = files.map((f) => f.text).join('\n');
    const dynamicPrefixes = [...all.matchAll(/`([a-z.-]+)\$\{/g)].map((m) => m[1]!);
    const unused = [...keys].filter(
      (key) => !all.includes(`'${key}'`) && !dynamicPrefixes.some((p) => key.startsWith(p)),
    );
    expect(unused).toEqual([]);
  });

  it('covers every value of the enumerations the UI spells out', () => {
    for (const prefix of ['severity.', 'severity.short.'])
      for (const s of ['critical', 'high', 'medium', 'low', 'info'])
        expect(keys.has(`${prefix}${s}`)).toBe(true);
    for (const s of ['implemented', 'planned', 'not-applicable', 'accepted-risk', 'missing'])
      expect(keys.has(`mitigation.state.${s}`)).toBe(true);
    for (const p of ['none', 'tls', 'mtls', 'ipsec', 'unknown']) {
      expect(keys.has(`protection.${p}`)).toBe(true);
      expect(keys.has(`protection.short.${p}`)).toBe(true);
    }
  });

  it('fills placeholders and falls back to English', () => {
    expect(t('findings.shown', { count: 3 })).toBe('3 shown');
    expect(t('findings.shown')).toBe('{count} shown');
    setLocale('xx');
    expect(t('app.title')).toBe('Rampart');
    setLocale('en');
  });

  it('every catalogue only has keys of the English one', () => {
    for (const [locale, catalogue] of Object.entries(catalogues))
      expect(
        Object.keys(catalogue).filter((key) => !keys.has(key)),
        locale,
      ).toEqual([]);
  });

  it('chooses the best catalogue for the preferred languages', () => {
    expect(chooseLocale(['en-GB'])).toBe('en');
    expect(chooseLocale(['tlh', 'en-US'])).toBe('en');
    expect(chooseLocale([])).toBe('en');
  });
});
