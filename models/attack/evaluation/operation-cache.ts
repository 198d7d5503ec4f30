/** The computed table of a BDD operation (Brace, Rudell & Bryant 1990): results of `op(a, b)`
 * by operand pair, in a direct-mapped table of typed arrays. A colliding entry replaces the old
 * one, so the table is a memo only — a miss recomputes, and hash consing keeps the result the same
 * node. Unlike a growing Map it never rehashes (a what-if toggle stalled for 100 ms and more when
 * a Map of a million entries grew) and its lookups are array reads. */
export class OperationCache {
  private readonly first: Int32Array<ArrayBuffer>;
  private readonly second: Int32Array<ArrayBuffer>;
  private readonly results: Int32Array<ArrayBuffer>;

  /** `size` must be a power of two. */
  constructor(size: number) {
    this.first = new Int32Array(size);
    this.second = new Int32Array(size);
    this.results = new Int32Array(size);
  }

  /** The cached result of the pair, −1 when there is none. Operands are non-terminal node ids
   * (above 1), so the zero-filled empty slots never match. */
  get(a: number, b: number): number {
    const slot = this.slotOf(a, b);
    return this.first[slot] === a && this.second[slot] === b ? this.results[slot]! : -1;
  }

  set(a: number, b: number, result: number): void {
    const slot = this.slotOf(a, b);
    this.first[slot] = a;
    this.second[slot] = b;
    this.results[slot] = result;
  }

  /** A larger table with the entries of this one (as many as land in distinct slots). */
  resized(size: number): OperationCache {
    const larger = new OperationCache(size);
    for (let slot = 0; slot < this.results.length; slot++) {
      const a = this.first[slot]!;
      if (a !== 0) larger.set(a, this.second[slot]!, this.results[slot]!);
    }
    return larger;
  }

  private slotOf(a: number, b: number): number {
    const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b);
    return (h ^ (h >>> 16)) & (this.results.length - 1);
  }
}
