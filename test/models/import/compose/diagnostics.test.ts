import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMPOSE_DIAGNOSTICS, importCompose } from '../../../../models/import/compose';
import { memoryContext } from './compose-view';

const sourceDir = fileURLToPath(new URL('../../../../models/import/compose', import.meta.url));

describe('compose diagnostics catalogue', () => {
  it('keeps its codes stable', () => {
    expect(Object.keys(COMPOSE_DIAGNOSTICS)).toEqual([
      'COMPOSE_NOT_A_MAPPING',
      'COMPOSE_NO_SERVICES',
      'COMPOSE_WRONG_TYPE',
      'COMPOSE_INVALID_VALUE',
      'COMPOSE_PROJECT_NAME',
      'COMPOSE_UNKNOWN_KEY',
      'COMPOSE_INVALID_PORT',
      'COMPOSE_PORT_LIMIT',
      'COMPOSE_INVALID_VOLUME',
      'COMPOSE_INVALID_SECURITY_OPT',
      'COMPOSE_UNSET_VARIABLE',
      'COMPOSE_REQUIRED_VARIABLE',
      'COMPOSE_INVALID_INTERPOLATION',
      'COMPOSE_EXTENDS_NOT_FOUND',
      'COMPOSE_EXTENDS_CYCLE',
      'COMPOSE_INCLUDE_NOT_FOUND',
      'COMPOSE_ENV_FILE_NOT_FOUND',
      'COMPOSE_BUILD_PRIVILEGED',
      'COMPOSE_UNDEFINED_NETWORK',
      'COMPOSE_UNDEFINED_VOLUME',
      'COMPOSE_UNDEFINED_SECRET',
      'COMPOSE_INTERNAL_ERROR',
    ]);
    for (const [code, spec] of Object.entries(COMPOSE_DIAGNOSTICS)) {
      expect(spec.code).toBe(code);
      expect(['error', 'warning']).toContain(spec.severity);
      expect(spec.title.length).toBeGreaterThan(10);
    }
  });

  it('has every code in use and no code used that it does not declare', () => {
    const source = readdirSync(sourceDir)
      .filter((f) => f.endsWith('.ts') && f !== 'diagnostics.ts')
      .map((f) => readFileSync(join(sourceDir, f), 'utf8'))
      .join('\n');
    const used = new Set([...source.matchAll(/\bD\.(COMPOSE_[A-Z_]+)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(Object.keys(COMPOSE_DIAGNOSTICS).sort());
  });
});

describe('the importer never throws', () => {
  it('turns a failing context into missing files', () => {
    const context = {
      read: (): string => {
        throw new Error('disk on fire');
      },
    };
    const output = importCompose(
      [
        {
          path: 'compose.yaml',
          text: 'services:\n  a:\n    env_file: x.env\n    extends: {file: b.yml, service: b}\n',
        },
      ],
      context,
    );
    expect(output.diagnostics.map((d) => d.code)).toEqual([
      'COMPOSE_ENV_FILE_NOT_FOUND',
      'COMPOSE_EXTENDS_NOT_FOUND',
    ]);
  });

  it('reports an unexpected failure as an internal error against the first file', () => {
    const hostile = {
      path: 'compose.yaml',
      get text(): string {
        throw new Error('unreadable');
      },
    };
    const output = importCompose([hostile], memoryContext({}));
    expect(output.diagnostics).toEqual([
      expect.objectContaining({ code: 'COMPOSE_INTERNAL_ERROR', file: 'compose.yaml', line: 1, column: 1 }),
    ]);
    expect(output.bundle.inputs).toEqual([{ file: 'compose.yaml', kind: 'compose' }]);
  });

  it('returns an empty result for no files', () => {
    expect(importCompose([], memoryContext({}))).toEqual({
      bundle: expect.objectContaining({ workloads: [], networks: [] }),
      diagnostics: [],
    });
  });
});
