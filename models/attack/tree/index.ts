export * from './attack-tree';
export * from './tree-builder';
export * from './tree-graph';
export * from './validate-tree';
export * from './is-tree-shaped';
export * from './carry-over-user-nodes';
