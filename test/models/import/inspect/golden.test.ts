import { describe, expect, it } from 'vitest';
import { importDockerInspect } from '../../../../models/import/inspect';
import { comparable, goldenCases } from '../dockerfile/golden-cases';

describe('docker inspect golden cases (test/fixtures/inspect)', () => {
  for (const c of goldenCases('inspect')) {
    it(c.name, () => {
      expect(comparable(importDockerInspect(c.input))).toMatchObject(c.expected);
    });
  }
});
