/** Two numbers per pair of diagram nodes and an operation, in an open-addressing hash table of
 * typed arrays: a combined-metrics sweep on 500 services looks up about 10,000 pairs a what-if,
 * and a `Map` keyed by a double (the pair packed in 52 bits) hashed each one as a heap number. */
export class PairMemo {
  /** A slot holds a pair of the current generation only; `clear` starts the next one. */
  private stamps: Uint32Array;
  private generation = 1;
  private first: Int32Array;
  private second: Int32Array;
  private costs: Float64Array;
  private probabilities: Float64Array;
  private used = 0;
  /** The values found by the last successful `find`. */
  cost = 0;
  probability = 0;

  /** `slots`: the table's first size, a power of two (it doubles when half full). */
  constructor(private readonly slots = 1024) {
    this.stamps = new Uint32Array(slots);
    this.first = new Int32Array(slots);
    this.second = new Int32Array(slots);
    this.costs = new Float64Array(slots);
    this.probabilities = new Float64Array(slots);
  }

  /** Forgets every pair, and frees the memory grown for them. */
  forget(): void {
    this.stamps = new Uint32Array(this.slots);
    this.first = new Int32Array(this.slots);
    this.second = new Int32Array(this.slots);
    this.costs = new Float64Array(this.slots);
    this.probabilities = new Float64Array(this.slots);
    this.generation = 1;
    this.used = 0;
  }

  /** How many pairs it holds. */
  get size(): number {
    return this.used;
  }

  /** Forgets every pair, keeping the memory for the next ones. */
  clear(): void {
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 0;
    }
    this.generation++;
    this.used = 0;
  }

  /** Whether the pair (`a`, `b`) of operation `op` (0 or 1) is known; if so, sets `cost` and
   * `probability`. */
  find(a: number, b: number, op: number): boolean {
    const mask = this.first.length - 1;
    const key = a * 2 + op;
    for (let at = slotOf(key, b) & mask; this.stamps[at] === this.generation; at = (at + 1) & mask) {
      if (this.first[at] === key && this.second[at] === b) {
        this.cost = this.costs[at]!;
        this.probability = this.probabilities[at]!;
        return true;
      }
    }
    return false;
  }

  store(a: number, b: number, op: number, cost: number, probability: number): void {
    if (2 * (this.used + 1) > this.first.length) this.grow();
    this.put(a * 2 + op, b, cost, probability);
    this.used++;
  }

  private put(key: number, b: number, cost: number, probability: number): void {
    const mask = this.first.length - 1;
    let at = slotOf(key, b) & mask;
    while (this.stamps[at] === this.generation) at = (at + 1) & mask;
    this.stamps[at] = this.generation;
    this.first[at] = key;
    this.second[at] = b;
    this.costs[at] = cost;
    this.probabilities[at] = probability;
  }

  private grow(): void {
    const { stamps, generation, first, second, costs, probabilities } = this;
    const size = first.length * 2;
    this.stamps = new Uint32Array(size);
    this.generation = 1;
    this.first = new Int32Array(size);
    this.second = new Int32Array(size);
    this.costs = new Float64Array(size);
    this.probabilities = new Float64Array(size);
    for (let at = 0; at < first.length; at++)
      if (stamps[at] === generation) this.put(first[at]!, second[at]!, costs[at]!, probabilities[at]!);
  }
}

function slotOf(key: number, b: number): number {
  const h = Math.imul(key, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b);
  return h ^ (h >>> 16);
}
