import { describe, expect, it } from 'vitest';
import type { EnvVar } from '../../../models/import/workload';
import { classifyEnv } from '../../../models/topology/env-groups';
import { envReferences } from '../../../models/topology/env-references';

let line = 0;
function env(vars: Record<string, string | undefined>): EnvVar[] {
  return Object.entries(vars).map(([name, value]) => {
    const v: EnvVar = {
      name,
      from: value === undefined ? 'passthrough' : 'literal',
      at: { file: 'c.yml', line: ++line, column: 1 },
    };
    if (value !== undefined) v.value = value;
    return v;
  });
}

describe('classifyEnv', () => {
  it.each([
    ['ORDERS_DB_HOST', 'ORDERS_DB', 'address'],
    ['ORDERS_DB_PORT', 'ORDERS_DB', 'port'],
    ['ORDERS_DB_PASSWORD_FILE', 'ORDERS_DB', 'credential'],
    ['ORDERS_DB_TLS_CERT', 'ORDERS_DB', 'client-cert'],
    ['ORDERS_DB_TLS_KEY', 'ORDERS_DB', 'client-key'],
    ['ORDERS_DB_SSL_CA', 'ORDERS_DB', 'other'],
    ['ORDERS_DB_SSLMODE', 'ORDERS_DB', 'tls-mode'],
    ['REDIS_TLS_ENABLED', 'REDIS', 'tls-flag'],
    ['KAFKA_SECURITY_PROTOCOL', 'KAFKA', 'security-protocol'],
    ['KAFKA_BOOTSTRAP_SERVERS', 'KAFKA', 'address'],
    ['PAYMENT_PROVIDER_API_KEY', 'PAYMENT_PROVIDER', 'credential'],
    ['API_URL', 'API', 'address'],
    ['API_KEY', 'API', 'credential'],
    ['PGHOST', 'PG', 'address'],
    ['PGSSLCERT', 'PG', 'client-cert'],
    ['PUBLIC_URL', 'PUBLIC', 'address'],
    ['KAFKA_ADVERTISED_LISTENERS', 'KAFKA_ADVERTISED_LISTENERS', 'other'],
    ['CACHE_KEY_PREFIX', 'CACHE_KEY_PREFIX', 'other'],
  ])('%s: prefix %s, role %s', (name, prefix, role) => {
    expect(classifyEnv(env({ [name]: 'x' }))[0]).toMatchObject({ prefix, role });
  });

  it('reads interpolation defaults', () => {
    expect(
      classifyEnv(env({ DB_HOST: '${DB_HOST:-db}', DB_URL: 'postgres://${U-app}@${H}/x' })),
    ).toMatchObject([{ value: 'db' }, { value: 'postgres://app@${H}/x' }]);
  });
});

describe('envReferences', () => {
  it('pairs a host variable with its port variable', () => {
    expect(envReferences(env({ DB_HOST: 'db', DB_PORT: '5433' }))).toMatchObject([
      { kind: 'env-host', endpoint: { host: 'db' }, defaultPort: 5433, protection: 'unknown', rank: 0 },
    ]);
  });

  it('reads host:port lists only from address variables', () => {
    expect(
      envReferences(env({ KAFKA_BROKERS: 'kafka-0:9092,kafka-1:9092', IMAGE: 'postgres:16' })),
    ).toMatchObject([
      { kind: 'env-host-port', endpoint: { host: 'kafka-0', port: 9092 } },
      { kind: 'env-host-port', endpoint: { host: 'kafka-1', port: 9092 } },
    ]);
  });

  it('ignores bare HOST and PORT: they are the service’s own listening address', () => {
    expect(envReferences(env({ HOST: 'db', PORT: '8080' }))).toEqual([]);
  });

  it.each([
    ['PUBLIC_URL', 'https://shop.example.com'],
    ['APP_URL', 'http://localhost:8000'],
    ['SITE_BASE_URL', 'https://shop.example.com/'],
    ['CORS_ALLOWED_ORIGINS', 'https://shop.example.com,https://admin.example.com'],
    ['LISTEN_ADDR', 'shop.internal:8080'],
    ['KAFKA_ADVERTISED_LISTENERS', 'PLAINTEXT://kafka:9092'],
  ])('does not read %s as a connection: it is the service’s own address', (name, value) => {
    expect(envReferences(env({ [name]: value }))).toEqual([]);
  });

  it('reads FRONTEND_URL as where browsers go, but FRONTEND_ADDR as a peer the service dials', () => {
    expect(envReferences(env({ FRONTEND_URL: 'https://shop.example.com' }))).toEqual([]);
    expect(envReferences(env({ FRONTEND_ADDR: 'frontend:80' }))).toMatchObject([
      { kind: 'env-host-port', endpoint: { host: 'frontend', port: 80 } },
    ]);
  });

  it('does not read a switch as a host: REV_SERVER=true turns a feature on', () => {
    expect(envReferences(env({ REV_SERVER: 'true', PROXY_HOST: 'off' }))).toEqual([]);
  });

  it('reads a connection whose prefix only starts like an own address', () => {
    expect(envReferences(env({ APP_DB_URL: 'postgres://db/app' }))).toHaveLength(1);
  });

  it('reads URLs from any variable', () => {
    expect(envReferences(env({ CATALOG: 'http://catalog:8080' }))).toMatchObject([
      {
        kind: 'env-url',
        protocol: 'http',
        endpoint: { host: 'catalog', port: 8080 },
        protection: 'none',
        rank: 2,
      },
    ]);
  });

  it('takes TLS from a variable next to the address', () => {
    expect(envReferences(env({ DB_HOST: 'db', DB_SSLMODE: 'verify-full' }))[0]).toMatchObject({
      protection: 'tls',
      rank: 2,
    });
    expect(envReferences(env({ REDIS_HOST: 'redis', REDIS_TLS: 'false' }))[0]).toMatchObject({
      protection: 'none',
      rank: 2,
    });
    expect(
      envReferences(env({ KAFKA_BROKERS: 'kafka:9093', KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' }))[0],
    ).toMatchObject({
      protection: 'tls',
    });
  });

  it('lets the URL’s own parameters win over variables', () => {
    expect(
      envReferences(env({ DB_URL: 'postgres://db/x?sslmode=disable', DB_SSLMODE: 'require' }))[0],
    ).toMatchObject({
      protection: 'none',
    });
    expect(envReferences(env({ DB_URL: 'postgres://db/x', DB_SSLMODE: 'require' }))[0]).toMatchObject({
      protection: 'tls',
    });
  });

  it('applies libpq variables to every postgres URL', () => {
    expect(envReferences(env({ DATABASE_URL: 'postgres://db/x', PGSSLMODE: 'require' }))[0]).toMatchObject({
      protection: 'tls',
    });
  });

  it('reads a client certificate and key as mutual TLS', () => {
    const [reference] = envReferences(
      env({
        ORDERS_DB_URL: 'postgres://db/x?sslmode=verify-full',
        ORDERS_DB_TLS_CERT: '/c.crt',
        ORDERS_DB_TLS_KEY: '/c.key',
      }),
    );
    expect(reference).toMatchObject({
      protection: 'mtls',
      protectionEvidence: { detail: expect.stringContaining('ORDERS_DB_TLS_CERT') },
    });
    // A certificate without its key, or the service's own server certificate under another prefix, is not mTLS.
    expect(
      envReferences(env({ DB_URL: 'postgres://db/x?sslmode=require', DB_TLS_CERT: '/c.crt' }))[0]!.protection,
    ).toBe('tls');
    expect(
      envReferences(env({ DB_URL: 'postgres://db/x?sslmode=require', TLS_CERT: '/c', TLS_KEY: '/k' }))[0]!
        .protection,
    ).toBe('tls');
  });

  it('does not turn a plaintext scheme into mTLS', () => {
    expect(
      envReferences(env({ API_URL: 'http://api', API_TLS_CERT: '/c', API_TLS_KEY: '/k' }))[0]!.protection,
    ).toBe('none');
  });

  it.each([
    [{ DB_URL: 'postgres://app:pw@db/x' }, true],
    [{ DB_URL: 'postgres://app@db/x', DB_PASSWORD: undefined }, true],
    [{ DB_HOST: 'db', DB_PASSWORD_FILE: '/run/secrets/db' }, true],
    [{ DB_HOST: 'db', CACHE_PASSWORD: 'x' }, false],
    [{ DB_HOST: 'db' }, false],
  ])('credentials for %o: %s', (vars, credentials) => {
    expect(envReferences(env(vars))[0]!.credentials !== undefined).toBe(credentials);
  });
});
