/**
 * The Content Security Policy of the renderer, sent as a response header by both hosts: the web
 * server behind `npm run web` and the desktop app's `app://` protocol handler. One string, so the
 * browser end-to-end tests exercise exactly the policy the desktop app runs under.
 *
 * Styles allow 'unsafe-inline' because Svelte sets style attributes from templates; scripts never
 * do: no inline script, no eval, no remote origin anywhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
