/** One figure a benchmark reports. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The goal the figure is held against, in words (`≤ 3`, `< 100 ms`). */
  target?: string;
  note?: string;
}

/** Median wall time in ms of `runs` calls after `warmup` calls. */
export function medianMs(fn: () => unknown, runs = 7, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Median times of two functions measured alternately, so machine noise hits both alike. */
export function pairedMedians(a: () => unknown, b: () => unknown, runs = 9, warmup = 3): [number, number] {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    a();
    ta.push(performance.now() - start);
    start = performance.now();
    b();
    tb.push(performance.now() - start);
  }
  const median = (t: number[]) => t.sort((x, y) => x - y)[Math.floor(t.length / 2)]!;
  return [median(ta), median(tb)];
}

/** The evaluation with every goal's attack list read: evaluations list attacks on first read, and
 * a figure that stands for "evaluate and list" must include the listing. */
export function withAttackLists<T extends { goals: readonly { attacks: unknown }[] }>(evaluation: T): T {
  for (const goal of evaluation.goals) void goal.attacks;
  return evaluation;
}
