/** One value per node of an evaluation state (node results, attack lists), indexed by node number.
 *
 * A what-if evaluates a few nodes again and reads every other one from its baseline. Copying the
 * baseline's arrays for that cost about 0.3 ms each on a 500-service system (21,000 nodes), a
 * noticeable part of a toggle that must fit in a frame, so a what-if's values are a layer over its
 * baseline's: the nodes it sets live in the layer, every other read falls through. A value set
 * later in a lower layer (an attack list made on demand) shows through as well, which is right
 * because the layer only overrides nodes whose value differs. Layers made on layers (a what-if as
 * the baseline of the next) are flattened into one array every few levels, so a read stays a
 * lookup or two. */
export class NodeValues<T> {
  /** Upper layer: per node, one more than the place of its value in `own` (0 = not set here). A
   * typed array rather than a map because attack listing reads node results in its inner loops. */
  private readonly slots: Int32Array | undefined;
  private readonly own: (T | undefined)[] = [];

  private constructor(
    private readonly below: NodeValues<T> | undefined,
    /** Bottom layer: every node's value. */
    private readonly all: (T | undefined)[] | undefined,
    private readonly depth: number,
  ) {
    this.slots = below ? new Int32Array(below.size) : undefined;
  }

  /** Number of nodes. */
  get size(): number {
    return this.all ? this.all.length : this.slots!.length;
  }

  /** Values for `size` nodes, none set. */
  static empty<T>(size: number): NodeValues<T> {
    return new NodeValues<T>(undefined, new Array<T | undefined>(size), 0);
  }

  /** Values for the given nodes, in order. */
  static from<T>(values: (T | undefined)[]): NodeValues<T> {
    return new NodeValues<T>(undefined, values, 0);
  }

  get(i: number): T | undefined {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walks down the layers
    let layer: NodeValues<T> = this;
    for (;;) {
      if (layer.all) return layer.all[i];
      const slot = layer.slots![i]!;
      if (slot > 0) return layer.own[slot - 1];
      layer = layer.below!;
    }
  }

  set(i: number, value: T | undefined): void {
    if (this.all) {
      this.all[i] = value;
      return;
    }
    const slot = this.slots![i]!;
    if (slot > 0) this.own[slot - 1] = value;
    else this.slots![i] = this.own.push(value);
  }

  /** A layer over these values: setting a node in it leaves these as they are. */
  layered(): NodeValues<T> {
    if (this.depth >= MAX_DEPTH) return NodeValues.from(this.toArray()).layered();
    return new NodeValues<T>(this, undefined, this.depth + 1);
  }

  /** Every node's value, `f` applied, in one plain array. */
  map<U>(f: (value: T | undefined) => U | undefined): NodeValues<U> {
    return NodeValues.from(this.toArray().map(f));
  }

  /** Every node's value, in a new plain array. */
  toArray(): (T | undefined)[] {
    if (this.all) return this.all.slice();
    const values = this.below!.toArray();
    this.slots!.forEach((slot, i) => {
      if (slot > 0) values[i] = this.own[slot - 1];
    });
    return values;
  }
}

/** Layers on layers at most; a deeper one is made over a flat copy. */
const MAX_DEPTH = 4;
