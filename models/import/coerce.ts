/** Reading loosely typed config values the way the tools that consume them do. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string for scalars (numbers and booleans as written), undefined for null and collections. */
export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Booleans as compose accepts them: YAML booleans and the strings true/false/yes/no/on/off/1/0. */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value !== 'string') return undefined;
  switch (value.trim().toLowerCase()) {
    case 'true':
    case 'yes':
    case 'on':
    case 'y':
    case '1':
      return true;
    case 'false':
    case 'no':
    case 'off':
    case 'n':
    case '0':
      return false;
  }
  return undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Capability names as the runtime reads them: upper case, without `CAP_`. */
export function canonicalCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/** A string-to-string record from a mapping (labels, annotations), ignoring non-scalar values. */
export function asStringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const key of Object.keys(value)) {
    const v = asString(value[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}
