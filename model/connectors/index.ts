export * from './connector-catalog-entry';
export * from './connector-catalog-schema';
export * from './check-connector-catalog-entry';
export * from './builtin-connectors';
export * from './connector-metadata';
