/**
 * Whether a path from a policy can be written into an AppArmor rule without changing the rule's
 * meaning, and how. AppArmor reads an unquoted path up to whitespace, and `,` ends a rule; a quoted
 * path may hold spaces, but a backslash escapes the closing quote, so a path with `"` or `\` could
 * end the string early and smuggle in rules of its own. Those are refused, as are line breaks and
 * control characters; braces and brackets must pair up (AppArmor globs: `{a,b}` alternation,
 * `[abc]` classes), and variables must be ones `<tunables/global>` defines. A path with anything
 * beyond letters, digits and glob characters (a space, `#`, `!`, a comma outside braces) is written
 * quoted.
 */
/** Variables `<tunables/global>` defines on Debian, Ubuntu and SUSE hosts (file-path ones only). */
const TUNABLE_VARIABLES: ReadonlySet<string> = new Set([
  'PROC',
  'sys',
  'run',
  'HOME',
  'HOMEDIRS',
  'pid',
  'pids',
  'tid',
  'multiarch',
  'etc_ro',
  'etc_rw',
]);

/** Characters AppArmor's lexer takes in an unquoted path; anything else is written quoted. */
const UNQUOTED = /[A-Za-z0-9/_.*?{}[\]^@,+-]/;

export function checkPath(path: string): { text: string } | { error: string } {
  if (path === '') return { error: 'the path is empty' };
  if (!path.startsWith('/') && !path.startsWith('@{'))
    return { error: 'a path must be absolute (start with /) or start with a variable such as @{PROC}' };
  // Control characters are what this looks for.
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f\u007f]/.exec(path);
  if (control)
    return {
      error: `the path holds a control character (U+${control[0].charCodeAt(0).toString(16).padStart(4, '0')})`,
    };
  if (path.includes('"') || path.includes('\\'))
    return { error: 'the path holds " or \\, which could end the quoted path and add rules of its own' };
  const groups: number[] = []; // commas seen in each open {…}
  let inClass = false;
  let classStart = 0;
  let needsQuotes = false;
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ch === '@' && path[i + 1] === '{') {
      // A variable such as @{PROC} or @{HOME}: its braces are not an alternation.
      const end = path.indexOf('}', i);
      const name = end < 0 ? '' : path.slice(i + 2, end);
      if (!TUNABLE_VARIABLES.has(name))
        return {
          error: `@{${name}} is not a variable <tunables/global> defines; use one of ${[...TUNABLE_VARIABLES].join(', ')}`,
        };
      i = end;
      continue;
    }
    if (!UNQUOTED.test(ch) || (ch === ',' && inClass)) needsQuotes = true;
    if (inClass) {
      if (ch === ']') {
        const content = path.slice(classStart + 1, i).replace(/^\^/, '');
        if (content === '') return { error: 'a [...] character class is empty' };
        inClass = false;
      } else if (ch === '[') return { error: 'a [...] character class cannot hold [' };
      continue;
    }
    if (ch === '[') {
      inClass = true;
      classStart = i;
    } else if (ch === ']') return { error: 'the path has ] without a [ before it' };
    else if (ch === '{') groups.push(0);
    else if (ch === '}') {
      const commas = groups.pop();
      if (commas === undefined) return { error: 'the path has } without a { before it' };
      if (commas === 0) return { error: 'a {…} group needs at least two alternatives separated by a comma' };
    } else if (ch === ',') {
      if (groups.length > 0) groups[groups.length - 1]!++;
      else needsQuotes = true;
    }
  }
  if (inClass) return { error: 'the path has [ without a closing ]' };
  if (groups.length > 0) return { error: 'the path has { without a closing }' };
  return { text: needsQuotes ? `"${path}"` : path };
}
