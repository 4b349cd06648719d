export * from './compile-transformation';
export * from './run-query';
export * from './errors';
