/**
 * Which links may leave the app for the system browser. Only https, only hosts named here exactly:
 * the comparison happens after URL parsing, so case, IDN (punycode), trailing dots, userinfo and
 * look-alike suffixes such as `github.com.attacker.example` cannot sneak past a prefix test.
 */
export const EXTERNAL_LINK_HOSTS: ReadonlySet<string> = new Set([
  'github.com',
  'docs.docker.com',
  'kubernetes.io',
  'owasp.org',
  'cheatsheetseries.owasp.org',
  'cwe.mitre.org',
  'capec.mitre.org',
  'attack.mitre.org',
]);

const MAX_URL_LENGTH = 2048;

/** True when `url` may be opened with `shell.openExternal`. */
export function isSafeExternal(url: string, hosts: ReadonlySet<string> = EXTERNAL_LINK_HOSTS): boolean {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) return false;
  // The URL parser silently drops tabs and newlines, turns backslashes into slashes and maps
  // Unicode hosts through IDNA; a link that needs such repair is not one the app wrote. Only
  // printable ASCII is accepted.
  if (/[^\x21-\x7e]|\\/.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    hosts.has(parsed.hostname)
  );
}
