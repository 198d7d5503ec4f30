import type { UserSpec } from '../workload';
import { splitWords, type Word } from './shell-words';

/** Reading the argument forms of individual instructions: `--flags`, `name=value` lists, `FROM`
 * operands, `EXPOSE` port specs and `USER` specs. */

export interface Flag {
  /** Lower-case name without the dashes (`platform`, `mount`). */
  name: string;
  /** Raw value after `=`, quotes included; undefined for a bare `--flag`. */
  value?: string;
  offset: number;
}

export interface FlagsAndRest {
  flags: Flag[];
  /** The arguments after the flags, as written. */
  rest: string;
  /** Offset of `rest` in the instruction's arguments. */
  restOffset: number;
  unterminatedQuote: boolean;
}

/** Leading `--name[=value]` words (FROM, RUN, COPY, ADD, HEALTHCHECK); `--` alone ends them. */
export function extractFlags(args: string, escape: string): FlagsAndRest {
  const { words, unterminatedQuote } = splitWords(args, escape);
  const flags: Flag[] = [];
  let i = 0;
  for (; i < words.length; i++) {
    const raw = words[i]!.raw;
    if (!raw.startsWith('--')) break;
    if (raw === '--') {
      i++;
      break;
    }
    const eq = raw.indexOf('=');
    const flag: Flag = {
      name: (eq < 0 ? raw.slice(2) : raw.slice(2, eq)).toLowerCase(),
      offset: words[i]!.offset,
    };
    if (eq >= 0) flag.value = raw.slice(eq + 1);
    flags.push(flag);
  }
  const restOffset = words[i]?.offset ?? args.length;
  return { flags, rest: args.slice(restOffset), restOffset, unterminatedQuote };
}

export interface KeyValue {
  /** Raw key as written. */
  key: string;
  /** Raw value as written (quotes included); undefined for `ARG NAME` without a default. */
  value?: string;
  offset: number;
}

export interface KeyValues {
  pairs: KeyValue[];
  /** Words of the `name=value` form that lack the `=`. */
  invalid: Word[];
  /** The legacy `ENV name value` form was used without a value. */
  missingValue: boolean;
  unterminatedQuote: boolean;
}

/**
 * `ENV`/`LABEL`: `k=v k2="v 2"`, or the legacy `k value with spaces` when the first word has no
 * `=` (BuildKit `parseNameVal`). `ARG`: `name` or `name=value`, one or more.
 */
export function parseKeyValues(args: string, escape: string, form: 'env' | 'arg'): KeyValues {
  const { words, unterminatedQuote } = splitWords(args, escape);
  const out: KeyValues = { pairs: [], invalid: [], missingValue: false, unterminatedQuote };
  const first = words[0];
  if (!first) return out;
  if (form === 'env' && !first.raw.includes('=')) {
    const second = words[1];
    if (!second) {
      out.missingValue = true;
      return out;
    }
    out.pairs.push({ key: first.raw, value: args.slice(second.offset).trimEnd(), offset: first.offset });
    return out;
  }
  for (const word of words) {
    const eq = word.raw.indexOf('=');
    if (eq < 0) {
      if (form === 'arg') out.pairs.push({ key: word.raw, offset: word.offset });
      else out.invalid.push(word);
      continue;
    }
    out.pairs.push({ key: word.raw.slice(0, eq), value: word.raw.slice(eq + 1), offset: word.offset });
  }
  return out;
}

export interface PortSpec {
  start: number;
  end: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

function portNumber(text: string): number | undefined {
  if (text === '' || text.length > 5) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : undefined;
}

/** `80`, `80/tcp`, `53/udp`, `8000-8010/tcp`. */
export function parsePortSpec(text: string): PortSpec | undefined {
  const slash = text.indexOf('/');
  const ports = slash < 0 ? text : text.slice(0, slash);
  const proto = slash < 0 ? 'tcp' : text.slice(slash + 1).toLowerCase();
  if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') return undefined;
  const dash = ports.indexOf('-');
  const start = portNumber(dash < 0 ? ports : ports.slice(0, dash));
  const end = dash < 0 ? start : portNumber(ports.slice(dash + 1));
  if (start === undefined || end === undefined || end < start) return undefined;
  return { start, end, protocol: proto };
}

const DIGITS = /^[0-9]{1,10}$/;

/** `USER name`, `USER uid`, `USER uid:gid`, `USER name:group`; `root` and `0` are uid 0. */
export function parseUserSpec(text: string, origin: UserSpec['origin']): UserSpec {
  const colon = text.indexOf(':');
  const user = colon < 0 ? text : text.slice(0, colon);
  const group = colon < 0 ? '' : text.slice(colon + 1);
  const spec: UserSpec = { origin };
  if (DIGITS.test(user)) spec.uid = Number(user);
  else spec.name = user;
  if (user === 'root') spec.uid = 0;
  if (DIGITS.test(group)) spec.gid = Number(group);
  return spec;
}

/** The key=value list of a `--mount` flag (`type=secret,id=npmrc,target=/root/.npmrc`). */
export function parseMountOptions(value: string): Map<string, string> {
  const options = new Map<string, string>();
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (key !== '' && !options.has(key)) options.set(key, eq < 0 ? '' : part.slice(eq + 1).trim());
  }
  return options;
}
