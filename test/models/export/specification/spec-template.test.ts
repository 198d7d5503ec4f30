import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecTemplate, SpecificationTemplateError } from '../../../../cli/specification-export';
import { rasterImage } from '../../../../models/export/specification/image-size';
import {
  DEFAULT_SPEC_TEMPLATE,
  parseSpecTemplate,
} from '../../../../models/export/specification/spec-template';

const DEFAULT_FILE = join(import.meta.dirname, '../../../../templates/spec/default.json');

/** A 3×2 PNG: signature and IHDR are all the size reader needs. */
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 3, 0, 0, 0, 2,
  8, 6, 0, 0, 0,
]);

describe('spec templates', () => {
  it('ships templates/spec/default.json equal to the built-in default, and it validates', () => {
    const file = JSON.parse(readFileSync(DEFAULT_FILE, 'utf8'));
    expect(file).toEqual(DEFAULT_SPEC_TEMPLATE);
    expect(parseSpecTemplate(file)).toEqual({ template: DEFAULT_SPEC_TEMPLATE, errors: [] });
  });

  it('fills what a template leaves out from the default', () => {
    const parsed = parseSpecTemplate({
      format: 'rampart-spec-template',
      version: 1,
      organization: 'Acme',
      sections: ['title-page', 'findings'],
    });
    expect(parsed.template).toEqual({
      ...DEFAULT_SPEC_TEMPLATE,
      organization: 'Acme',
      sections: ['title-page', 'findings'],
    });
  });

  it.each([
    [{ format: 'docx', version: 1 }, 'format: expected "rampart-spec-template", found "docx"'],
    [{ version: 2 }, 'version: expected 1, found 2'],
    [
      { sections: ['scope', 'summary'] },
      'sections[1]: unknown section "summary" (expected one of title-page, scope',
    ],
    [{ sections: ['scope', 'scope'] }, 'sections[1]: "scope" is listed twice'],
    [{ sections: ['scope', 'title-page'] }, 'sections: "title-page" must come first'],
    [{ sections: [] }, 'sections: expected a non-empty array of section ids, found an array'],
    [{ title: '' }, 'title: expected a non-empty string, found ""'],
    [{ classification: 3 }, 'classification: expected a non-empty string, found 3'],
    [{ logo: 'logo.gif' }, 'logo: expected the path of a .png or .jpg file, found "logo.gif"'],
    [{ tableOfContents: 'yes' }, 'tableOfContents: expected true or false, found "yes"'],
    [
      { attackTrees: { maxAttacksPerGoal: -1 } },
      'attackTrees.maxAttacksPerGoal: expected a whole number from 0 to 10000, found -1',
    ],
    [{ attackTrees: { depth: 3 } }, 'attackTrees.depth: unknown field'],
    [
      { ciSecurityTests: [{ tool: 'ZAP', purpose: 'scan', command: '' }] },
      'ciSecurityTests[0].command: expected a non-empty string, found ""',
    ],
    [{ colour: 'red' }, 'colour: unknown field'],
  ])('names the field in its error: %j', (fields, message) => {
    const parsed = parseSpecTemplate({ format: 'rampart-spec-template', version: 1, ...fields });
    expect(parsed.template).toBeUndefined();
    expect(
      parsed.errors.some((e) => e.startsWith(message)),
      parsed.errors.join('\n'),
    ).toBe(true);
  });

  it('refuses what is not an object', () => {
    expect(parseSpecTemplate([1]).errors).toEqual(['the template must be a JSON object']);
  });
});

describe('loadSpecTemplate (CLI)', () => {
  it('reads the logo relative to the template and reports errors with the file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-template-'));
    try {
      writeFileSync(join(dir, 'logo.png'), PNG);
      writeFileSync(
        join(dir, 'acme.json'),
        JSON.stringify({
          format: 'rampart-spec-template',
          version: 1,
          organization: 'Acme',
          logo: 'logo.png',
        }),
      );
      const loaded = loadSpecTemplate('acme.json', dir);
      expect(loaded.template.organization).toBe('Acme');
      expect(loaded.logo).toMatchObject({ type: 'png', width: 3, height: 2 });

      writeFileSync(
        join(dir, 'bad.json'),
        JSON.stringify({ format: 'rampart-spec-template', version: 1, sections: ['nope'] }),
      );
      expect(() => loadSpecTemplate('bad.json', dir)).toThrow(SpecificationTemplateError);
      expect(() => loadSpecTemplate('bad.json', dir)).toThrow(
        /^bad\.json: sections\[0\]: unknown section "nope"/,
      );

      writeFileSync(
        join(dir, 'nologo.json'),
        JSON.stringify({ format: 'rampart-spec-template', version: 1, logo: 'missing.png' }),
      );
      expect(() => loadSpecTemplate('nologo.json', dir)).toThrow(
        /^nologo\.json: logo: cannot read missing\.png/,
      );

      writeFileSync(join(dir, 'broken.json'), '{');
      expect(() => loadSpecTemplate('broken.json', dir)).toThrow(/^broken\.json: cannot read the template/);
      expect(loadSpecTemplate(undefined, dir).template).toBe(DEFAULT_SPEC_TEMPLATE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rasterImage', () => {
  it('reads PNG and JPEG sizes and refuses other files', () => {
    expect(rasterImage(PNG)).toMatchObject({ type: 'png', width: 3, height: 2 });
    const jpeg = Uint8Array.from([
      0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 20, 0, 40, 3, 1, 0, 0,
    ]);
    expect(rasterImage(jpeg)).toMatchObject({ type: 'jpg', width: 40, height: 20 });
    expect(rasterImage(new TextEncoder().encode('GIF89a'))).toEqual({ error: 'not a PNG or JPEG file' });
  });
});
