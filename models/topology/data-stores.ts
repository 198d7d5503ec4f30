import { parseImageReference } from '../images/image-reference';
/** What a data-store image is, and how clients talk to it by default. */
export interface DataStoreTechnology {
  technology: string;
  port: number;
  protocol: string;
}

interface DataStoreRule extends DataStoreTechnology {
  /** Repository names (last path segment) that run this store. Exact names, so that
   * `postgres-exporter` or `mongo-express` next to a store is not taken for the store. */
  names: string[];
  /** Repository paths for images whose last segment says nothing (`mssql/server`). */
  paths?: string[];
}

const RULES: DataStoreRule[] = [
  {
    technology: 'postgres',
    port: 5432,
    protocol: 'postgresql',
    names: ['postgres', 'postgresql', 'postgis', 'timescaledb', 'timescaledb-ha', 'postgresql-repmgr'],
  },
  { technology: 'cockroachdb', port: 26257, protocol: 'postgresql', names: ['cockroach'] },
  { technology: 'mysql', port: 3306, protocol: 'mysql', names: ['mysql', 'mysql-server', 'percona-server'] },
  { technology: 'mariadb', port: 3306, protocol: 'mysql', names: ['mariadb', 'mariadb-galera'] },
  {
    technology: 'mongodb',
    port: 27017,
    protocol: 'mongodb',
    names: [
      'mongo',
      'mongodb',
      'mongodb-community-server',
      'mongodb-enterprise-server',
      'percona-server-mongodb',
    ],
  },
  {
    technology: 'redis',
    port: 6379,
    protocol: 'redis',
    names: ['redis', 'redis-stack', 'redis-stack-server', 'redis-cluster', 'redis-sentinel'],
  },
  { technology: 'valkey', port: 6379, protocol: 'redis', names: ['valkey', 'valkey-cluster'] },
  { technology: 'keydb', port: 6379, protocol: 'redis', names: ['keydb'] },
  { technology: 'dragonfly', port: 6379, protocol: 'redis', names: ['dragonfly'] },
  { technology: 'elasticsearch', port: 9200, protocol: 'http', names: ['elasticsearch'] },
  { technology: 'opensearch', port: 9200, protocol: 'http', names: ['opensearch'] },
  { technology: 'rabbitmq', port: 5672, protocol: 'amqp', names: ['rabbitmq'] },
  {
    technology: 'kafka',
    port: 9092,
    protocol: 'kafka',
    names: ['kafka', 'kafka-native', 'cp-kafka', 'cp-server'],
  },
  { technology: 'redpanda', port: 9092, protocol: 'kafka', names: ['redpanda'] },
  { technology: 'zookeeper', port: 2181, protocol: 'zookeeper', names: ['zookeeper', 'cp-zookeeper'] },
  { technology: 'memcached', port: 11211, protocol: 'memcached', names: ['memcached'] },
  { technology: 'cassandra', port: 9042, protocol: 'cql', names: ['cassandra'] },
  { technology: 'scylladb', port: 9042, protocol: 'cql', names: ['scylla'] },
  { technology: 'couchdb', port: 5984, protocol: 'http', names: ['couchdb'] },
  { technology: 'minio', port: 9000, protocol: 'http', names: ['minio'] },
  { technology: 'nats', port: 4222, protocol: 'nats', names: ['nats', 'nats-streaming'] },
  { technology: 'etcd', port: 2379, protocol: 'etcd', names: ['etcd'] },
  { technology: 'influxdb', port: 8086, protocol: 'http', names: ['influxdb'] },
  { technology: 'clickhouse', port: 8123, protocol: 'http', names: ['clickhouse', 'clickhouse-server'] },
  { technology: 'neo4j', port: 7687, protocol: 'bolt', names: ['neo4j'] },
  {
    technology: 'mssql',
    port: 1433,
    protocol: 'tds',
    names: ['mssql', 'mssql-server', 'azure-sql-edge'],
    paths: ['mssql/server', 'mssql/rhel/server'],
  },
];

const BY_NAME = new Map<string, DataStoreRule>();
const BY_PATH = new Map<string, DataStoreRule>();
for (const rule of RULES) {
  for (const name of rule.names) BY_NAME.set(name, rule);
  for (const path of rule.paths ?? []) BY_PATH.set(path, rule);
}

/** The repository path of an image reference, without registry host, tag and digest:
 * `registry.example.com:5000/team/postgres:16@sha256:…` → `team/postgres`. */
/** Repository path without registry, tag, digest or Docker Hub's `library/` (`bitnami/redis`). */
export function imageRepositoryPath(image: string): string {
  return parseImageReference(image).repository;
}

/** Recognizes a data store from its image, or undefined for anything else. */
export function recognizeDataStore(image: string): DataStoreTechnology | undefined {
  const path = imageRepositoryPath(image);
  const name = path.slice(path.lastIndexOf('/') + 1);
  const rule = BY_PATH.get(path) ?? BY_NAME.get(name);
  if (!rule) return undefined;
  return { technology: rule.technology, port: rule.port, protocol: rule.protocol };
}
