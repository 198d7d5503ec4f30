import { describe, expect, it } from 'vitest';
import { hostPathOf, isFilePath, mountOf, parseShortVolume } from '../../../../models/import/compose/volumes';

const at = { file: 'deploy/compose.yaml', line: 3, column: 7 };

/** `kind source -> target ro|rw[,propagation]` */
function mount(text: string): string {
  const spec = parseShortVolume(text);
  if (typeof spec === 'string') return `error: ${spec}`;
  const m = mountOf(spec, at);
  const source = m.hostPath ?? m.name;
  return `${m.kind}${source === undefined ? '' : ` ${source}`} -> ${m.target} ${[m.readOnly ? 'ro' : 'rw', m.propagation].filter(Boolean).join(',')}`;
}

describe('parseShortVolume', () => {
  it.each([
    ['/var/run/docker.sock:/var/run/docker.sock', 'bind /var/run/docker.sock -> /var/run/docker.sock rw'],
    ['/var/run/docker.sock:/var/run/docker.sock:ro', 'bind /var/run/docker.sock -> /var/run/docker.sock ro'],
    ['/etc/:/host/etc/:ro,rshared', 'bind /etc -> /host/etc ro,rshared'],
    ['//var//lib/./docker:/d', 'bind /var/lib/docker -> /d rw'],
    ['./data:/data', 'bind ./data -> /data rw'],
    ['./data/../other/:/data:z', 'bind ./other -> /data rw'],
    ['.:/app', 'bind . -> /app rw'],
    ['../shared:/shared:Z', 'bind ../shared -> /shared rw'],
    ['~/.ssh:/root/.ssh:ro', 'bind ~/.ssh -> /root/.ssh ro'],
    ['C:\\data:/data', 'bind C:\\data -> /data rw'],
    ['c:/data:c:/app', 'bind c:/data -> c:/app rw'],
    [
      '\\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine',
      'bind \\\\.\\pipe\\docker_engine -> \\\\.\\pipe\\docker_engine rw',
    ],
    ['data:/var/lib/data', 'volume data -> /var/lib/data rw'],
    ['data:/var/lib/data:ro,nocopy', 'volume data -> /var/lib/data ro'],
    ['/anonymous', 'volume -> /anonymous rw'],
    ['/x', 'volume -> /x rw'],
  ])('%s', (text, expected) => {
    expect(mount(text)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    [':/data', 'empty'],
    ['/a::/b', 'empty'],
    ['/a:/b:ro:extra', 'too many colons'],
  ])('rejects %j', (text, reason) => {
    expect(mount(text)).toContain(reason);
  });
});

describe('host paths', () => {
  it.each([
    ['/', '/'],
    ['/etc/', '/etc'],
    ['./a/b/', './a/b'],
    ['a/b', './a/b'],
    ['../../x', '../../x'],
    ['~', '~'],
    ['D:\\x', 'D:\\x'],
  ])('%s → %s', (source, expected) => {
    expect(hostPathOf(source)).toBe(expected);
  });

  it.each([
    ['/x', true],
    ['./x', true],
    ['~/x', true],
    ['C:\\x', true],
    ['\\\\host\\share', true],
    ['named', false],
    ['a', false],
  ])('isFilePath(%s) = %s', (source, expected) => {
    expect(isFilePath(source)).toBe(expected);
  });
});
