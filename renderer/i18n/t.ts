/// <reference types="vite/client" />
import { en } from './en';

/** Every message the UI shows has a key in the English catalogue; other catalogues translate them. */
export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
export type MessageParams = Record<string, string | number>;

/** Catalogues by BCP 47 tag. Every `*.ts` file in this folder other than this one that exports
 * `catalogue` and `locale` is a catalogue: a new language is one new file. */
const modules = import.meta.glob<{ locale?: string; catalogue?: Partial<Catalogue> }>(['./*.ts', '!./t.ts'], {
  eager: true,
});

export const catalogues: Record<string, Partial<Catalogue>> = { en };
for (const module of Object.values(modules))
  if (module.locale && module.catalogue) catalogues[module.locale] = module.catalogue;

/** The best catalogue for the user's preferred languages (`navigator.languages`), else English. */
export function chooseLocale(preferred: readonly string[]): string {
  for (const tag of preferred) {
    if (catalogues[tag]) return tag;
    const language = tag.split('-')[0]!;
    const match = Object.keys(catalogues).find(
      (locale) => locale === language || locale.startsWith(`${language}-`),
    );
    if (match) return match;
  }
  return 'en';
}

let active: Partial<Catalogue> = en;

export function setLocale(locale: string): void {
  active = catalogues[locale] ?? en;
}

/** The message for `key` in the active language (English when it has none), with `{name}`
 * placeholders filled from `params`. Messages are text: the UI never renders them as HTML. */
export function t(key: MessageKey, params?: MessageParams): string {
  const template = active[key] ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}
