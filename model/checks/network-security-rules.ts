import { admitsInternet } from '../network/address-prefixes';
import { portRangeIncludes } from '../network/inbound-decision';

export { portRangeIncludes } from '../network/inbound-decision';
import { PolicyInput, PolicyResource, resourcesOfType } from './policy-input';
import { blockList, literalString, literalStrings, referencedAddress } from './terraform-values';

/**
 * One security rule of a network security group, read from an `azurerm_network_security_group`'s `security_rule`
 * blocks or from a separate `azurerm_network_security_rule`. Only literal values are kept: a prefix or port that is a
 * Terraform expression is unknown here, and rules judge only what is known.
 */
export interface NetworkSecurityRule {
  /** The resource that declares the rule (the group, or the separate rule resource). */
  readonly declaredBy: PolicyResource;
  /** Terraform address of the group the rule belongs to, when known. */
  readonly networkSecurityGroupAddress?: string;
  readonly name: string;
  /** `Inbound` or `Outbound`, as written. */
  readonly direction?: string;
  /** `Allow` or `Deny`, as written. */
  readonly access?: string;
  /** `Tcp`, `Udp`, `Icmp`, `Esp`, `Ah` or `*`, as written. */
  readonly protocol?: string;
  /** Source prefixes: CIDRs, addresses, service tags (`Internet`) or `*`. */
  readonly sourceAddressPrefixes: readonly string[];
  /** Destination ports and ranges: `22`, `20-30` or `*`. */
  readonly destinationPortRanges: readonly string[];
}

/** Every security rule of the stack, from groups and separate rule resources. */
export function networkSecurityRules(input: PolicyInput): NetworkSecurityRule[] {
  const inline = resourcesOfType(input, 'azurerm_network_security_group').flatMap((group) =>
    blockList(group.attributes.security_rule).map((rule) => readRule(group, rule, group.resourceAddress)));
  const separate = resourcesOfType(input, 'azurerm_network_security_rule').map((rule) =>
    readRule(rule, rule.attributes, referencedAddress(rule.attributes.network_security_group_name)));
  return [...inline, ...separate];
}

function readRule(
  declaredBy: PolicyResource, rule: Readonly<Record<string, unknown>>, groupAddress: string | undefined,
): NetworkSecurityRule {
  return {
    declaredBy,
    networkSecurityGroupAddress: groupAddress,
    name: literalString(rule.name) ?? '(unnamed)',
    direction: literalString(rule.direction),
    access: literalString(rule.access),
    protocol: literalString(rule.protocol),
    sourceAddressPrefixes: [...literalStrings(rule.source_address_prefix), ...literalStrings(rule.source_address_prefixes)],
    destinationPortRanges: [...literalStrings(rule.destination_port_range), ...literalStrings(rule.destination_port_ranges)],
  };
}

/** True for a rule that admits inbound traffic (Azure compares these values case-insensitively). */
export function isInboundAllow(rule: NetworkSecurityRule): boolean {
  return rule.direction?.toLowerCase() === 'inbound' && rule.access?.toLowerCase() === 'allow';
}

/** True when the rule's protocol carries `protocol` traffic (`*` carries every protocol). */
export function carriesProtocol(rule: NetworkSecurityRule, protocol: 'Tcp' | 'Udp'): boolean {
  return rule.protocol === '*' || rule.protocol?.toLowerCase() === protocol.toLowerCase();
}

/** True when one of the rule's destination ports or ranges (`*`, `22`, `20-30`) includes `port`. */
export function admitsPort(rule: NetworkSecurityRule, port: number): boolean {
  return rule.destinationPortRanges.some((range) => portRangeIncludes(range, port));
}


/** The source prefixes of a rule that admit the whole internet (`*`, `Internet`, `0.0.0.0/0`, `::/0`, `Any`). */
export function internetSources(rule: NetworkSecurityRule): string[] {
  return rule.sourceAddressPrefixes.filter(admitsInternet);
}

/** How a rule reads in a message: `security rule "AllowSsh" of azurerm_network_security_group.Main`. */
export function describeRule(rule: NetworkSecurityRule): string {
  const owner = rule.declaredBy.resourceType === 'azurerm_network_security_rule'
    ? rule.declaredBy.resourceAddress : rule.networkSecurityGroupAddress ?? rule.declaredBy.resourceAddress;
  return `security rule "${rule.name}" of ${owner}`;
}

/** The ports of a rule as a reader sees them: `TCP 22`, `UDP 514`, `any protocol 20-30, 443`. */
export function describePorts(rule: NetworkSecurityRule): string {
  const protocol = rule.protocol === undefined || rule.protocol === '*' ? 'any protocol' : rule.protocol.toUpperCase();
  const ports = rule.destinationPortRanges.length === 0 ? 'some ports' : rule.destinationPortRanges.join(', ');
  return `${protocol} ${ports === '*' ? 'every port' : ports}`;
}
