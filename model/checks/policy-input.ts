import { ConnectorMetadata } from '../connectors/connector-metadata';

/**
 * One Terraform resource as the stack synthesizes it: its attributes in Terraform's own (snake_case) names, with
 * every token resolved. A reference to another resource stays a Terraform expression (`${azurerm_subnet.Main.id}`);
 * rules read it as "set, value unknown" and never fail on it.
 */
export interface PolicyResource {
  /** Terraform type, e.g. `azurerm_network_security_group`. */
  readonly resourceType: string;
  /** Terraform address, `<type>.<name>`. */
  readonly resourceAddress: string;
  /** Construct path of the resource, e.g. `sentinel-example/Forwarder/NetworkSecurityGroup`. */
  readonly constructPath: string;
  /** The synthesized attributes (`security_rule`, `retention_in_days`, ...). */
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** A log forwarder the app declares: a VM or scale set that receives syslog and CEF. */
export interface PolicyForwarder {
  /** Construct path of the forwarder construct. */
  readonly constructPath: string;
  /** Terraform address of its VM or scale set. */
  readonly resourceAddress: string;
}

/** Everything the policy rules read: plain data, no constructs. */
export interface PolicyInput {
  /** Every resource of the stack. */
  readonly resources: readonly PolicyResource[];
  /** Every connector, as recorded under `//.sentinel.connectors`. */
  readonly connectors: readonly ConnectorMetadata[];
  /**
   * Forwarders declared as such. Machines that a rule with a syslog data source is associated with count as
   * forwarders too, without being listed here.
   */
  readonly forwarders: readonly PolicyForwarder[];
}

/** What a rule found wrong at one place; the policy pack turns it into a {@link PolicyFinding}. */
export interface PolicyViolation {
  /** Construct path of what is wrong. */
  readonly constructPath: string;
  /** Terraform address of the resource, when the violation is about one. */
  readonly resourceAddress?: string;
  /** What is wrong, naming the attribute, the value found and what is expected. */
  readonly message: string;
}

/** A policy rule: a pure function of the stack's plain data. */
export type PolicyCheck = (input: PolicyInput) => PolicyViolation[];

/** The resources of one Terraform type. */
export function resourcesOfType(input: PolicyInput, resourceType: string): PolicyResource[] {
  return input.resources.filter((resource) => resource.resourceType === resourceType);
}

/** A violation about a resource, at its construct path and address. */
export function violationAt(resource: PolicyResource, message: string): PolicyViolation {
  return { constructPath: resource.constructPath, resourceAddress: resource.resourceAddress, message };
}
