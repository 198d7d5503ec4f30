import { deriveModel, type DerivedModel } from '../../models/model/derive-model';
import type { ThreatModel } from '../../models/model/threat-model';

/** The parts of a model its derivation depends on: an edit elsewhere (positions, the document
 * fields, decisions, notes, the name) keeps the derivation. The editor replaces, never mutates. */
function partsOf(model: ThreatModel): readonly unknown[] {
  return [
    model.sources,
    model.mitigationStates,
    model.assumptions,
    model.treeNodes,
    model.flows,
    model.elements,
  ];
}

/**
 * Deriving a model (analysis, attack trees, evaluation) takes seconds on a real system, so the
 * last derivation is kept with a key that changes only when one of the parts it depends on is
 * replaced. The key lets a worker keep its own copy: it derives again only for a new key.
 */
export class DerivationKeys {
  private parts: readonly unknown[] | undefined;
  private key = 0;

  keyOf(model: ThreatModel): number {
    const parts = partsOf(model);
    if (!this.parts || parts.length !== this.parts.length || parts.some((p, i) => p !== this.parts![i])) {
      this.parts = parts;
      this.key++;
    }
    return this.key;
  }
}

/** One derivation, kept for the last key it was asked for. */
export class DerivationCache {
  private entry: { key: number; derived: DerivedModel } | undefined;

  constructor(private readonly derive: (model: ThreatModel) => DerivedModel = deriveModel) {}

  has(key: number): boolean {
    return this.entry?.key === key;
  }

  get(key: number, model: ThreatModel): DerivedModel {
    if (this.entry?.key === key) return this.entry.derived;
    const derived = this.derive(model);
    this.entry = { key, derived };
    return derived;
  }
}
