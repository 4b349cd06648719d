export * from './sizing';
export * from './supported-images';
export * from './source-addresses';
