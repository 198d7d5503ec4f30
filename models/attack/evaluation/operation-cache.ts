/** The computed table of a BDD operation (Brace, Rudell & Bryant 1990): results of `op(a, b)`
 * by operand pair, in a direct-mapped table. A colliding entry replaces the old one, so the table
 * is a memo only — a miss recomputes, and hash consing keeps the result the same node. Unlike a
 * growing Map it never rehashes (a what-if toggle stalled for 100 ms and more when a Map of a
 * million entries grew) and its lookups are array reads.
 *
 * An entry's two operands and its result sit next to each other in one array (four slots, the
 * last unused, so an entry never straddles a cache line): on a table of millions of entries a
 * lookup misses the processor's cache, and this way it misses once instead of three times. */
export class OperationCache {
  private readonly entries: Int32Array<ArrayBuffer>;
  private readonly mask: number;

  /** `size` (entries) must be a power of two. */
  constructor(size: number) {
    this.entries = new Int32Array(size * ENTRY);
    this.mask = size - 1;
  }

  /** The cached result of the pair, −1 when there is none. Operands are non-terminal node ids
   * (above 1), so the zero-filled empty slots never match. */
  get(a: number, b: number): number {
    const at = this.slotOf(a, b) * ENTRY;
    const entries = this.entries;
    return entries[at] === a && entries[at + 1] === b ? entries[at + 2]! : -1;
  }

  set(a: number, b: number, result: number): void {
    const at = this.slotOf(a, b) * ENTRY;
    const entries = this.entries;
    entries[at] = a;
    entries[at + 1] = b;
    entries[at + 2] = result;
  }

  /** A larger table with the entries of this one (as many as land in distinct slots). */
  resized(size: number): OperationCache {
    const larger = new OperationCache(size);
    const entries = this.entries;
    for (let at = 0; at < entries.length; at += ENTRY) {
      const a = entries[at]!;
      if (a !== 0) larger.set(a, entries[at + 1]!, entries[at + 2]!);
    }
    return larger;
  }

  private slotOf(a: number, b: number): number {
    const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b);
    return (h ^ (h >>> 16)) & this.mask;
  }
}

/** Int32 slots per entry: first operand, second operand, result, padding. */
const ENTRY = 4;
