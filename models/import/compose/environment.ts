import type { SourceRef } from '../../source/source-ref';
import { isRecord } from '../coerce';
import type { EnvSource, EnvVar } from '../workload';
import { COMPOSE_DIAGNOSTICS as D } from './diagnostics';
import { parseDotenv, type DotenvIssue } from './dotenv';
import { readKeyValues } from './key-values';
import type { EnvFileRef, Keyed } from './layer';
import type { ServiceReader } from './service-reader';
import type { ImportSession } from './session';

/**
 * A service's environment: `environment` (mapping or list), `env_file` (read through the import
 * context; each variable cites the env file's own line) and build args. A value produced by
 * interpolation is `interpolated`, not a literal secret; a bare name is `passthrough`.
 */

export function readEnvironment(reader: ServiceReader): Keyed<EnvVar> | undefined {
  const { scope } = reader;
  return readKeyValues(
    scope,
    reader.mapping.environment,
    reader.at('environment'),
    'environment variables',
    (name, value, at, substituted) =>
      envVar(name, value, at, value === undefined ? 'passthrough' : substituted ? 'interpolated' : 'literal'),
  );
}

/** Build args become environment entries marked `build-arg` (they end up in the image history). */
export function readBuildArgs(
  reader: ServiceReader,
  build: Record<string, unknown>,
  path: string,
): Keyed<EnvVar> | undefined {
  const at = reader.scope.keyAt(build, 'args', path);
  return readKeyValues(reader.scope, build.args, at, 'build arguments', (name, value, entryAt) =>
    envVar(name, value, entryAt, 'build-arg'),
  );
}

export function readEnvFiles(reader: ServiceReader): Keyed<EnvFileRef> | undefined {
  const { scope } = reader;
  const value = reader.mapping.env_file;
  const at = reader.at('env_file');
  const path = reader.path('env_file');
  const items = typeof value === 'string' ? [value] : scope.list(value, at, 'a path or a list of paths');
  if (!items) return undefined;
  const out: Keyed<EnvFileRef> = new Map();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const itemAt = typeof value === 'string' ? at : scope.itemAt(items, i, `${path}[${i}]`);
    let file: string | undefined;
    let required = true;
    if (isRecord(item)) {
      file = scope.string(item.path, scope.keyAt(item, 'path', `${itemAt.path}.path`), 'a path');
      const flag = scope.boolean(item, 'required', `${itemAt.path}.required`);
      if (flag) required = flag.value;
    } else {
      file = scope.string(item, itemAt, 'a path or a mapping with path and required');
    }
    if (!file) continue;
    const resolved = scope.resolve(file);
    out.set(resolved, { path: resolved, required, at: itemAt });
  }
  return out;
}

/**
 * The variables of an env file, parsed once per import. A missing required file is an error at
 * the `env_file` entry; a missing optional one contributes nothing.
 */
export function envFileVariables(session: ImportSession, ref: EnvFileRef): EnvVar[] {
  let vars = session.envFiles.get(ref.path);
  if (vars === undefined) {
    const text = session.readText(ref.path, 'env');
    vars = text === undefined ? null : parseEnvFile(session, ref.path, text);
    session.envFiles.set(ref.path, vars);
  }
  if (vars === null && ref.required)
    session.report(
      D.COMPOSE_ENV_FILE_NOT_FOUND,
      `env_file "${ref.path}" is not available; mark it "required: false" if it is optional`,
      ref.at,
    );
  return vars ?? [];
}

function parseEnvFile(session: ImportSession, path: string, text: string): EnvVar[] {
  const parsed = parseDotenv(text, session.lookup);
  reportDotenvIssues(session, path, parsed.issues);
  return parsed.entries.map((entry) =>
    envVar(
      entry.name,
      entry.value,
      { file: path, line: entry.line, column: entry.column, path: entry.name },
      entry.value === undefined ? 'passthrough' : entry.substituted ? 'interpolated' : 'literal',
    ),
  );
}

const DOTENV_ISSUES = {
  syntax: D.COMPOSE_INVALID_VALUE,
  unset: D.COMPOSE_UNSET_VARIABLE,
  required: D.COMPOSE_REQUIRED_VARIABLE,
  invalid: D.COMPOSE_INVALID_INTERPOLATION,
} as const;

/** Problems in a `.env` or env file, at the line they are on (an unset variable once per file). */
export function reportDotenvIssues(session: ImportSession, path: string, issues: DotenvIssue[]): void {
  for (const issue of issues) {
    if (issue.kind === 'unset' && !session.firstUnset(path, issue.name)) continue;
    const at = { file: path, line: issue.line, column: issue.column, path: issue.name || undefined };
    session.report(DOTENV_ISSUES[issue.kind], issue.message, at);
  }
}

function envVar(name: string, value: string | undefined, at: SourceRef, from: EnvSource): EnvVar {
  const env: EnvVar = { name, from, at };
  if (value !== undefined) env.value = value;
  return env;
}
