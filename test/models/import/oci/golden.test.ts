import { describe, expect, it } from 'vitest';
import { importOciConfig } from '../../../../models/import/oci';
import { comparable, goldenCases } from '../dockerfile/golden-cases';

describe('OCI config.json golden cases (test/fixtures/oci)', () => {
  for (const c of goldenCases('oci')) {
    it(c.name, () => {
      expect(comparable(importOciConfig(c.input))).toMatchObject(c.expected);
    });
  }
});
