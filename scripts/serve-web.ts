/**
 * `npm run web`: serves the built renderer (dist/web) on 127.0.0.1 only, with the same Content
 * Security Policy the desktop app sends. Static files only: no directory listings, no paths
 * outside the build folder, nothing but GET and HEAD.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../renderer/platform/content-security-policy';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** The file a request path names inside `root`, or undefined when it would leave the root. */
export function resolveRequestPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return undefined;
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const full = resolve(root, relative);
  const base = resolve(root);
  if (full !== base && !full.startsWith(base + sep)) return undefined;
  return full;
}

export interface WebServerOptions {
  root: string;
  port: number;
  host?: string;
}

export function createWebServer({ root }: Pick<WebServerOptions, 'root'>): Server {
  return createServer(async (request, response) => {
    const send = (status: number, text: string) => {
      response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(text);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'Method not allowed');
    const path = resolveRequestPath(root, request.url ?? '/');
    if (!path) return send(403, 'Forbidden');
    try {
      // Symbolic links inside the build must not lead outside it either.
      const real = await realpath(path);
      const realRoot = await realpath(root);
      if (real !== realRoot && !real.startsWith(realRoot + sep)) return send(403, 'Forbidden');
      const info = await stat(real);
      if (!info.isFile()) return send(404, 'Not found');
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-cache',
      });
      if (request.method === 'HEAD') return response.end();
      createReadStream(real).pipe(response);
    } catch {
      send(404, 'Not found');
    }
  });
}

/** Starts the server; resolves with the port it listens on (useful with port 0). */
export async function startWebServer(options: WebServerOptions): Promise<{ server: Server; port: number }> {
  const server = createWebServer(options);
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { server, port };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../dist/web', import.meta.url));
  const port = Number(process.env['PORT'] ?? 4173);
  const { port: listening } = await startWebServer({ root, port });
  console.log(`Rampart web: http://127.0.0.1:${listening}/`);
}
