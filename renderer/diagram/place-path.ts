type Role = 'x' | 'y' | 'rx' | 'ry' | 'keep';

/** What each number of a path command is, in the order they come (SVG 1.1 §8.3); a command
 * followed by more numbers repeats. */
const ROLES: Record<string, Role[]> = {
  M: ['x', 'y'],
  L: ['x', 'y'],
  T: ['x', 'y'],
  H: ['x'],
  V: ['y'],
  C: ['x', 'y', 'x', 'y', 'x', 'y'],
  S: ['x', 'y', 'x', 'y'],
  Q: ['x', 'y', 'x', 'y'],
  A: ['rx', 'ry', 'keep', 'keep', 'keep', 'x', 'y'],
  Z: [],
};

const TOKEN = /[MLTHVCSQAZ]|[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi;

const round = (value: number) => String(Math.round(value * 100) / 100);

/**
 * SVG path data scaled by (sx, sy) and then moved by (x, y), as a `translate(x, y) scale(sx, sy)`
 * transform would draw it. The diagram places each element's shape this way rather than with a
 * transform: in Chromium every transformed group is a paint property node that starts a paint
 * chunk of its own, and a frame that changes the diagram goes through every chunk again when
 * handing it to the compositor (with 500 elements, 2 ms of each edit's frame). Relative
 * coordinates are only scaled. Arcs are assumed unrotated, or the scale uniform.
 */
export function placePath(d: string, x: number, y: number, sx = 1, sy = 1): string {
  let out = '';
  let command = '';
  let commands = 0;
  let count = 0;
  for (const token of d.match(TOKEN) ?? []) {
    const upper = token.toUpperCase();
    if (upper in ROLES) {
      command = token;
      commands++;
      count = 0;
      out += token;
      continue;
    }
    const roles = ROLES[command.toUpperCase()] ?? [];
    if (roles.length === 0) continue;
    const role = roles[count % roles.length]!;
    // A relative moveto that starts the path is absolute; its further pairs are not (§8.3.2).
    const relative = command !== command.toUpperCase() && !(commands === 1 && command === 'm' && count < 2);
    out += (count++ === 0 ? '' : ' ') + round(place(role, Number(token), relative, x, y, sx, sy));
  }
  return out;
}

function place(
  role: Role,
  value: number,
  relative: boolean,
  x: number,
  y: number,
  sx: number,
  sy: number,
): number {
  switch (role) {
    case 'x':
      return value * sx + (relative ? 0 : x);
    case 'y':
      return value * sy + (relative ? 0 : y);
    case 'rx':
      return value * Math.abs(sx);
    case 'ry':
      return value * Math.abs(sy);
    case 'keep':
      return value;
  }
}
