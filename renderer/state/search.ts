import type { ThreatModel } from '../../models/model/threat-model';

/** Ids of elements whose name, technology or id contains the text (case-insensitive), by name. */
export function searchElements(model: ThreatModel, text: string): string[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  return model.elements
    .filter((e) => [e.name, e.technology ?? '', e.id].some((field) => field.toLowerCase().includes(needle)))
    .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1))
    .map((e) => e.id);
}
