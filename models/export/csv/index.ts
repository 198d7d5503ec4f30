export * from './csv-cell';
export * from './findings-csv';
