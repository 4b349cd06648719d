/**
 * sentinel-cdk: Microsoft Sentinel ingestion as code on CDK for Terraform.
 *
 * `model` is the pure domain (table schemas, streams, syslog facilities and levels, KQL checking);
 * the constructs turn intent into azurerm resources; `synthesizeConfigFile` turns a YAML topology config into stacks.
 */
export * from './constructs';
export * from './constructs/solutions';
export * as model from './model';
export * from './emulator';
export { ConfigError, ConfigProblem, ConfigSynthesis, synthesizeConfigFile, SynthesizeConfigOptions } from './stacks/config';
