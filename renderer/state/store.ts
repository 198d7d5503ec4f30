/**
 * A minimal observable value that follows Svelte's store contract (`subscribe` calls the listener
 * at once and returns an unsubscribe function), so components read it with `$store` while plain
 * TypeScript modules and unit tests drive it without a framework. Values are replaced, never
 * mutated: large graphs stay plain objects rather than deep proxies.
 */
export class Store<T> {
  private listeners = new Set<(value: T) => void>();

  constructor(private current: T) {}

  get value(): T {
    return this.current;
  }

  set(value: T): void {
    if (Object.is(value, this.current)) return;
    this.current = value;
    for (const listener of [...this.listeners]) listener(value);
  }

  update(change: (value: T) => T): void {
    this.set(change(this.current));
  }

  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
