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
  private constructor(
    private readonly below: NodeValues<T> | undefined,
    /** Bottom layer: every node's value. */
    private readonly all: (T | undefined)[] | undefined,
    /** Upper layer: the nodes set in it. */
    private readonly own: Map<number, T | undefined> | undefined,
    private readonly depth: number,
  ) {}

  /** Values for `size` nodes, none set. */
  static empty<T>(size: number): NodeValues<T> {
    return new NodeValues<T>(undefined, new Array<T | undefined>(size), undefined, 0);
  }

  /** Values for the given nodes, in order. */
  static from<T>(values: (T | undefined)[]): NodeValues<T> {
    return new NodeValues<T>(undefined, values, undefined, 0);
  }

  get(i: number): T | undefined {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walks down the layers
    let layer: NodeValues<T> = this;
    for (;;) {
      if (layer.all) return layer.all[i];
      if (layer.own!.has(i)) return layer.own!.get(i);
      layer = layer.below!;
    }
  }

  set(i: number, value: T | undefined): void {
    if (this.all) this.all[i] = value;
    else this.own!.set(i, value);
  }

  /** A layer over these values: setting a node in it leaves these as they are. */
  layered(): NodeValues<T> {
    if (this.depth >= MAX_DEPTH) return NodeValues.from(this.toArray()).layered();
    return new NodeValues<T>(this, undefined, new Map(), this.depth + 1);
  }

  /** Every node's value, `f` applied, in one plain array. */
  map<U>(f: (value: T | undefined) => U | undefined): NodeValues<U> {
    return NodeValues.from(this.toArray().map(f));
  }

  /** Every node's value, in a new plain array. */
  toArray(): (T | undefined)[] {
    if (this.all) return this.all.slice();
    const values = this.below!.toArray();
    for (const [i, value] of this.own!) values[i] = value;
    return values;
  }
}

/** Layers on layers at most; a deeper one is made over a flat copy. */
const MAX_DEPTH = 4;
