import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXTERNAL_LINK_HOSTS, isSafeExternal } from '../../electron/main/external-links';

const allowed = [...EXTERNAL_LINK_HOSTS];

describe('isSafeExternal', () => {
  it.each([
    'https://github.com/',
    'https://github.com/owner/repo/issues?q=is%3Aopen#top',
    'https://docs.docker.com/engine/security/',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    'HTTPS://GitHub.COM/owner', // scheme and host are case-insensitive; the parser lowercases them
    'https://cwe.mitre.org/data/definitions/250.html',
  ])('allows %s', (url) => {
    expect(isSafeExternal(url)).toBe(true);
  });

  it.each([
    ['plain http', 'http://github.com/'],
    ['javascript', 'javascript:alert(1)'],
    ['javascript with host-like text', 'javascript://github.com/%0aalert(1)'],
    ['file', 'file:///etc/passwd'],
    ['file with host', 'file://github.com/etc/passwd'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['app origin', 'app://bundle/index.html'],
    ['custom scheme', 'ms-settings:privacy'],
    ['userinfo before an allowed host', 'https://github.com@evil.example/'],
    ['userinfo with password', 'https://user:pass@github.com/'],
    ['allowed host as a prefix', 'https://github.com.evil.example/'],
    ['allowed host as a suffix', 'https://evilgithub.com/'],
    ['subdomain not listed', 'https://gist.github.com/'],
    ['trailing dot', 'https://github.com./'],
    ['explicit port', 'https://github.com:8443/'],
    ['IDN look-alike (Cyrillic i)', 'https://gіthub.com/'],
    ['punycode look-alike', 'https://xn--gthub-n4a.com/'],
    ['fullwidth letters', 'https://ｇｉｔｈｕｂ.com/'],
    ['backslash confusion', 'https://evil.example\\@github.com/'],
    ['embedded newline', 'https://git\nhub.com/'],
    ['leading space', ' https://github.com/'],
    ['IP address', 'https://140.82.112.3/'],
    ['not a URL', 'github.com'],
    ['empty', ''],
    ['too long', `https://github.com/${'a'.repeat(3000)}`],
  ])('denies %s', (_label, url) => {
    expect(isSafeExternal(url)).toBe(false);
  });

  it('denies every scheme but https for allowlisted hosts (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'http',
          'javascript',
          'file',
          'ftp',
          'data',
          'blob',
          'ws',
          'wss',
          'app',
          'vbscript',
          'mailto',
        ),
        fc.constantFrom(...allowed),
        fc.webPath(),
        (scheme, host, path) => !isSafeExternal(`${scheme}://${host}${path}`),
      ),
    );
  });

  it('accepts https links to allowlisted hosts in any letter case (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...allowed),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (host, flips) => {
          const mixed = [...host].map((c, i) => (flips[i] ? c.toUpperCase() : c)).join('');
          return isSafeExternal(`hTtPs://${mixed}/docs`);
        },
      ),
    );
  });

  it('denies look-alike hosts built around an allowed one (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...allowed),
        fc.domain(),
        fc.constantFrom('prefix', 'suffix', 'userinfo', 'sub'),
        (host, other, shape) => {
          const url =
            shape === 'prefix'
              ? `https://${host}.${other}/`
              : shape === 'suffix'
                ? `https://${other.replace(/\./g, '')}${host}/`
                : shape === 'userinfo'
                  ? `https://${host}@${other}/`
                  : `https://${other}.${host}/`;
          return !isSafeExternal(url) || allowed.includes(new URL(url).hostname);
        },
      ),
    );
  });

  it('denies any host outside the allowlist (property)', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ validSchemes: ['https'], withFragments: true, withQueryParameters: true }),
        (url) => {
          const parsed = new URL(url);
          const expected = parsed.username === '' && parsed.port === '' && allowed.includes(parsed.hostname);
          return !isSafeExternal(url) || expected;
        },
      ),
    );
  });

  it('denies IDN hosts that are not exactly an allowed host (property)', () => {
    const homoglyphs: Record<string, string[]> = {
      a: ['а', 'ɑ'],
      e: ['е'],
      o: ['о', 'ο'],
      i: ['і', 'ı'],
      c: ['с'],
    };
    fc.assert(
      fc.property(fc.constantFrom(...allowed), fc.nat(), (host, seed) => {
        const positions = [...host].map((c, i) => (homoglyphs[c] ? i : -1)).filter((i) => i >= 0);
        if (positions.length === 0) return true;
        const at = positions[seed % positions.length]!;
        const options = homoglyphs[host[at]!]!;
        const spoofed = host.slice(0, at) + options[seed % options.length]! + host.slice(at + 1);
        return !isSafeExternal(`https://${spoofed}/`);
      }),
    );
  });
});
