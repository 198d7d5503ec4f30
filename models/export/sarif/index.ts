export * from './analysis-sarif';
export * from './artifact-location';
export * from './condition-rules';
export * from './severity-levels';
export * from './stable-hash';
