import type { Container, EnvVar, Workload } from '../../import/workload';
import type { FindingCollector } from '../finding-collector';
import {
  isPlaceholderValue,
  looksLikeSecretName,
  matchesKnownTokenFormat,
  urlPassword,
} from '../secret-patterns';

/** Literal secrets in environment variables, env files and build arguments (R23). */
export function checkSecrets(w: Workload, out: FindingCollector): void {
  for (const c of w.containers) {
    for (const env of c.env) {
      const why = secretReason(env);
      if (why) report(w, c, env, why, out);
    }
  }
}

function secretReason(env: EnvVar): string | undefined {
  if (env.from === 'build-arg') {
    if (!looksLikeSecretName(env.name)) return undefined;
    return env.value && !isPlaceholderValue(env.value)
      ? 'a build argument with a literal default is stored in the image history'
      : 'a build argument named like a secret: values passed with --build-arg are recorded in the image history (use RUN --mount=type=secret)';
  }
  if (env.from !== 'literal' || env.value === undefined) return undefined;
  const value = env.value;
  if (matchesKnownTokenFormat(value)) return 'the value has the format of a real credential';
  if (urlPassword(value)) return 'the connection URL carries a literal password';
  if (looksLikeSecretName(env.name) && !isPlaceholderValue(value)) {
    return 'a literal secret value is visible to docker inspect, /proc/*/environ, crash dumps and logs';
  }
  return undefined;
}

function report(w: Workload, c: Container, env: EnvVar, why: string, out: FindingCollector): void {
  const where = env.from === 'build-arg' ? 'build argument' : 'environment variable';
  out.add('secret-in-environment', w, c, {
    message: `${c.name}: ${where} ${env.name} holds a secret: ${why}`,
    source: env.at,
    data: { names: [env.name] },
  });
}
