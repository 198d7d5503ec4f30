import type { UserSpec } from '../workload';

/**
 * Compose `user: "uid[:gid]"` or `"name[:group]"`. Only the user part decides whether the process
 * is root; `root` is uid 0. A numeric group is kept as `gid`. An empty user part leaves the image's default user, so it sets nothing.
 */
export function parseUser(text: string): UserSpec | undefined {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  const user = colon === -1 ? trimmed : trimmed.slice(0, colon);
  const group = colon === -1 ? '' : trimmed.slice(colon + 1);
  if (user === '') return undefined;
  const spec: UserSpec = isDigits(user)
    ? { uid: Number(user), origin: 'config' }
    : user === 'root'
      ? { uid: 0, name: 'root', origin: 'config' }
      : { name: user, origin: 'config' };
  if (isDigits(group)) spec.gid = Number(group);
  return spec;
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return text.length > 0 && text.length < 11;
}
