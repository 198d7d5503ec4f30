import { fact, type Fact } from '../../source/source-ref';
import { isRecord } from '../coerce';
import { COMPOSE_DIAGNOSTICS as D } from './diagnostics';
import { readBuildArgs } from './environment';
import { resolvePath } from './file-scope';
import { BUILD_KEYS } from './known-keys';
import type { BuildFields } from './layer';
import type { ServiceReader } from './service-reader';

/**
 * `build: <context>` or `build: {context, dockerfile, args, privileged…}`. The context is resolved
 * against the directory of the file that wrote it, so the linked Dockerfile path is relative to
 * the repository. `build.privileged` only concerns the image build: it is reported, not recorded
 * as a privileged container.
 */
export function readBuild(reader: ServiceReader): BuildFields | undefined {
  const { scope } = reader;
  const value = reader.mapping.build;
  const at = reader.at('build');
  const path = reader.path('build');
  if (!isRecord(value)) {
    const context = scope.string(value, at, 'a context path or a mapping with context and dockerfile');
    if (context === undefined) return undefined;
    return { at, declaredIn: scope.dir, context: fact(resolveContext(scope.dir, context), at) };
  }
  const build: BuildFields = { at, declaredIn: scope.dir };
  for (const key of Object.keys(value)) {
    if (BUILD_KEYS.has(key) || key.startsWith('x-')) continue;
    scope.report(
      D.COMPOSE_UNKNOWN_KEY,
      `"${key}" is not a build setting and is ignored; service settings go directly under services.${reader.name}`,
      scope.keyAt(value, key, `${path}.${key}`),
    );
  }
  const field = (key: string): Fact<string> | undefined => {
    const keyAt = scope.keyAt(value, key, `${path}.${key}`);
    const text = scope.string(value[key], keyAt, 'a string')?.trim();
    return text ? fact(text, keyAt) : undefined;
  };
  const context = field('context');
  if (context) build.context = fact(resolveContext(scope.dir, context.value), context.at);
  const dockerfile = field('dockerfile');
  if (dockerfile) build.dockerfile = dockerfile;
  const target = field('target');
  if (target) build.target = target;
  if (value.dockerfile_inline !== undefined && value.dockerfile_inline !== null)
    build.inline = fact(true, scope.keyAt(value, 'dockerfile_inline', `${path}.dockerfile_inline`));
  const args = readBuildArgs(reader, value, `${path}.args`);
  if (args) build.args = args;
  const privileged = scope.boolean(value, 'privileged', `${path}.privileged`);
  if (privileged?.value)
    scope.report(
      D.COMPOSE_BUILD_PRIVILEGED,
      `${path}.privileged runs the image build with extended privileges; it does not make the container privileged (that is services.${reader.name}.privileged)`,
      privileged.at,
    );
  return build;
}

/** The repository-relative Dockerfile a merged build section names, with the line that names it. */
export function dockerfileOf(build: BuildFields): Fact<string> | undefined {
  if (build.inline && !build.dockerfile) return undefined;
  const context = build.context?.value ?? build.declaredIn;
  if (isRemote(context)) return undefined;
  const name = build.dockerfile?.value ?? 'Dockerfile';
  const path = resolvePath(context, name);
  return fact(path, build.dockerfile?.at ?? build.context?.at ?? build.at);
}

function resolveContext(dir: string, context: string): string {
  return isRemote(context) ? context : resolvePath(dir, context);
}

/** Git URLs and other remote contexts have no Dockerfile in the repository. */
function isRemote(context: string): boolean {
  return context.includes('://') || context.startsWith('git@') || context.startsWith('github.com/');
}
