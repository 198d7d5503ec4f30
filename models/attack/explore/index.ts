export * from './goal-view';
export * from './laid-out-goal';
export * from './node-appearance';
export * from './walkthrough';
export * from './what-if-summary';
export * from './walkthrough-summary';
export * from './node-shapes';
