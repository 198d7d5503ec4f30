/**
 * The origin the renderer is served from in the desktop app. IndexedDB and other storage are keyed
 * by origin, so this never changes: a different scheme or host would orphan users' saved data.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `url` belongs to the app's own origin. WHATWG URL reports the origin of a non-special
 * scheme such as `app:` as "null", so scheme, host and port are compared instead; userinfo is
 * rejected because `app://bundle@elsewhere/` must not pass as the app.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
