/**
 * Recognizes a Dockerfile by its content, whatever its name (`Dockerfile`, `prod.dockerfile`,
 * `Containerfile`, `.Dockerfile`): after parser directives, comments, blank lines and global ARGs,
 * the first instruction must be a FROM whose operands look like an image reference
 * (`[--flags] image [AS name]`). Prose that happens to start with "From" does not pass.
 */

const IMAGE_REFERENCE = /^[A-Za-z0-9_.:/@${}+-]+$/;
const BLANK_RUN = /[ \t]+/;
const TRAILING_ESCAPE = /[\\`]$/;

function endsWithContinuation(line: string): boolean {
  const trimmed = line.trimEnd();
  return trimmed.endsWith('\\') || trimmed.endsWith('`');
}

function fromOperandsLookValid(args: string): boolean {
  const words = args.split(BLANK_RUN).filter((w) => w !== '' && w !== '\\' && w !== '`');
  while (words[0]?.startsWith('--')) words.shift();
  const image = words[0];
  if (image === undefined || !IMAGE_REFERENCE.test(image)) return false;
  return words.length === 1 || (words.length === 3 && words[1]!.toUpperCase() === 'AS');
}

export function looksLikeDockerfile(text: string): boolean {
  if (text.includes('\u0000')) return false;
  let continuingArg = false;
  let pendingFrom: string | undefined;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (pendingFrom !== undefined) {
      // A FROM line continued onto the next lines; comment lines inside are skipped, as in BuildKit.
      if (line.startsWith('#')) continue;
      pendingFrom += ` ${line.replace(TRAILING_ESCAPE, '')}`;
      if (endsWithContinuation(line) && newline >= 0) continue;
      return fromOperandsLookValid(pendingFrom);
    }
    if (continuingArg) {
      continuingArg = endsWithContinuation(line);
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const blank = line.search(BLANK_RUN);
    const keyword = (blank < 0 ? line : line.slice(0, blank)).toUpperCase();
    const args = blank < 0 ? '' : line.slice(blank).trim();
    if (keyword === 'ARG') {
      continuingArg = endsWithContinuation(line);
      continue;
    }
    if (keyword !== 'FROM') return false;
    if (endsWithContinuation(line) && newline >= 0) {
      pendingFrom = args.replace(TRAILING_ESCAPE, '');
      continue;
    }
    return fromOperandsLookValid(args);
  }
  return pendingFrom !== undefined && fromOperandsLookValid(pendingFrom);
}
