import { parseAddressPrefix } from './address-prefixes';

/**
 * How a network security group decides on an inbound packet: its rules and Azure's default rules, in priority order
 * (lowest number first), the first rule that matches the packet's source, protocol and destination port decides
 * (Azure docs, "Network security groups: how network security groups filter network traffic").
 */

/** An inbound security rule, as `security_rule` blocks write it. */
export interface InboundSecurityRule {
  readonly name: string;
  readonly priority: number;
  /** `Allow` or `Deny`. */
  readonly access: string;
  /** `Tcp`, `Udp`, `*`, ... */
  readonly protocol: string;
  /** CIDRs, addresses, service tags or `*`. */
  readonly sourceAddressPrefixes: readonly string[];
  /** `22`, `20-30` or `*`. */
  readonly destinationPortRanges: readonly string[];
}

/** The address Azure's load balancer health probes come from (service tag `AzureLoadBalancer`). */
export const AZURE_LOAD_BALANCER_ADDRESS = '168.63.129.16';

/** The inbound rules every network security group has after its own (priorities 65000 to 65500). */
export const DEFAULT_INBOUND_SECURITY_RULES: readonly InboundSecurityRule[] = [
  { name: 'AllowVnetInBound', priority: 65000, access: 'Allow', protocol: '*', sourceAddressPrefixes: ['VirtualNetwork'], destinationPortRanges: ['*'] },
  { name: 'AllowAzureLoadBalancerInBound', priority: 65001, access: 'Allow', protocol: '*', sourceAddressPrefixes: ['AzureLoadBalancer'], destinationPortRanges: ['*'] },
  { name: 'DenyAllInBound', priority: 65500, access: 'Deny', protocol: '*', sourceAddressPrefixes: ['*'], destinationPortRanges: ['*'] },
];

/** A packet arriving at the group. */
export interface InboundPacket {
  /** The sender's address. */
  readonly sourceAddress: string;
  readonly protocol: 'Tcp' | 'Udp';
  readonly port: number;
}

/** The group's decision and the rule that made it. */
export interface InboundDecision {
  readonly allowed: boolean;
  readonly ruleName: string;
}

/**
 * What the group does with a packet. `virtualNetworkPrefixes` are the address spaces the `VirtualNetwork` tag stands
 * for (the group's network and its peerings); `Internet` stands for every other address but the load balancer's.
 */
export function inboundDecision(rules: readonly InboundSecurityRule[], packet: InboundPacket, virtualNetworkPrefixes: readonly string[]): InboundDecision {
  const ordered = [...rules, ...DEFAULT_INBOUND_SECURITY_RULES].sort((first, second) => first.priority - second.priority);
  const inNetwork = virtualNetworkPrefixes.some((prefix) => prefixContains(prefix, packet.sourceAddress));
  const matches = (rule: InboundSecurityRule) =>
    (rule.protocol === '*' || rule.protocol.toLowerCase() === packet.protocol.toLowerCase())
    && rule.destinationPortRanges.some((range) => portRangeIncludes(range, packet.port))
    && rule.sourceAddressPrefixes.some((prefix) => sourceMatches(prefix, packet.sourceAddress, inNetwork));
  const rule = ordered.find(matches) as InboundSecurityRule;
  return { allowed: rule.access.toLowerCase() === 'allow', ruleName: rule.name };
}

function sourceMatches(prefix: string, address: string, inNetwork: boolean): boolean {
  switch (prefix.trim().toLowerCase()) {
    case 'azureloadbalancer':
      return address === AZURE_LOAD_BALANCER_ADDRESS;
    case 'virtualnetwork':
      return inNetwork;
    case 'internet':
      return !inNetwork && address !== AZURE_LOAD_BALANCER_ADDRESS;
    default:
      return prefixContains(prefix, address);
  }
}

/** True when a CIDR, an address or `*` holds the address (service tags other than the three above hold none). */
function prefixContains(prefix: string, address: string): boolean {
  const range = parseAddressPrefix(prefix);
  const single = parseAddressPrefix(address);
  if (range.kind === 'everything') {
    return true;
  }
  return range.kind === 'range' && single.kind === 'range' && range.family === single.family
    && single.first >= range.first && single.last <= range.last;
}

/** True when a port or range as NSGs write it (`*`, `22`, `1-1024`) includes `port`. */
export function portRangeIncludes(range: string, port: number): boolean {
  const text = range.trim();
  if (text === '*') {
    return true;
  }
  const match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(text);
  return match !== null && port >= Number(match[1]) && port <= Number(match[2] ?? match[1]);
}
