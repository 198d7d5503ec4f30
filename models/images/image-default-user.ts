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

/** Vendor images documented to run as a non-root user (their Dockerfiles end with USER). */
const NON_ROOT_BY_DEFAULT: Record<string, { uid: number; why: string }> = {
  'prom/prometheus': { uid: 65534, why: 'prom/prometheus runs as nobody (uid 65534)' },
  'prom/alertmanager': { uid: 65534, why: 'prom/alertmanager runs as nobody (uid 65534)' },
  'prom/node-exporter': { uid: 65534, why: 'prom/node-exporter runs as nobody (uid 65534)' },
  'prometheus/prometheus': { uid: 65534, why: 'prometheus/prometheus runs as nobody (uid 65534)' },
  'prometheus/node-exporter': { uid: 65534, why: 'prometheus/node-exporter runs as nobody (uid 65534)' },
  'grafana/grafana': { uid: 472, why: 'grafana/grafana runs as the grafana user (uid 472)' },
  'grafana/grafana-oss': { uid: 472, why: 'grafana/grafana-oss runs as the grafana user (uid 472)' },
  'nginxinc/nginx-unprivileged': { uid: 101, why: 'nginx-unprivileged runs as the nginx user (uid 101)' },
};

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
  const vendor = NON_ROOT_BY_DEFAULT[repo];
  if (vendor) return vendor;
  // Bitnami's images are built to run as uid 1001 ("non-root containers"), except a few
  // infrastructure images that need root and say so in their tags.
  if (repo.startsWith('bitnami/') && !ref.tag?.includes('root')) {
    return { uid: 1001, why: 'Bitnami images run as uid 1001' };
  }
  if (ROOT_BY_DEFAULT.has(repo)) return { uid: 0, why: `the official ${repo} image runs as root by default` };
  return undefined;
}
