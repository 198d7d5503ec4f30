export * from './analysis-threat-dragon';
export * from './diagram-layout';
export * from './stride';
export * from './threat-status';
