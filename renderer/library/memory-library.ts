import type { ModelLibrary, ModelSummary, RevisionSummary, StoredModel } from './model-library';

/** A model library in memory: for tests, and a fallback when IndexedDB is unavailable. */
export class MemoryLibrary implements ModelLibrary {
  private models = new Map<string, StoredModel & { updatedAt: string }>();
  private history: (RevisionSummary & { modelId: string; stored: StoredModel })[] = [];
  private tick = 0;

  private stamp(): string {
    return new Date(Date.UTC(2026, 0, 1, 0, 0, this.tick++)).toISOString();
  }

  async list(): Promise<ModelSummary[]> {
    return [...this.models.values()]
      .map((m) => ({ id: m.model.id, name: m.model.name, updatedAt: m.updatedAt }))
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
  }
  async create(stored: StoredModel, reason = 'create'): Promise<void> {
    this.models.set(stored.model.id, { ...stored, updatedAt: this.stamp() });
    await this.snapshot(stored, reason);
  }
  async open(id: string): Promise<StoredModel | undefined> {
    const found = this.models.get(id);
    return found ? { model: found.model, layout: found.layout } : undefined;
  }
  async save(stored: StoredModel): Promise<void> {
    this.models.set(stored.model.id, { ...stored, updatedAt: this.stamp() });
  }
  async snapshot(stored: StoredModel, reason: string): Promise<void> {
    this.history.push({
      id: String(this.history.length + 1),
      at: this.stamp(),
      reason,
      modelId: stored.model.id,
      stored,
    });
  }
  async rename(id: string, name: string): Promise<void> {
    const found = this.models.get(id);
    if (found) this.models.set(id, { ...found, model: { ...found.model, name }, updatedAt: this.stamp() });
  }
  async duplicate(id: string, name: string): Promise<string | undefined> {
    const found = this.models.get(id);
    if (!found) return undefined;
    const copyId = `${id}-copy-${this.tick}`;
    await this.create({ model: { ...found.model, id: copyId, name }, layout: found.layout }, 'duplicate');
    return copyId;
  }
  async delete(id: string): Promise<void> {
    this.models.delete(id);
    this.history = this.history.filter((r) => r.modelId !== id);
  }
  async revisions(id: string): Promise<RevisionSummary[]> {
    return this.history
      .filter((r) => r.modelId === id)
      .reverse()
      .map(({ id: revisionId, at, reason }) => ({ id: revisionId, at, ...(reason ? { reason } : {}) }));
  }
  async restore(id: string, revision: string): Promise<StoredModel | undefined> {
    const found = this.history.find((r) => r.id === revision && r.modelId === id);
    if (!found) return undefined;
    const current = this.models.get(id);
    if (current) await this.snapshot({ model: current.model, layout: current.layout }, 'before-restore');
    await this.save(found.stored);
    return found.stored;
  }
}
