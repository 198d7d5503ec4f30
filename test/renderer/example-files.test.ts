import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../models/analysis/analyze';
import { exampleFiles } from '../../renderer/document/example-files';

describe('the bundled example', () => {
  const files = exampleFiles();

  it('carries the compose project’s .env, which its variables come from', () => {
    expect(files.map((f) => f.path)).toContain('compose/.env');
  });

  it('analyses without warnings, as `rampart analyze templates/examples/shop` does', () => {
    const diagnostics = analyzeFiles(files).diagnostics.filter((d) => d.severity !== 'info');
    expect(diagnostics).toEqual([]);
  });
});
