export * from './azurerm-provider';
export * from './sentinel-workspace';
export * from './data-collection-endpoint';
export * from './custom-table';
export * from './data-collection-rule';
export * from './data-collection-rule-association';
export { ConfigurationError } from './private/validation';
