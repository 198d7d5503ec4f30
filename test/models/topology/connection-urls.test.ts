import { describe, expect, it } from 'vitest';
import { parseConnectionUrl, parseHostPortList, splitUrls } from '../../../models/topology/connection-urls';

describe('parseConnectionUrl', () => {
  it.each([
    ['postgres://u:pw@db:5432/app?sslmode=require', 'postgresql', 'tls', true],
    ['postgresql://u:pw@db/app?sslmode=verify-full', 'postgresql', 'tls', true],
    ['postgres://u:pw@db:5432/app?sslmode=disable', 'postgresql', 'none', true],
    ['postgres://u:pw@db:5432/app?sslmode=prefer', 'postgresql', 'none', true],
    ['postgres://u:pw@db:5432/app', 'postgresql', 'none', false],
    ['jdbc:postgresql://db:5432/app?ssl=true', 'postgresql', 'tls', true],
    ['mysql://u:pw@db:3306/shop?ssl-mode=REQUIRED', 'mysql', 'tls', true],
    ['jdbc:mysql://db:3306/shop?useSSL=false', 'mysql', 'none', true],
    ['mongodb://u:pw@mongo:27017/shop', 'mongodb', 'none', false],
    ['mongodb://mongo:27017/shop?tls=true', 'mongodb', 'tls', true],
    ['mongodb+srv://u:pw@cluster0.example.mongodb.net/shop', 'mongodb', 'tls', true],
    ['mongodb+srv://cluster0.example.mongodb.net/?tls=false', 'mongodb', 'none', true],
    ['redis://redis:6379/0', 'redis', 'none', true],
    ['rediss://redis:6380/0', 'redis', 'tls', true],
    ['amqp://guest:guest@rabbitmq:5672/', 'amqp', 'none', true],
    ['amqps://rabbitmq:5671/', 'amqp', 'tls', true],
    ['kafka://kafka:9092', 'kafka', 'unknown', false],
    ['http://catalog:8080/api', 'http', 'none', true],
    ['https://api.payments.example.com/v1', 'http', 'tls', true],
    ['nats://nats:4222', 'nats', 'unknown', false],
    ['jdbc:sqlserver://sql:1433;databaseName=shop;encrypt=true', 'tds', 'tls', true],
    [
      'postgres://u@db/app?sslmode=verify-full&sslcert=/certs/client.crt&sslkey=/certs/client.key',
      'postgresql',
      'mtls',
      true,
    ],
  ])('%s → %s, %s', (url, protocol, protection, explicit) => {
    const parsed = parseConnectionUrl(url)!;
    expect(parsed.protocol).toBe(protocol);
    expect(parsed.protection).toBe(protection);
    expect(parsed.explicit).toBe(explicit);
  });

  it('reads hosts, ports and the default port', () => {
    expect(parseConnectionUrl('postgres://u:pw@DB.internal:6432/app')).toMatchObject({
      endpoints: [{ host: 'db.internal', port: 6432 }],
      defaultPort: 5432,
    });
    expect(parseConnectionUrl('mongodb://a:27017,b:27018,[fd00::1]:27019/db')!.endpoints).toEqual([
      { host: 'a', port: 27017 },
      { host: 'b', port: 27018 },
      { host: 'fd00::1', port: 27019 },
    ]);
    expect(parseConnectionUrl('http://catalog/')!.endpoints).toEqual([{ host: 'catalog' }]);
  });

  it.each([
    ['postgres://orders:${ORDERS_DB_PASSWORD}@db:5432/orders', true],
    ['postgres://orders@db:5432/orders', false],
    ['redis://:s3cret@redis:6379', true],
    ['https://token123@git.example.com/repo', true],
    ['https://api.example.com/v1?api_key=abc', true],
    ['http://catalog:8080', false],
    ['amqp://guest:pa/ss@rabbitmq:5672/', true],
  ])('credentials in %s: %s', (url, credentials) => {
    expect(parseConnectionUrl(url)!.credentials !== undefined).toBe(credentials);
  });

  it('does not take an @ in the path for userinfo', () => {
    expect(parseConnectionUrl('https://api.example.com/users/@me')).toMatchObject({
      endpoints: [{ host: 'api.example.com' }],
    });
    expect(parseConnectionUrl('https://api.example.com/users/@me')!.credentials).toBeUndefined();
  });

  it('finds the host behind a password with an unescaped slash', () => {
    expect(parseConnectionUrl('amqp://guest:pa/ss@rabbitmq:5672/')!.endpoints).toEqual([
      { host: 'rabbitmq', port: 5672 },
    ]);
  });

  it('keeps a host whose port is interpolated, and drops an interpolated host', () => {
    expect(parseConnectionUrl('postgres://db:${DB_PORT}/app')!.endpoints).toEqual([{ host: 'db' }]);
    expect(parseConnectionUrl('postgres://${DB_HOST}:5432/app')!.endpoints).toEqual([]);
  });

  it.each(['file:///etc/passwd', 's3://bucket/key', 'not a url', 'http://exa mple.com'])(
    'ignores %s',
    (text) => {
      expect(parseConnectionUrl(text)).toBeUndefined();
    },
  );
});

describe('parseHostPortList', () => {
  it.each([
    ['db:5432', [{ host: 'db', port: 5432 }]],
    [
      'kafka-0:9092,kafka-1:9092',
      [
        { host: 'kafka-0', port: 9092 },
        { host: 'kafka-1', port: 9092 },
      ],
    ],
    ['redis', [{ host: 'redis' }]],
    ['10.0.0.5:5432', [{ host: '10.0.0.5', port: 5432 }]],
  ])('%s', (value, endpoints) => {
    expect(parseHostPortList(value)).toEqual(endpoints);
  });

  it.each(['nginx:1.27', '12:30', 'db:99999', '/var/run/app.sock', 'a b/c'])(
    '%s is no address list',
    (value) => {
      expect(parseHostPortList(value)).toBeUndefined();
    },
  );
});

describe('splitUrls', () => {
  it('splits lists of URLs but not the host list of one URL', () => {
    expect(splitUrls('http://a:1, http://b:2')).toEqual(['http://a:1', 'http://b:2']);
    expect(splitUrls('mongodb://a:1,b:2/db')).toEqual(['mongodb://a:1,b:2/db']);
  });
});
