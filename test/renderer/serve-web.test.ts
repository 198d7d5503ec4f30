import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../renderer/platform/content-security-policy';
import { resolveRequestPath, startWebServer } from '../../scripts/serve-web';
import type { Server } from 'node:http';

const base = mkdtempSync(join(tmpdir(), 'rampart-web-'));
const root = join(base, 'web');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(base, 'secret.txt'), 'secret');
symlinkSync(join(base, 'secret.txt'), join(root, 'link.txt'));

let server: Server;
let port: number;
beforeAll(async () => ({ server, port } = await startWebServer({ root, port: 0 })));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web server', () => {
  it('serves the app with the shared CSP and hardening headers', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-type']).toMatch(/text\/html/);
    const script = await get('/assets/app.js?v=1');
    expect(script.headers['content-type']).toMatch(/text\/javascript/);
  });

  it('refuses path traversal, encoded or not, and symbolic links out of the root', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%00',
      '/..%5csecret.txt',
    ])
      expect((await get(path)).status, path).toBe(403);
    expect((await get('/link.txt')).status).toBe(403);
    expect((await get('/missing.js')).status).toBe(404);
    expect((await get('/assets')).status).toBe(404);
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('/', 'POST')).status).toBe(405);
    expect((await get('/', 'HEAD')).status).toBe(200);
  });

  it('resolves request paths inside the root only', () => {
    expect(resolveRequestPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveRequestPath(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveRequestPath(root, '/a/../../x')).toBeUndefined();
    expect(resolveRequestPath(root, '/%E0%A4%A')).toBeUndefined();
  });
});
