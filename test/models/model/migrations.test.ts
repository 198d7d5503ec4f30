import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CURRENT_SCHEMA_VERSION,
  MIGRATIONS,
  migrateToCurrent,
  type Migration,
} from '../../../models/model/migrations';
import { parseModelFile } from '../../../models/model/parse-model-file';
import { serializeModelFile } from '../../../models/model/serialize-model';
import { FIXTURES } from './model-builder';

describe('migrations', () => {
  it('form a chain from version 0 to the current version', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual([...Array(CURRENT_SCHEMA_VERSION).keys()]);
  });

  it('applies each step in order, each seeing the previous one’s output', () => {
    const step = (from: number): Migration => ({
      from,
      title: `step ${from}`,
      migrate: (file) => ({ ...file, trail: [...((file.trail as number[]) ?? []), from] }),
    });
    const result = migrateToCurrent({ schemaVersion: 1 }, 1, [step(2), step(0), step(1)], 3);
    expect(result.file).toEqual({ schemaVersion: 3, trail: [1, 2] });
    expect(result.applied.map((m) => m.from)).toEqual([1, 2]);
  });

  it('moves version-0 overrides to mitigationStates and element positions to the layout', () => {
    const v0 = JSON.parse(readFileSync(`${FIXTURES}/v0-small.rampart.json`, 'utf8')) as Record<
      string,
      unknown
    >;
    const { file } = migrateToCurrent(v0, 0);
    const model = file.model as Record<string, unknown>;
    expect(model.overrides).toBeUndefined();
    expect(model.mitigationStates).toEqual((v0.model as Record<string, unknown>).overrides);
    expect((file.layout as { positions: object }).positions).toEqual({
      'compose:small/web': { x: 100, y: 40 },
      'boundary:network:small/back': { x: 260, y: 0, width: 340, height: 120 },
    });
    expect(JSON.stringify(model.elements)).not.toContain('position');
    expect(v0.schemaVersion).toBe(0);
  });

  it('opens a version-0 file as the current version, saying it was upgraded', () => {
    const parsed = parseModelFile(
      readFileSync(`${FIXTURES}/v0-small.rampart.json`, 'utf8'),
      'old.rampart.json',
    );
    expect(parsed.migratedFrom).toBe(0);
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['MODEL_MIGRATED']);
    const file = parsed.file!;
    expect(file.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(file.model.mitigationStates).toHaveLength(1);
    expect(file.layout.positions['compose:small/web']).toEqual({ x: 100, y: 40 });
    expect(serializeModelFile(file.model, file.layout)).toBe(
      readFileSync(`${FIXTURES}/v0-small.migrated.rampart.json`, 'utf8'),
    );
  });
});
