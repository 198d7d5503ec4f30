export * from './evaluation-types';
export { compactWhenNearlyFull, evaluateTree } from './evaluate-tree';
export * from './evaluate-bottom-up';
export * from './adtool-domains';
export * from './what-if';
export * from './what-if-changes';
export * from './evaluation-delta';
