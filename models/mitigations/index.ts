export * from './catalogue';
export * from './derive-states';
export * from './format-requirement';
export * from './mitigation';
export * from './mitigation-ids';
