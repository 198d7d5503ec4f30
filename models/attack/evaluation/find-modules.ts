/** Modules of a DAG after Dutuit & Rauzy, "A linear-time algorithm to find modules of fault
 * trees", IEEE Trans. Reliability 45(3), 1996. A module is a node whose descendants are reached
 * from the rest of the graph only through it: its basic events are shared with nothing outside.
 * A module can be evaluated on its own and then stand for one independent event in everything
 * above it — the "modular decomposition" that lets tree-shaped parts of a DAG be evaluated bottom-up
 * exactly (Budde & Stoelinga 2021; arXiv 2401.12346) while only the shared parts need BDDs or
 * cut-set enumeration.
 *
 * One depth-first traversal stamps each node with the date of its first visit, of its last visit
 * (every time an edge reaches it again) and of the end of its exploration. Node v is a module iff
 * every descendant is first visited after v was entered and last visited before v was left. */
export function findModules(
  successors: readonly (readonly number[])[],
  roots: readonly number[],
): Uint8Array {
  const n = successors.length;
  const first = new Int32Array(n).fill(-1);
  const last = new Int32Array(n);
  const exit = new Int32Array(n);
  const finishOrder: number[] = [];
  let clock = 0;

  const starts = [...roots];
  for (let v = 0; v < n; v++) starts.push(v);
  for (const start of starts) {
    if (first[start] !== -1) continue;
    first[start] = last[start] = ++clock;
    const stack: { node: number; next: number }[] = [{ node: start, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const out = successors[frame.node]!;
      if (frame.next < out.length) {
        const child = out[frame.next++]!;
        clock++;
        if (first[child] === -1) {
          first[child] = last[child] = clock;
          stack.push({ node: child, next: 0 });
        } else last[child] = clock;
        continue;
      }
      exit[frame.node] = ++clock;
      finishOrder.push(frame.node);
      stack.pop();
    }
  }

  // Earliest first visit and latest visit over all descendants, children before parents. On a
  // cycle the finish order is not a topological order and the answer means nothing: callers treat
  // nodes on or above a cycle as non-modules.
  const low = new Float64Array(n).fill(Infinity);
  const high = new Float64Array(n).fill(-Infinity);
  const isModule = new Uint8Array(n);
  for (const v of finishOrder) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const c of successors[v]!) {
      lo = Math.min(lo, first[c]!, low[c]!);
      hi = Math.max(hi, last[c]!, high[c]!);
    }
    low[v] = lo;
    high[v] = hi;
    isModule[v] = lo > first[v]! && hi < exit[v]! ? 1 : 0;
  }
  return isModule;
}
