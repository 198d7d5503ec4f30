import { SPEC_SECTION_IDS, type SpecSectionId } from './spec-document';

/**
 * A specification template (`templates/spec/*.json`): the house style an organization applies to
 * every specification it issues — its name and logo, the classification marking, which sections
 * appear and in what order, and the security tests its pipelines run.
 */
export interface SpecTemplate {
  format: 'rampart-spec-template';
  version: 1;
  /** Title of the document; the model's name is appended when the CLI knows it. */
  title: string;
  organization: string;
  /** Logo file (PNG or JPEG), relative to the template file; the CLI reads it. */
  logo?: string;
  classification: string;
  sections: SpecSectionId[];
  tableOfContents: boolean;
  attackTrees: {
    /** Minimal attacks listed per goal. */
    maxAttacksPerGoal: number;
    /** Lines of a goal's outline printed before it is cut (the full tree stays in the model). */
    outlineMaxLines: number;
  };
  /** Dynamic and scenario-based security tests the organization's pipelines run, listed in the
   * verification plan next to the checks of the mitigation catalogue. */
  ciSecurityTests: CiSecurityTest[];
}

export interface CiSecurityTest {
  tool: string;
  purpose: string;
  /** The invocation, as the tool's documentation gives it; left out, the plan describes the step
   * without a command. */
  command?: string;
}

/** The built-in template; `templates/spec/default.json` holds the same (a test keeps them equal). */
export const DEFAULT_SPEC_TEMPLATE: SpecTemplate = {
  format: 'rampart-spec-template',
  version: 1,
  title: 'Container security specification',
  organization: '',
  classification: 'Internal',
  sections: [...SPEC_SECTION_IDS],
  tableOfContents: true,
  attackTrees: { maxAttacksPerGoal: 3, outlineMaxLines: 40 },
  ciSecurityTests: [
    {
      tool: 'OWASP ZAP baseline scan',
      purpose:
        'Passive scan of every HTTP entry point published to the internet; fails the build on warnings the team has not accepted.',
      // The invocation of https://www.zaproxy.org/docs/docker/baseline-scan/ with the image of
      // https://www.zaproxy.org/docs/docker/about/.
      command: 'docker run -t ghcr.io/zaproxy/zaproxy:stable zap-baseline.py -t https://<entry-point>',
    },
    {
      tool: 'BDD-Security',
      purpose:
        'Security requirements written as executable Given/When/Then scenarios (authentication, session handling, TLS configuration), run against a test deployment with the runner the project documents.',
    },
    {
      tool: 'Gauntlt',
      purpose:
        'Attack scripts in Gherkin that drive nmap, sslyze and similar tools against the published ports and TLS endpoints, run as the Gauntlt documentation describes.',
    },
  ],
};

export type TemplateResult =
  { template: SpecTemplate; errors: [] } | { template?: undefined; errors: string[] };

/**
 * Checks a parsed template and fills the fields it leaves out from the default template. Errors
 * name the field (`sections[2]`, `attackTrees.maxAttacksPerGoal`) and say what was expected; every
 * error is reported, not only the first.
 */
export function parseSpecTemplate(value: unknown): TemplateResult {
  const errors: string[] = [];
  if (!isRecord(value)) return { errors: ['the template must be a JSON object'] };
  const known = new Set([
    'format',
    'version',
    'title',
    'organization',
    'logo',
    'classification',
    'sections',
    'tableOfContents',
    'attackTrees',
    'ciSecurityTests',
    '$schema',
  ]);
  for (const key of Object.keys(value).sort())
    if (!known.has(key)) errors.push(`${key}: unknown field (expected one of ${[...known].join(', ')})`);
  if (value.format !== 'rampart-spec-template')
    errors.push(`format: expected "rampart-spec-template", found ${describe(value.format)}`);
  if (value.version !== 1) errors.push(`version: expected 1, found ${describe(value.version)}`);

  const d = DEFAULT_SPEC_TEMPLATE;
  const str = (key: string, fallback: string, allowEmpty = true): string => {
    const v = value[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'string' || (!allowEmpty && v.trim() === '')) {
      errors.push(`${key}: expected ${allowEmpty ? 'a string' : 'a non-empty string'}, found ${describe(v)}`);
      return fallback;
    }
    return v;
  };
  const title = str('title', d.title, false);
  const organization = str('organization', d.organization);
  const classification = str('classification', d.classification, false);
  let logo: string | undefined;
  if (value.logo !== undefined && value.logo !== null) {
    if (typeof value.logo !== 'string' || value.logo.trim() === '' || !/\.(png|jpe?g)$/i.test(value.logo))
      errors.push(`logo: expected the path of a .png or .jpg file, found ${describe(value.logo)}`);
    else logo = value.logo;
  }

  let sections = d.sections;
  if (value.sections !== undefined) {
    if (!Array.isArray(value.sections) || value.sections.length === 0) {
      errors.push(`sections: expected a non-empty array of section ids, found ${describe(value.sections)}`);
    } else {
      const seen = new Set<string>();
      const ids = SPEC_SECTION_IDS as readonly string[];
      value.sections.forEach((s: unknown, i: number) => {
        if (typeof s !== 'string' || !ids.includes(s))
          errors.push(`sections[${i}]: unknown section ${describe(s)} (expected one of ${ids.join(', ')})`);
        else if (seen.has(s)) errors.push(`sections[${i}]: "${s}" is listed twice`);
        else seen.add(s);
      });
      if (seen.has('title-page') && value.sections[0] !== 'title-page')
        errors.push('sections: "title-page" must come first when it is listed');
      sections = value.sections.filter((s: unknown): s is SpecSectionId => ids.includes(s as string));
    }
  }

  let tableOfContents = d.tableOfContents;
  if (value.tableOfContents !== undefined) {
    if (typeof value.tableOfContents !== 'boolean')
      errors.push(`tableOfContents: expected true or false, found ${describe(value.tableOfContents)}`);
    else tableOfContents = value.tableOfContents;
  }

  const attackTrees = { ...d.attackTrees };
  if (value.attackTrees !== undefined) {
    if (!isRecord(value.attackTrees)) {
      errors.push(`attackTrees: expected an object, found ${describe(value.attackTrees)}`);
    } else {
      for (const key of Object.keys(value.attackTrees).sort()) {
        if (key !== 'maxAttacksPerGoal' && key !== 'outlineMaxLines') {
          errors.push(`attackTrees.${key}: unknown field (expected maxAttacksPerGoal, outlineMaxLines)`);
          continue;
        }
        const v = value.attackTrees[key];
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 10_000)
          errors.push(`attackTrees.${key}: expected a whole number from 0 to 10000, found ${describe(v)}`);
        else attackTrees[key] = v;
      }
    }
  }

  let ciSecurityTests = d.ciSecurityTests;
  if (value.ciSecurityTests !== undefined) {
    if (!Array.isArray(value.ciSecurityTests)) {
      errors.push(`ciSecurityTests: expected an array, found ${describe(value.ciSecurityTests)}`);
    } else {
      ciSecurityTests = [];
      value.ciSecurityTests.forEach((t: unknown, i: number) => {
        if (!isRecord(t)) {
          errors.push(`ciSecurityTests[${i}]: expected an object with tool, purpose and optionally command`);
          return;
        }
        const entry: Partial<CiSecurityTest> = {};
        for (const key of ['tool', 'purpose', 'command'] as const) {
          if (key === 'command' && t[key] === undefined) continue;
          if (typeof t[key] !== 'string' || (t[key] as string).trim() === '')
            errors.push(
              `ciSecurityTests[${i}].${key}: expected a non-empty string, found ${describe(t[key])}`,
            );
          else entry[key] = t[key] as string;
        }
        for (const key of Object.keys(t).sort())
          if (key !== 'tool' && key !== 'purpose' && key !== 'command')
            errors.push(`ciSecurityTests[${i}].${key}: unknown field (expected tool, purpose, command)`);
        if (entry.tool && entry.purpose) ciSecurityTests.push(entry as CiSecurityTest);
      });
    }
  }

  if (errors.length > 0) return { errors };
  return {
    template: {
      format: 'rampart-spec-template',
      version: 1,
      title,
      organization,
      ...(logo !== undefined ? { logo } : {}),
      classification,
      sections,
      tableOfContents,
      attackTrees,
      ciSecurityTests,
    },
    errors: [],
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}
