import { describe, expect, it } from 'vitest';
import { importDockerfile } from '../../../../models/import/dockerfile';
import { comparable, goldenCases } from './golden-cases';

describe('Dockerfile golden cases (test/fixtures/dockerfile)', () => {
  for (const c of goldenCases('dockerfile')) {
    it(c.name, () => {
      expect(comparable(importDockerfile(c.input))).toMatchObject(c.expected);
    });
  }
});
