import { basename } from 'node:path';
import type { RecentDocument } from './menu';

/** Most-recently-used model files for the Open Recent menu (newest first, no duplicates). */
export class RecentDocuments {
  #paths: string[];

  constructor(
    initial: readonly string[] = [],
    private readonly limit = 10,
  ) {
    this.#paths = [...new Set(initial.filter((p) => typeof p === 'string'))].slice(0, limit);
  }

  add(path: string): void {
    this.#paths = [path, ...this.#paths.filter((p) => p !== path)].slice(0, this.limit);
  }

  clear(): void {
    this.#paths = [];
  }

  get paths(): readonly string[] {
    return this.#paths;
  }

  get documents(): RecentDocument[] {
    return this.#paths.map((path) => ({ name: basename(path), path }));
  }
}
