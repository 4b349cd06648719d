export * from './tables';
export * from './syslog';
export * from './kql';
export * from './streams';
export * from './retention';
export * from './azure-resource-id';
export * from './connectors';
export * from './legacy-data-collector';
