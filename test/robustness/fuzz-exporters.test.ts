import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { exportFormat, exportFormatNames, type ExportContext } from '../../cli/export-formats';
import { buildGoalView, initialCollapsed, layOutGoalView } from '../../models/attack/explore';
import { treeGraph } from '../../models/attack/tree/tree-graph';
import { analysisToJson } from '../../models/export/analysis-json';
import { analysisToMarkdown } from '../../models/export/analysis-markdown';
import { renderAttackTreeSvg } from '../../models/export/attack-tree-svg';
import { FINDINGS_CSV_COLUMNS } from '../../models/export/csv';
import { renderDiagramSvg } from '../../models/export/diagram-svg';
import { SARIF_SCHEMA_URI } from '../../models/export/sarif/analysis-sarif';
import type { SpecInfo } from '../../models/export/specification/spec-document';
import { DEFAULT_SPEC_TEMPLATE } from '../../models/export/specification/spec-template';
import { treesJson } from '../../models/export/tree-json';
import { treesToMarkdown } from '../../models/export/trees-markdown';
import { layoutDiagram } from '../../models/layout/layout-diagram';
import { deriveModel, type DerivedModel } from '../../models/model/derive-model';
import { restoreModel } from '../../models/model/restore-model';
import {
  diagramOf,
  elementRisks,
  renderExport,
  type ExportJob,
  type ExportOutput,
} from '../../renderer/export/export-job';
import { FILE_EXPORTS, isSpecification, type FileExportKind } from '../../renderer/export/export-kinds';
import { readZip } from '../cli/read-zip';
import { sarifSchemaErrors } from '../models/export/sarif/sarif-validator';
import {
  csvProblems,
  docxProblems,
  htmlProblems,
  loadConfigYaml,
  markdownProblems,
  svgProblems,
} from './export-checks';
import { threatModelArbitrary, type GeneratedModel } from './model-arbitrary';

/**
 * Every exporter, fed models full of hostile text (see `model-arbitrary.ts`): none may throw, the
 * same model must give the same bytes twice (rendered twice, and derived and rendered again from a
 * copy; a Word file up to what its packaging library takes from the clock and from process-wide
 * counters, see `docxContent`), and each output must be valid and inert in its format —
 * parseable JSON, schema-valid SARIF, well-formed SVG with nothing that runs, HTML and Markdown
 * where user text is only text, formula-safe CSV with a fixed column count, YAML that Compose can
 * read and that names only the services the configs named, and Word files whose every XML part is
 * well-formed. The specification formats and Word files are slow to make, so they see fewer
 * models.
 */

const TOOL = { name: 'rampart', version: '0.0.0-fuzz' };
const DATE = '2026-03-01';
const SEED = 20260301;

interface Row {
  /** Models, or goal pictures for the tree exporter. */
  count: number;
  unit: string;
  throws: number;
}

const ledger = new Map<string, Row>();

function rowOf(exporter: string, unit = 'models'): Row {
  let row = ledger.get(exporter);
  if (!row) ledger.set(exporter, (row = { count: 0, unit, throws: 0 }));
  return row;
}

/** Runs an exporter twice on one input, counting the input and any throw; the two outputs (their
 * `data`, for an export job's output) must be identical. */
async function twice<T>(exporter: string, run: () => T | Promise<T>, unit = 'models'): Promise<T> {
  const row = rowOf(exporter, unit);
  row.count++;
  let first: T;
  let second: T;
  try {
    first = await run();
    second = await run();
  } catch (error) {
    row.throws++;
    throw error;
  }
  const bytes = (value: unknown): unknown => {
    const data = typeof value === 'object' && value !== null && 'data' in value ? value.data : value;
    return data instanceof Uint8Array ? Buffer.from(data).toString('base64') : data;
  };
  expect(bytes(second), `${exporter} is not deterministic`).toEqual(bytes(first));
  return first;
}

afterAll(() => {
  const lines = [...ledger].map(([name, row]) => `${name}: ${row.count} ${row.unit}, ${row.throws} throws`);
  console.log(`exporter fuzzing (seed ${SEED})\n${lines.join('\n')}`);
});

/** The title page as the export dialog fills it from the model's document fields. */
function specInfo(model: GeneratedModel['model']): SpecInfo {
  const doc = model.document;
  return {
    title: model.name,
    version: doc.version || '1.0',
    date: DATE,
    authors: doc.authors,
    classification: doc.classification || DEFAULT_SPEC_TEMPLATE.classification,
    organization: doc.organization || DEFAULT_SPEC_TEMPLATE.organization,
  };
}

function jobOf(kind: FileExportKind, { model, layout }: GeneratedModel): ExportJob {
  return { kind, model, layout, info: specInfo(model), tool: TOOL };
}

/** What `rampart export` passes to a format, with the model's workshop records. */
function cliContext({ model, layout }: GeneratedModel): ExportContext {
  const info = specInfo(model);
  return {
    tool: TOOL,
    specification: {
      template: { template: DEFAULT_SPEC_TEMPLATE },
      info: { ...info },
      description: model.description,
      decisions: model.decisions,
      mitigationEdits: model.mitigationStates,
      assumptions: model.assumptions,
      positions: layout.positions,
    },
  };
}

function text(data: string | Uint8Array): string {
  return typeof data === 'string' ? data : new TextDecoder().decode(data);
}

function expectNoProblems(exporter: string, problems: string[], output: string): void {
  if (problems.length)
    expect.fail(
      `${exporter}: ${problems.slice(0, 5).join('\n')}\n--- output starts ---\n${output.slice(0, 400)}`,
    );
}

function checkSarif(out: string, findings: number): void {
  const log = JSON.parse(out) as {
    $schema: string;
    version: string;
    runs: { tool: { driver: { name: string } }; results: { ruleId: string; message: { text: string } }[] }[];
  };
  expect(log.version).toBe('2.1.0');
  expect(log.$schema).toBe(SARIF_SCHEMA_URI);
  expect(log.runs).toHaveLength(1);
  expect(log.runs[0]!.tool.driver.name).toBe(TOOL.name);
  expect(log.runs[0]!.results).toHaveLength(findings);
  for (const result of log.runs[0]!.results) {
    expect(typeof result.ruleId).toBe('string');
    expect(typeof result.message.text).toBe('string');
  }
  expect(sarifSchemaErrors(log)).toEqual([]);
}

/** Each hardened file parses as YAML, and a compose override names only services the configs
 * have: no name can break out of its key and add a service or a setting. */
function checkHardenedFiles(files: readonly { path: string; text: string }[], derived: DerivedModel): void {
  // A lone surrogate cannot be written in UTF-8: the writer puts U+FFFD in its place.
  const services = new Set(
    derived.analysis.bundle.workloads
      .filter((w) => w.kind === 'compose-service')
      .map((w) =>
        w.name.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
      ),
  );
  for (const file of files) {
    if (file.path.endsWith('.md')) {
      expectNoProblems(file.path, markdownProblems(file.text), file.text);
      continue;
    }
    let docs: unknown[];
    try {
      docs = loadConfigYaml(file.text);
    } catch (error) {
      expect.fail(`${file.path} is not YAML: ${String(error)}\n${file.text.slice(0, 400)}`);
    }
    if (file.path.startsWith('compose/')) {
      const doc = docs[0] as { services: Record<string, unknown> };
      for (const name of Object.keys(doc.services))
        expect(services, `${file.path}: service ${JSON.stringify(name)}`).toContain(name);
    }
  }
}

/** Checks one output by its format. */
function checkOutput(exporter: string, format: string, out: string, derived: DerivedModel): void {
  const findings = derived.analysis.findings.length;
  switch (format) {
    case 'html':
      return expectNoProblems(exporter, htmlProblems(out), out);
    case 'svg':
      return expectNoProblems(exporter, svgProblems(out), out);
    case 'markdown':
      return expectNoProblems(exporter, markdownProblems(out), out);
    case 'csv':
      return expectNoProblems(exporter, csvProblems(out, FINDINGS_CSV_COLUMNS, findings), out);
    case 'sarif':
      return checkSarif(out, findings);
    case 'json': {
      const doc = JSON.parse(out) as { schemaVersion: number; tool: unknown; findings: unknown[] };
      expect(doc.schemaVersion).toBe(1);
      expect(doc.tool).toEqual(TOOL);
      expect(doc.findings).toHaveLength(findings);
      return;
    }
    case 'threat-dragon': {
      const doc = JSON.parse(out) as { summary: { title: string }; detail: { diagrams: unknown[] } };
      expect(typeof doc.summary.title).toBe('string');
      expect(Array.isArray(doc.detail.diagrams)).toBe(true);
      return;
    }
    case 'tree-json':
      expect((JSON.parse(out) as unknown[]).length).toBe(derived.analysis.trees.goals.length);
      return;
    default:
      throw new Error(`no check for ${format}`);
  }
}

/** The format of each renderer export and `rampart export` format, as `checkOutput` names it. */
const FILE_EXPORT_FORMATS: Record<Exclude<FileExportKind, 'docx'>, string> = {
  html: 'html',
  markdown: 'markdown',
  json: 'json',
  sarif: 'sarif',
  csv: 'csv',
  'threat-dragon': 'threat-dragon',
  harden: 'markdown',
};
const CLI_FORMATS: Record<string, string> = {
  json: 'json',
  markdown: 'markdown',
  sarif: 'sarif',
  csv: 'csv',
  'threat-dragon': 'threat-dragon',
  html: 'html',
  'spec-markdown': 'markdown',
};

/** An export of one model: a name for the ledger, its format, and how to make it. */
interface Exporter {
  name: string;
  format: string;
  make(generated: GeneratedModel, derived: DerivedModel): Promise<ExportOutput | string | Uint8Array>;
}

function fileExporters(specification: boolean): Exporter[] {
  return FILE_EXPORTS.filter((kind) => kind !== 'docx' && isSpecification(kind) === specification).map(
    (kind) => ({
      name: `export ${kind}`,
      format: FILE_EXPORT_FORMATS[kind as Exclude<FileExportKind, 'docx'>],
      make: (generated, derived) => renderExport(jobOf(kind, generated), derived),
    }),
  );
}

function cliExporters(specification: boolean): Exporter[] {
  // Every registered format is checked: a format added later without a check fails here.
  return exportFormatNames()
    .filter((name) => name !== 'docx' && (exportFormat(name)!.specification === true) === specification)
    .map((name) => ({
      name: `cli ${name}`,
      format: CLI_FORMATS[name] ?? `unknown format ${name}`,
      make: async (generated, derived) => exportFormat(name)!.write(derived.analysis, cliContext(generated)),
    }));
}

/** The analysis report and the attack-tree parts of it, called directly. */
const REPORT_EXPORTERS: Exporter[] = [
  {
    name: 'analysis-json',
    format: 'json',
    make: async (_, derived) => analysisToJson(derived.analysis, TOOL),
  },
  {
    name: 'analysis-markdown',
    format: 'markdown',
    make: async (_, derived) => analysisToMarkdown(derived.analysis, TOOL),
  },
  {
    name: 'trees-markdown',
    format: 'markdown',
    make: async (_, derived) => treesToMarkdown(derived.analysis).join('\n'),
  },
  {
    name: 'tree-json',
    format: 'tree-json',
    make: async (_, { analysis }) =>
      JSON.stringify(treesJson(analysis.trees.tree, analysis.trees.goals, analysis.evaluation)),
  },
];

/** The diagram drawn from the analysis (what the specification embeds) and from the model itself
 * (what the user drew, with its names and the model's name as the title and id prefix). */
const DIAGRAM_EXPORTERS: Exporter[] = [
  {
    name: 'diagram-svg (analysis)',
    format: 'svg',
    make: async ({ layout }, derived) => diagramOf(derived.analysis, layout).svg,
  },
  {
    name: 'diagram-svg (model)',
    format: 'svg',
    make: async ({ model, layout }, derived) =>
      renderDiagramSvg(model, layoutDiagram(model, layout.positions), {
        risks: elementRisks(derived.analysis),
        title: model.name,
        idPrefix: model.name,
      }),
  },
];

/** The explorer's picture of a goal, as its SVG export draws it. */
function treePicture(derived: DerivedModel, goalId: string, title: string): string {
  const { tree } = derived.analysis.trees;
  const graph = treeGraph(tree);
  const collapsed = initialCollapsed(tree, graph, goalId, { maxAlternatives: 12 });
  const view = buildGoalView(tree, graph, goalId, derived.analysis.evaluation, {
    collapsed,
    maxAlternatives: 12,
  });
  return renderAttackTreeSvg(layOutGoalView(tree, view), {
    title,
    highlight: new Set(view.nodes.slice(0, 3).map((n) => n.key)),
  });
}

/** The goals worth drawing: the first, and those the user hung nodes under. */
function goalsToDraw(generated: GeneratedModel, derived: DerivedModel) {
  const goals = derived.analysis.trees.goals;
  const wanted = new Set([goals[0]?.id, ...generated.model.treeNodes.map((n) => n.parent)]);
  return goals.filter((g) => wanted.has(g.id)).slice(0, 2);
}

/** Runs each exporter twice on one model and its derivation, and checks what it wrote. */
async function exportAndCheck(
  exporters: readonly Exporter[],
  generated: GeneratedModel,
  derived: DerivedModel,
): Promise<void> {
  for (const exporter of exporters) {
    const output = await twice(exporter.name, () => exporter.make(generated, derived));
    const data = typeof output === 'object' && 'data' in output ? output.data : output;
    checkOutput(exporter.name, exporter.format, text(data), derived);
    if (typeof output === 'object' && 'files' in output && output.files)
      checkHardenedFiles(output.files, derived);
  }
}

/**
 * A Word file's parts with what the packaging library takes from outside the document made
 * canonical: the clock (`dcterms:created` and `dcterms:modified`, blanked) and its process-wide
 * counters for bookmark and drawing ids (renumbered in order of appearance). Everything else must
 * repeat exactly.
 */
function docxContent(bytes: Uint8Array): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const [name, data] of readZip(bytes)) {
    if (!/\.(xml|rels)$/.test(name)) {
      parts[name] = data.toString('base64');
      continue;
    }
    const ids = new Map<string, number>();
    const renumber = (kind: string, id: string) => {
      const key = `${kind}:${id}`;
      if (!ids.has(key)) ids.set(key, ids.size);
      return String(ids.get(key));
    };
    parts[name] = data
      .toString('utf8')
      .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, '$1')
      .replace(/_Toc(\d+)/g, (_, id: string) => `_Toc${renumber('toc', id)}`)
      .replace(
        /(<w:bookmark(?:Start|End)\b[^>]*\bw:id=")(\d+)/g,
        (_, head: string, id: string) => head + renumber('bookmark', id),
      )
      .replace(
        /(<wp:docPr\b[^>]*\bid=")(\d+)/g,
        (_, head: string, id: string) => head + renumber('drawing', id),
      );
  }
  return parts;
}

describe('exporters on hostile models', () => {
  it('generates models the repair step accepts unchanged', () => {
    fc.assert(
      fc.property(threatModelArbitrary(), ({ model }) => {
        const restored = restoreModel(structuredClone(model));
        expect(restored.diagnostics).toEqual([]);
        expect(restored.value).toEqual(model);
      }),
      { numRuns: 10, seed: SEED },
    );
  });

  it('write the analysis formats and tree pictures: no throw, same bytes twice, valid and inert', async () => {
    const exporters = [...fileExporters(false), ...cliExporters(false), ...REPORT_EXPORTERS];
    await fc.assert(
      fc.asyncProperty(threatModelArbitrary(), async (generated) => {
        const derived = deriveModel(generated.model);
        await exportAndCheck(exporters, generated, derived);
        for (const goal of goalsToDraw(generated, derived)) {
          const svg = await twice(
            'attack-tree-svg',
            () => treePicture(derived, goal.id, goal.title),
            'goal pictures',
          );
          checkOutput('attack-tree-svg', 'svg', svg, derived);
        }
      }),
      { numRuns: 60, seed: SEED },
    );
  }, 90_000);

  it('write the specification and the diagram: no throw, same bytes twice, valid and inert', async () => {
    const exporters = [...fileExporters(true), ...cliExporters(true), ...DIAGRAM_EXPORTERS];
    await fc.assert(
      fc.asyncProperty(threatModelArbitrary(), async (generated) => {
        await exportAndCheck(exporters, generated, deriveModel(generated.model));
      }),
      { numRuns: 8, seed: SEED + 1 },
    );
  }, 90_000);

  it('write the same bytes from a copy of the model, derived again', async () => {
    const exporters = [...fileExporters(false), ...REPORT_EXPORTERS];
    await fc.assert(
      fc.asyncProperty(threatModelArbitrary(), async (generated) => {
        const copy = structuredClone(generated);
        const [a, b] = [deriveModel(generated.model), deriveModel(copy.model)];
        for (const exporter of exporters) {
          const [first, second] = [await exporter.make(generated, a), await exporter.make(copy, b)];
          const data = (o: typeof first) => (typeof o === 'object' && 'data' in o ? o.data : o);
          expect(data(second), exporter.name).toEqual(data(first));
        }
      }),
      { numRuns: 6, seed: SEED + 2 },
    );
  }, 60_000);

  it('write Word files whose every part is well-formed XML, in the app and through `rampart export`', async () => {
    const cliDocx = exportFormat('docx')!;
    const docx: Exporter[] = [
      {
        name: 'export docx',
        format: 'docx',
        make: (generated, derived) => renderExport(jobOf('docx', generated), derived),
      },
      {
        name: 'cli docx',
        format: 'docx',
        make: async (generated, derived) => cliDocx.write(derived.analysis, cliContext(generated)),
      },
    ];
    await fc.assert(
      fc.asyncProperty(threatModelArbitrary(), async (generated) => {
        const derived = deriveModel(generated.model);
        for (const exporter of docx) {
          const row = rowOf(exporter.name);
          row.count++;
          let first: Uint8Array;
          let second: Uint8Array;
          try {
            const data = (o: ExportOutput | string | Uint8Array) =>
              (typeof o === 'object' && 'data' in o ? o.data : o) as Uint8Array;
            first = data(await exporter.make(generated, derived));
            second = data(await exporter.make(generated, derived));
          } catch (error) {
            row.throws++;
            throw error;
          }
          expect(docxContent(second), `${exporter.name} is not deterministic`).toEqual(docxContent(first));
          expect(docxProblems(first)).toEqual([]);
        }
      }),
      { numRuns: 4, seed: SEED + 3 },
    );
  }, 90_000);
});
