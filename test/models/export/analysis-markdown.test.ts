import { describe, expect, it } from 'vitest';
import { analyzeThreats } from '../../../models/analysis/analyze-threats';
import { analysisToMarkdown } from '../../../models/export/analysis-markdown';

/** Cell separators of a GitHub table row: pipes not escaped with a backslash. */
const cells = (row: string) => row.replace(/\\\|/g, '').split('|').length - 2;

describe('analysisToMarkdown', () => {
  it('keeps every findings row at five cells when a service name or path holds pipes', () => {
    const compose = JSON.stringify({ services: { 'a|b|c': { image: 'nginx', privileged: true } } });
    const analysis = analyzeThreats([{ path: 'x|y/compose.yml', text: compose }]);
    const report = analysisToMarkdown(analysis, { name: 'rampart', version: '0' });
    const rows = report.split('\n').filter((line) => line.startsWith('| ') && line.includes('`'));
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(cells(row), row).toBe(5);
    expect(report).toContain('`x\\|y/compose.yml:');
  });
});
