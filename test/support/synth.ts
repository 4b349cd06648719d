import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Testing, TerraformStack } from 'cdktf';
import { ConnectorMetadata } from '../../constructs/connectors/sentinel-connector';
import { ForwarderMetadata } from '../../constructs/forwarder/ama-forwarder';
import { addAzurermProvider } from '../../constructs/azurerm-provider';
import { SentinelWorkspace, SentinelWorkspaceProps } from '../../constructs/sentinel-workspace';

/** The synthesized Terraform JSON of a stack. */
export interface SynthesizedStack {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: string; description?: string }>;
  terraform: { required_providers: Record<string, { source: string; version: string }> };
}

/** A stack with the azurerm provider, ready for constructs. */
export function newStack(id = 'test'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
  addAzurermProvider(stack);
  return stack;
}

/** A stack holding a default Sentinel workspace. */
export function newWorkspaceStack(props: Partial<SentinelWorkspaceProps> = {}): { stack: TerraformStack; workspace: SentinelWorkspace } {
  const stack = newStack();
  const workspace = new SentinelWorkspace(stack, 'Sentinel', {
    workspaceName: 'contoso-sentinel', resourceGroupName: 'rg-sentinel', location: 'westeurope', ...props,
  });
  return { stack, workspace };
}

/** Synthesizes with validations, as `cdktf synth` does, and parses the result. */
export function synth(stack: TerraformStack): SynthesizedStack {
  return JSON.parse(Testing.synth(stack, true)) as SynthesizedStack;
}

/** The bodies of every resource of a Terraform type. */
export function resourcesOf(synthesized: SynthesizedStack, type: string): Array<Record<string, unknown>> {
  return Object.values(synthesized.resource[type] ?? {});
}

/** The one resource of a type; fails when there are none or several. */
export function onlyResource(synthesized: SynthesizedStack, type: string): Record<string, unknown> {
  const resources = resourcesOf(synthesized, type);
  if (resources.length !== 1) {
    throw new Error(`expected one ${type}, found ${resources.length}`);
  }
  return resources[0];
}

/** The error message of synthesizing with validations; fails when synth succeeds. */
export function synthError(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('synth succeeded, but a validation error was expected');
}

/** Warnings that cdktf recorded as metadata on constructs, as `[path] message`. */
export function warningsOf(stack: TerraformStack): string[] {
  return stack.node.findAll().flatMap((construct) => construct.node.metadata
    .filter((entry) => entry.type === '@cdktf/warn')
    .map((entry) => `[${construct.node.path}] ${String(entry.data)}`));
}

/** Synthesizes to disk as `cdktf synth` does and returns the stack's JSON with its `//` metadata kept. */
export function synthWithMetadata(stack: TerraformStack): SynthesizedStack & {
  '//'?: { sentinel?: { connectors?: ConnectorMetadata[]; forwarders?: ForwarderMetadata[] } };
} {
  const outdir = Testing.fullSynth(stack);
  return JSON.parse(readFileSync(path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'));
}
