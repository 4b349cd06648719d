export * from './analyze';
export * from './check-transformation';
export * from './transformation-subset';
export * from './transformation-functions';
export * from './values';
export * from './evaluate';
export * from './referenced-names';
