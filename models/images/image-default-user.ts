import { parseImageReference } from './image-reference';

/**
 * The user an image runs as when nothing overrides it, for images whose default is documented.
 * Official Docker Hub images run as root unless their docs say otherwise; distroless `:nonroot`
 * and Chainguard images run as uid 65532. Any other image is unknown: Rampart does not guess
 * root for an image it knows nothing about.
 */
const ROOT_BY_DEFAULT = new Set([
  'ubuntu',
  'debian',
  'alpine',
  'busybox',
  'centos',
  'fedora',
  'rockylinux',
  'almalinux',
  'amazonlinux',
  'oraclelinux',
  'opensuse/leap',
  'archlinux',
  'python',
  'node',
  'golang',
  'ruby',
  'php',
  'perl',
  'rust',
  'openjdk',
  'eclipse-temurin',
  'amazoncorretto',
  'maven',
  'gradle',
  'nginx',
  'httpd',
  'haproxy',
  'traefik',
  'postgres',
  'mysql',
  'mariadb',
  'mongo',
  'redis',
  'memcached',
  'rabbitmq',
  'elasticsearch',
  'docker',
  'registry',
]);

export type ImageUser = { uid: number; why: string } | undefined;

export function imageDefaultUser(image: string): ImageUser {
  const ref = parseImageReference(image);
  const repo = ref.repository;
  if (repo === 'scratch') return { uid: 0, why: 'scratch images have no USER, so processes run as uid 0' };
  if (ref.repository.includes('distroless') && ref.tag?.includes('nonroot')) {
    return { uid: 65532, why: 'distroless :nonroot images run as uid 65532' };
  }
  if (ref.repository.startsWith('chainguard/') && !ref.tag?.includes('dev')) {
    return { uid: 65532, why: 'Chainguard images run as uid 65532' };
  }
  if (ROOT_BY_DEFAULT.has(repo)) return { uid: 0, why: `the official ${repo} image runs as root by default` };
  return undefined;
}
