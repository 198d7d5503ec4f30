import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../../models/analysis/analyze';
import { analyzeFiles } from '../../../../models/analysis/analyze';
import type { Finding } from '../../../../models/conditions/finding';
import { csvCell, csvRecord, FINDINGS_CSV_COLUMNS, findingsToCsv } from '../../../../models/export/csv';

/** A strict RFC 4180 reader for the tests: CRLF record ends, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && cell === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (c === '"' || c === '\r' || c === '\n') {
      throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) throw new Error('last record not ended by CRLF');
  return rows;
}

function finding(overrides: Partial<Finding>): Finding {
  return {
    id: 'privileged@compose:p/web/web',
    condition: 'privileged',
    workload: 'compose:p/web',
    container: 'web',
    severity: 'critical',
    message: 'web runs privileged',
    source: { file: 'compose.yaml', line: 4, column: 5, path: 'services.web.privileged' },
    evidence: [],
    attack: ['T1611'],
    mitigations: ['no-privileged'],
    data: {},
    implicit: false,
    ...overrides,
  };
}

function analysisWith(findings: Finding[], workloadName = 'web'): AnalysisResult {
  return {
    bundle: { inputs: [], workloads: [{ id: 'compose:p/web', name: workloadName }] },
    topology: { elements: [], boundaries: [], flows: [], diagnostics: [] },
    findings,
    diagnostics: [],
  } as unknown as AnalysisResult;
}

describe('CSV cells', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['crlf\r\ninside', '"crlf\ninside"'],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['=HYPERLINK("http://evil","x")', '"\'=HYPERLINK(""http://evil"",""x"")"'],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', '"\'\n=1"'],
    ['  =1', "'  =1"],
    ['\uff1dcmd', "'\uff1dcmd"],
    ['\u0000=hidden', "'=hidden"],
    ['bell\u0007 and esc\u001b[31m', 'bell and esc[31m'],
    ['a-b', 'a-b'],
  ])('%j is written %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes numbers as they are and nothing for a missing value', () => {
    expect(csvCell(12)).toBe('12');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('ends a record with CR LF', () => {
    expect(csvRecord(['a', 1, undefined, 'x,y'])).toBe('a,1,,"x,y"\r\n');
  });
});

describe('findings CSV', () => {
  it('has a BOM, a header row and one row per finding, in RFC 4180 form', () => {
    const compose = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    const result = analyzeFiles([{ path: 'deploy/compose.yaml', text: compose }]);
    const csv = findingsToCsv(result);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([...FINDINGS_CSV_COLUMNS]);
    expect(rows).toHaveLength(result.findings.length + 1);
    const privileged = rows.find((r) => r[1] === 'privileged')!;
    expect(privileged).toEqual([
      'critical',
      'privileged',
      'web',
      'web',
      'deploy/compose.yaml',
      '4',
      expect.any(String),
      'services.web.privileged',
      expect.stringContaining('web'),
      'T1611',
      'no-privileged',
    ]);
  });

  it('can leave the BOM out', () => {
    expect(findingsToCsv(analysisWith([]), { bom: false })).toBe(`${FINDINGS_CSV_COLUMNS.join(',')}\r\n`);
  });

  it('keeps hostile text inert and the rows intact', () => {
    const hostile = finding({
      message: "=cmd|' /C calc'!A0",
      detail: 'line one\r\nline "two", with comma',
      container: '@evil',
      source: { file: '-x.yaml', line: 1, column: 1, path: '+services.web' },
      attack: [],
    });
    const rows = parseCsv(findingsToCsv(analysisWith([hostile], '=1+1'), { bom: false }));
    expect(rows).toHaveLength(2);
    const row = rows[1]!;
    expect(row).toHaveLength(FINDINGS_CSV_COLUMNS.length);
    expect(row[2]).toBe("'=1+1");
    expect(row[3]).toBe("'@evil");
    expect(row[4]).toBe("'-x.yaml");
    expect(row[7]).toBe("'+services.web");
    expect(row[8]).toBe("'=cmd|' /C calc'!A0 (line one\nline \"two\", with comma)");
    for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('writes the subject id when a finding is about a flow or network, not a workload', () => {
    const flow = finding({ workload: 'flow:a->b:http:80', container: undefined });
    const rows = parseCsv(findingsToCsv(analysisWith([flow]), { bom: false }));
    expect(rows[1]![2]).toBe('flow:a->b:http:80');
    expect(rows[1]![3]).toBe('');
  });
});
