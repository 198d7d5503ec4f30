/** Recognizing secrets written into configs as literal values (R23; hadolint DL3064, Trivy DS031,
 * dockle CIS-DI-0010). A secret-looking *name* with a literal, non-placeholder *value* is a
 * finding; `${VAR}` interpolation, `*_FILE` variables and `/run/secrets/...` paths are the good
 * pattern and are not. Known token formats are findings whatever the name. */

const SECRET_NAME =
  /(pass(word|wd|phrase)?|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?key|credential|auth[_-]?key|signing[_-]?key|encryption[_-]?key|master[_-]?key|session[_-]?key|jwt|dsn|connection[_-]?string)/i;

/** Names that contain a secret word but hold no secret (paths, switches, lengths, names). */
const NOT_A_SECRET_NAME =
  /(_FILE|_PATH|_DIR|_URL_FILE|_LENGTH|_LEN|_TTL|_EXPIRY|_EXPIRES|_TIMEOUT|_ENABLED|_ENABLE|_DISABLED|_REQUIRED|_POLICY|_MIN|_MAX|_TYPE|_ALGORITHM|_ALG|_HEADER|_ISSUER|_AUDIENCE|_USER|_USERNAME|_NAME|_ID|_ROTATION)$/i;

/** Values that are no secret: placeholders, and the switches of variables such as
 * `ALLOW_EMPTY_PASSWORD=yes` or `MYSQL_RANDOM_ROOT_PASSWORD=on`. */
const PLACEHOLDER =
  /^(|changeme|change[_-]?me|replace[_-]?me|your[_-].*|<.*>|\*+|x+|xxx.*|todo|tbd|none|null|nil|false|true|yes|no|on|off|0|1|example|dummy|placeholder|secret|password|redacted|\.\.\.)$/i;

const KNOWN_TOKEN_FORMATS: RegExp[] = [
  /\bAKIA[0-9A-Z]{16}\b/, // AWS access key id
  /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, // GitHub tokens
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/, // Slack tokens
  /\bsk_live_[A-Za-z0-9]{20,}/, // Stripe live keys
  /\bglpat-[A-Za-z0-9_-]{20,}/, // GitLab personal access tokens
  /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/,
  /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, // JWT
];

/** A password in a connection URL's user-info: `scheme://user:password@host`. */
const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]+:([^@/?#\s]+)@/i;

export function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_A_SECRET_NAME.test(name);
}

export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  return PLACEHOLDER.test(v) || v.startsWith('/run/secrets/') || v.startsWith('/') || v.includes('${');
}

export function matchesKnownTokenFormat(value: string): boolean {
  return KNOWN_TOKEN_FORMATS.some((re) => re.test(value));
}

/** The literal password in a connection URL, unless it is interpolated or a placeholder. */
export function urlPassword(value: string): string | undefined {
  const m = URL_PASSWORD.exec(value.trim());
  if (!m) return undefined;
  const pw = m[1]!;
  if (pw.includes('$') || PLACEHOLDER.test(decodeURIComponentSafe(pw))) return undefined;
  return pw;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
