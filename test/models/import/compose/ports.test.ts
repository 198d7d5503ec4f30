import { describe, expect, it } from 'vitest';
import { bindingsOf, isLoopback, parsePortSpec } from '../../../../models/import/compose/ports';

const at = { file: 'compose.yaml', line: 1, column: 1 };

/** `[ip:]host->container/proto` per binding, `*` for a random host port. */
function bindings(text: string): string[] | string {
  const spec = parsePortSpec(text);
  if (typeof spec === 'string') return spec;
  return bindingsOf(spec, at).map(
    (b) =>
      `${b.hostIp === undefined ? '' : `${b.hostIp}|`}${b.hostPort ?? '*'}->${b.containerPort}/${b.protocol}${b.published ? '' : ' local'}`,
  );
}

describe('parsePortSpec', () => {
  it.each([
    ['80', ['*->80/tcp']],
    ['8080:80', ['8080->80/tcp']],
    ['8080:80/udp', ['8080->80/udp']],
    ['8080:80/SCTP', ['8080->80/sctp']],
    ['127.0.0.1:8080:80', ['127.0.0.1|8080->80/tcp local']],
    ['127.9.9.9::80', ['127.9.9.9|*->80/tcp local']],
    ['0.0.0.0:8080:80', ['0.0.0.0|8080->80/tcp']],
    ['192.168.1.5:53:53/udp', ['192.168.1.5|53->53/udp']],
    ['[::1]:8080:80', ['::1|8080->80/tcp local']],
    ['::1:8080:80', ['::1|8080->80/tcp local']],
    ['[::]:8080:80', ['::|8080->80/tcp']],
    ['[fe80::1]:8080:80', ['fe80::1|8080->80/tcp']],
    ['localhost:8080:80', ['localhost|8080->80/tcp local']],
    ['3000-3002', ['*->3000/tcp', '*->3001/tcp', '*->3002/tcp']],
    ['8000-8001:9000-9001', ['8000->9000/tcp', '8001->9001/tcp']],
    ['8000-8010:80', ['*->80/tcp']],
    ['0:80', ['*->80/tcp']],
    [' 8080:80 ', ['8080->80/tcp']],
  ])('%s', (text, expected) => {
    expect(bindings(text)).toEqual(expected);
  });

  it.each([
    ['', 'container port'],
    ['http', 'container port'],
    ['80:80/http', 'unknown protocol'],
    ['70000:80', 'host port'],
    ['8080:0', 'container port 0'],
    ['8000-8002:9000-9001', 'differ in length'],
    ['9000-8000:80', 'ends before it starts'],
    ['300.1.1.1:80:80', 'not an IP address'],
    ['host.example:80:80', 'not an IP address'],
    ['-1:80', 'host port'],
    ['80:80:80:80', 'not an IP address'],
  ])('rejects %j', (text, reason) => {
    expect(bindings(text)).toContain(reason);
  });
});

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['::1', true],
    ['[::1]', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.1', false],
    ['128.0.0.1', false],
    ['127.0.0', false],
    [undefined, false],
  ])('%s → %s', (ip, expected) => {
    expect(isLoopback(ip)).toBe(expected);
  });
});
