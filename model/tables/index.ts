export * from './table-schema';
export * from './syslog';
export * from './common-security-log';
export * from './watchlist';
export * from './custom-table';
export * from './builtin-tables';
