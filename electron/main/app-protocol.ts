import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from '../shared/app-origin';
import { CONTENT_SECURITY_POLICY } from '../../renderer/platform/content-security-policy';

/**
 * The `app://bundle/…` scheme that serves the built renderer. It is standard (so the page has a
 * real origin for IndexedDB) and secure (a secure context), and must be registered before the app
 * is ready.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

export interface ProtocolRegistrar {
  registerSchemesAsPrivileged(schemes: (typeof APP_SCHEME_PRIVILEGES)[]): void;
}

export function registerAppScheme(protocol: ProtocolRegistrar): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
};

export function mimeTypeFor(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every response: the CSP travels as a header so it can carry `frame-ancestors`. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/**
 * Maps an `app://bundle/…` URL to a file under `root`, or null when the URL must not be served:
 * another host, `..` or `.` segments (raw or percent-encoded), encoded slashes or backslashes,
 * NUL and control characters, drive letters, or anything that would resolve outside `root`.
 */
export function resolveBundlePath(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (
    parsed.protocol !== `${APP_SCHEME}:` ||
    parsed.hostname.toLowerCase() !== APP_HOST ||
    parsed.port !== ''
  )
    return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  // The URL parser folds `..` segments (also `%2e%2e`) and so would clamp them to the root, but a
  // request that contains them, or hides dots, separators or NUL behind percent-encoding, was
  // crafted: it is refused outright rather than repaired. The raw text is checked for that.
  const rawPath = url.replace(/^[^:]*:\/\/[^/?#]*/, '').split(/[?#]/, 1)[0] ?? '';
  if (/%(2e|2f|5c|00|25)/i.test(rawPath) || rawPath.includes('\\')) return null;
  if (rawPath.split('/').some((segment) => segment === '.' || segment === '..')) return null;
  const pathname = parsed.pathname;
  const segments = pathname === '/' ? ['index.html'] : pathname.slice(1).split('/');
  const decoded: string[] = [];
  for (const segment of segments) {
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return null;
    }
    // eslint-disable-next-line no-control-regex
    if (name === '' || name === '.' || name === '..' || /[\x00-\x1f\x7f/\\:]/.test(name)) return null;
    decoded.push(name);
  }
  const candidate = join(root, ...decoded);
  const rel = relative(root, candidate);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return candidate;
}

export interface BundleFileSystem {
  /** Resolves symbolic links; used to refuse links that point out of the bundle. */
  realpath(path: string): Promise<string>;
  readFile(path: string): Promise<Uint8Array>;
}

/**
 * The handler for `protocol.handle('app', …)`: serves files from the built renderer under `root`
 * (read-only, GET and HEAD only) with the CSP and MIME type headers.
 */
export function createAppProtocolHandler(
  root: string,
  fs: BundleFileSystem,
): (request: Request) => Promise<Response> {
  const realRoot = fs.realpath(root).catch(() => root);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method Not Allowed');
    const path = resolveBundlePath(root, request.url);
    if (path === null) return refuse(404, 'Not Found');
    let body: Uint8Array;
    try {
      const real = await fs.realpath(path);
      const rel = relative(await realRoot, real);
      if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
        return refuse(404, 'Not Found');
      body = await fs.readFile(real);
    } catch {
      return refuse(404, 'Not Found');
    }
    const headers = { ...securityHeaders(), 'Content-Type': mimeTypeFor(path), 'Cache-Control': 'no-cache' };
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers,
    });
  };
}

function refuse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
