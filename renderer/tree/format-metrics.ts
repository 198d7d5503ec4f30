import type { NodeMetrics } from '../../models/attack/evaluation';

/** A metric as the explorer shows it: ∞ for an impossible attack, two significant decimals. */
export function formatMetric(metric: keyof NodeMetrics, value: number): string {
  if (!Number.isFinite(value)) return '∞';
  if (metric === 'probability') return `${Math.round(value * 1000) / 10} %`;
  return String(Math.round(value * 100) / 100);
}

export const METRIC_KEYS: readonly (keyof NodeMetrics)[] = ['minCost', 'minTime', 'minSkill', 'probability'];
