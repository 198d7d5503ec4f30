import type { Severity } from '../../conditions/condition-ids';

/** SARIF `level` per Rampart severity: critical and high fail a build (`error`), medium warns,
 * low and info are notes. */
export const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * GitHub code scanning's `security-severity` (a CVSS-like score as a string; GitHub reads over 9.0
 * as critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low). Info has none on purpose: without it
 * code scanning files the rule as a plain note rather than as a security alert.
 */
export const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: undefined,
};
