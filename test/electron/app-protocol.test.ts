import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  mimeTypeFor,
  registerAppScheme,
  resolveBundlePath,
} from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../renderer/platform/content-security-policy';

const ROOT = '/srv/bundle';

describe('resolveBundlePath', () => {
  it.each([
    ['app://bundle/', '/srv/bundle/index.html'],
    ['app://bundle/index.html', '/srv/bundle/index.html'],
    ['app://bundle/assets/index-abc.js', '/srv/bundle/assets/index-abc.js'],
    ['app://bundle/assets/my%20file.css', '/srv/bundle/assets/my file.css'],
    ['app://bundle/index.html?x=1#frag', '/srv/bundle/index.html'],
    ['APP://BUNDLE/index.html', '/srv/bundle/index.html'],
  ])('maps %s into the bundle', (url, expected) => {
    expect(resolveBundlePath(ROOT, url)).toBe(expected);
  });

  it.each([
    ['parent segments', 'app://bundle/../../etc/passwd'],
    ['parent segments after a folder', 'app://bundle/assets/../../../etc/passwd'],
    ['encoded dots', 'app://bundle/%2e%2e/%2e%2e/etc/passwd'],
    ['upper-case encoded dots', 'app://bundle/%2E%2E/etc/passwd'],
    ['mixed encoded dots', 'app://bundle/.%2e/etc/passwd'],
    ['encoded slash', 'app://bundle/..%2f..%2fetc%2fpasswd'],
    ['encoded slash in a name', 'app://bundle/assets%2fx.js'],
    ['double-encoded dots', 'app://bundle/%252e%252e/etc/passwd'],
    ['encoded backslash', 'app://bundle/..%5c..%5cwindows%5cwin.ini'],
    ['backslash', 'app://bundle/..\\..\\windows\\win.ini'],
    ['encoded NUL', 'app://bundle/index.html%00.png'],
    ['absolute path as a segment', 'app://bundle//etc/passwd'],
    ['drive letter', 'app://bundle/C:/Windows/win.ini'],
    ['encoded drive letter', 'app://bundle/C%3A%5CWindows'],
    ['another host', 'app://evil/index.html'],
    ['userinfo', 'app://x@bundle/index.html'],
    ['port', 'app://bundle:99/index.html'],
    ['another scheme', 'file:///srv/bundle/index.html'],
    ['trailing slash folder', 'app://bundle/assets/'],
    ['malformed escape', 'app://bundle/%E0%A4%A.js'],
    ['not a URL', 'bundle/index.html'],
  ])('refuses %s', (_label, url) => {
    expect(resolveBundlePath(ROOT, url)).toBeNull();
  });

  it('never resolves outside the root for any path (property)', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E.', '%2f', '%5c', '\\', '', 'C:', '%00', '~', 'a'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const path = resolveBundlePath(ROOT, `app://bundle/${segments.join('/')}`);
        return path === null || path.startsWith(`${ROOT}/`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('app:// handler', () => {
  let root: string;
  let outside: string;
  let handler: (request: Request) => Promise<Response>;

  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'rampart-protocol-'));
    root = join(base, 'renderer');
    outside = join(base, 'secret');
    mkdirSync(join(root, 'assets'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Rampart</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(outside, 'key.txt'), 'secret');
    symlinkSync(join(outside, 'key.txt'), join(root, 'assets', 'link.txt'));
    symlinkSync(outside, join(root, 'escape'));
    handler = createAppProtocolHandler(root, fs);
  });

  afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it('serves the entry page with the CSP header and the right MIME type', async () => {
    const response = await handler(new Request('app://bundle/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Rampart</title>');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await handler(new Request('app://bundle/assets/app.js'));
    expect(response.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it.each([
    'app://bundle/%2e%2e/secret/key.txt',
    'app://bundle/..%2fsecret%2fkey.txt',
    'app://bundle/assets/link.txt',
    'app://bundle/escape/key.txt',
    'app://bundle/missing.js',
    'app://bundle/assets',
    'app://other/index.html',
  ])('answers 404 with the CSP header for %s', async (url) => {
    const response = await handler(new Request(url));
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('secret');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await handler(new Request('app://bundle/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
  });
});

describe('scheme registration and MIME types', () => {
  it('registers app: as standard and secure with fetch support', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });

  it.each([
    ['a.css', 'text/css; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.woff2', 'font/woff2'],
    ['a.wasm', 'application/wasm'],
    ['a.JSON', 'application/json; charset=utf-8'],
    ['a.exe', 'application/octet-stream'],
  ])('%s is served as %s', (name, type) => {
    expect(mimeTypeFor(name)).toBe(type);
  });
});

describe('content security policy', () => {
  it('allows no eval, no inline scripts and no remote origins', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|https?:|\*/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )default-src 'none'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )object-src 'none'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )base-uri 'none'(;|$)/);
  });
});
