export * from './config-error';
export * from './synthesize-config';
export * from './resolve-config';
export * from './config-workspace-stack';
export { SENTINEL_CONFIG_SCHEMA } from './validate-config-schema';
