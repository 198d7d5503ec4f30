import type { ModelLayout, ThreatModel } from '../../models/model/threat-model';

/** A model as the library lists it. */
export interface ModelSummary {
  id: string;
  name: string;
  /** ISO 8601 time of the last save. */
  updatedAt: string;
}

export interface RevisionSummary {
  id: string;
  /** ISO 8601. */
  at: string;
  /** What the revision was made for (`import`, `restore`…), when known. */
  reason?: string;
}

export interface StoredModel {
  model: ThreatModel;
  layout: ModelLayout;
}

/** What the workspace needs from the model library (IndexedDB in both hosts). */
export interface ModelLibrary {
  list(): Promise<ModelSummary[]>;
  /** Stores a new model (a new id) with its first revision. */
  create(stored: StoredModel, reason?: string): Promise<void>;
  open(id: string): Promise<StoredModel | undefined>;
  /** Saves the current state of a model; the library decides when it becomes a revision. */
  save(stored: StoredModel): Promise<void>;
  /** Records the current state as a revision, e.g. before an import replaces much of it. */
  snapshot(stored: StoredModel, reason: string): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  duplicate(id: string, name: string): Promise<string | undefined>;
  delete(id: string): Promise<void>;
  revisions(id: string): Promise<RevisionSummary[]>;
  restore(id: string, revision: string): Promise<StoredModel | undefined>;
}
