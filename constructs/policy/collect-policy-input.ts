import { DefaultTokenResolver, StringConcat, TerraformResource, TerraformStack, Tokenization } from 'cdktf';
import { PolicyInput, PolicyResource } from '../../model/checks/policy-input';
import { SentinelConnector, terraformAddress } from '../connectors/sentinel-connector';
import { AmaForwarder } from '../forwarder/ama-forwarder';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/**
 * The plain data the policy rules read from a stack: every resource with its attributes resolved as the stack
 * synthesizes them (references stay `${...}` expressions), the connectors' metadata and the forwarders.
 */
export function collectPolicyInput(stack: TerraformStack): PolicyInput {
  const constructs = stack.node.findAll();
  return {
    resources: constructs.filter((construct): construct is TerraformResource => construct instanceof TerraformResource)
      .flatMap((resource) => policyResourceOf(stack, resource)),
    connectors: constructs.filter((construct): construct is SentinelConnector => construct instanceof SentinelConnector)
      .map((connector) => connector.connectorMetadata()),
    forwarders: constructs.filter((construct): construct is AmaForwarder => construct instanceof AmaForwarder)
      .map((forwarder) => ({ constructPath: forwarder.node.path, resourceAddress: forwarder.resourceAddress })),
  };
}

/** A resource as plain data; none when it does not synthesize a resource block (a moved resource). */
function policyResourceOf(stack: TerraformStack, resource: TerraformResource): PolicyResource[] {
  const synthesized = Tokenization.resolve(resource.toTerraform(), { scope: stack, resolver: RESOLVER, preparing: false }) as {
    resource?: Record<string, Record<string, Record<string, unknown>>>;
  };
  const attributes = synthesized.resource?.[resource.terraformResourceType]?.[resource.friendlyUniqueId];
  if (attributes === undefined) {
    return [];
  }
  const { '//': _metadata, ...rest } = attributes;
  return [{
    resourceType: resource.terraformResourceType,
    resourceAddress: terraformAddress(resource),
    constructPath: resource.node.path,
    attributes: rest,
  }];
}
