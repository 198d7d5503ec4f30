export * from './assumptions';
export * from './catalogue';
export * from './evaluate-precondition';
export * from './finding-filter';
export * from './mitigation-effect';
export * from './precondition-context';
export * from './rule';
