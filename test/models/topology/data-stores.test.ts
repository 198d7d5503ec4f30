import { describe, expect, it } from 'vitest';
import { imageRepositoryPath, recognizeDataStore } from '../../../models/topology/data-stores';

describe('recognizeDataStore', () => {
  it.each([
    ['postgres:16-alpine', 'postgres', 5432, 'postgresql'],
    ['docker.io/library/postgres@sha256:0123abcd', 'postgres', 5432, 'postgresql'],
    ['bitnami/postgresql:16', 'postgres', 5432, 'postgresql'],
    ['postgis/postgis:16-3.4', 'postgres', 5432, 'postgresql'],
    ['mysql:8.4', 'mysql', 3306, 'mysql'],
    ['mariadb:11', 'mariadb', 3306, 'mysql'],
    ['mongo:7', 'mongodb', 27017, 'mongodb'],
    ['bitnami/mongodb:7.0', 'mongodb', 27017, 'mongodb'],
    ['redis:7.2', 'redis', 6379, 'redis'],
    ['redis/redis-stack-server:latest', 'redis', 6379, 'redis'],
    ['valkey/valkey:8', 'valkey', 6379, 'redis'],
    ['eqalpha/keydb', 'keydb', 6379, 'redis'],
    ['docker.elastic.co/elasticsearch/elasticsearch:8.15.0', 'elasticsearch', 9200, 'http'],
    ['opensearchproject/opensearch:2', 'opensearch', 9200, 'http'],
    ['rabbitmq:3.13-management-alpine', 'rabbitmq', 5672, 'amqp'],
    ['bitnami/kafka:3.7', 'kafka', 9092, 'kafka'],
    ['confluentinc/cp-kafka:7.6.1', 'kafka', 9092, 'kafka'],
    ['confluentinc/cp-zookeeper:7.6.1', 'zookeeper', 2181, 'zookeeper'],
    ['apache/kafka:3.8.0', 'kafka', 9092, 'kafka'],
    ['zookeeper:3.9', 'zookeeper', 2181, 'zookeeper'],
    ['memcached:1.6', 'memcached', 11211, 'memcached'],
    ['cassandra:5', 'cassandra', 9042, 'cql'],
    ['apache/couchdb:3', 'couchdb', 5984, 'http'],
    ['quay.io/minio/minio:RELEASE.2024-06-04T19-20-08Z', 'minio', 9000, 'http'],
    ['nats:2.10', 'nats', 4222, 'nats'],
    ['quay.io/coreos/etcd:v3.5.14', 'etcd', 2379, 'etcd'],
    ['influxdb:2.7', 'influxdb', 8086, 'http'],
    ['clickhouse/clickhouse-server:24.3', 'clickhouse', 8123, 'http'],
    ['neo4j:5', 'neo4j', 7687, 'bolt'],
    ['mcr.microsoft.com/mssql/server:2022-latest', 'mssql', 1433, 'tds'],
    ['registry.example.com:5000/platform/redis:7', 'redis', 6379, 'redis'],
    ['localhost/postgres', 'postgres', 5432, 'postgresql'],
  ])('%s is %s', (image, technology, port, protocol) => {
    expect(recognizeDataStore(image)).toEqual({ technology, port, protocol });
  });

  it.each([
    'nginx:1.27',
    'prometheuscommunity/postgres-exporter',
    'oliver006/redis_exporter',
    'mongo-express:1',
    'provectuslabs/kafka-ui',
    'shop/orders:1.4.2',
    'gcr.io/cadvisor/cadvisor:v0.49.1',
    'mssql-tools',
  ])('%s is not a data store', (image) => {
    expect(recognizeDataStore(image)).toBeUndefined();
  });
});

describe('imageRepositoryPath', () => {
  it.each([
    ['postgres', 'postgres'],
    ['library/postgres:16', 'postgres'],
    ['ghcr.io/acme/shop/api:1.2@sha256:ff', 'acme/shop/api'],
    ['localhost:5000/api', 'api'],
    ['Team/API:Latest', 'team/api'],
  ])('%s → %s', (image, path) => {
    expect(imageRepositoryPath(image)).toBe(path);
  });
});
