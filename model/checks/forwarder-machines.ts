import { PolicyForwarder, PolicyInput, PolicyResource } from './policy-input';
import { ruleAssociations, syslogDataSources } from './data-collection-rules';
import { blockList, literalString, referencedAddress } from './terraform-values';

/** A forwarder and the network around it, as far as this stack declares it. */
export interface ForwarderNetwork {
  readonly forwarder: PolicyForwarder;
  /** Network security groups that guard it: on its network interfaces and on their subnets. */
  readonly networkSecurityGroupAddresses: readonly string[];
  /** Where a public IP is attached: `<network interface address> ip_configuration "internal"`. */
  readonly publicIpAttachments: readonly string[];
}

const VIRTUAL_MACHINE_TYPES = new Set(['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine', 'azurerm_virtual_machine']);
const SCALE_SET_TYPES = new Set([
  'azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set', 'azurerm_orchestrated_virtual_machine_scale_set',
]);

/**
 * The forwarders of the stack: those declared as such, and every VM or scale set of the stack that a rule with a
 * syslog data source is associated with (a forwarder built by hand).
 */
export function forwarderMachines(input: PolicyInput): PolicyForwarder[] {
  const byAddress = new Map(input.forwarders.map((forwarder) => [forwarder.resourceAddress, forwarder]));
  const resources = new Map(input.resources.map((resource) => [resource.resourceAddress, resource]));
  for (const { dataCollectionRule, targetResourceId } of ruleAssociations(input)) {
    const machine = resources.get(referencedAddress(targetResourceId) ?? '');
    const collectsSyslog = syslogDataSources(dataCollectionRule).length > 0;
    if (machine !== undefined && isMachine(machine) && collectsSyslog && !byAddress.has(machine.resourceAddress)) {
      byAddress.set(machine.resourceAddress, { constructPath: machine.constructPath, resourceAddress: machine.resourceAddress });
    }
  }
  return [...byAddress.values()];
}

/** The network security groups and public IPs of a forwarder's network interfaces. */
export function forwarderNetwork(input: PolicyInput, forwarder: PolicyForwarder): ForwarderNetwork {
  const resources = new Map(input.resources.map((resource) => [resource.resourceAddress, resource]));
  const machine = resources.get(forwarder.resourceAddress);
  const interfaces = machine === undefined ? [] : networkInterfacesOf(machine, resources);
  const groups = new Set<string>();
  const publicIps: string[] = [];
  for (const networkInterface of interfaces) {
    networkInterface.networkSecurityGroups.forEach((group) => groups.add(group));
    if (networkInterface.address !== undefined) {
      interfaceGroups(input, networkInterface.address).forEach((group) => groups.add(group));
    }
    for (const configuration of networkInterface.ipConfigurations) {
      subnetGroups(input, configuration.subnet).forEach((group) => groups.add(group));
      if (configuration.publicIp) {
        publicIps.push(`${networkInterface.owner} ip_configuration "${configuration.name}"`);
      }
    }
  }
  return { forwarder, networkSecurityGroupAddresses: [...groups].sort(), publicIpAttachments: publicIps };
}

interface NetworkInterfaceView {
  /** Address of an `azurerm_network_interface`; undefined for a scale set's inline interface. */
  readonly address?: string;
  /** How the interface reads in a message. */
  readonly owner: string;
  readonly networkSecurityGroups: readonly string[];
  readonly ipConfigurations: ReadonlyArray<{ name: string; subnet?: string; publicIp: boolean }>;
}

function isMachine(resource: PolicyResource): boolean {
  return VIRTUAL_MACHINE_TYPES.has(resource.resourceType) || SCALE_SET_TYPES.has(resource.resourceType);
}

function networkInterfacesOf(machine: PolicyResource, resources: ReadonlyMap<string, PolicyResource>): NetworkInterfaceView[] {
  if (SCALE_SET_TYPES.has(machine.resourceType)) {
    return blockList(machine.attributes.network_interface).map((networkInterface) => ({
      owner: `${machine.resourceAddress} network_interface "${literalString(networkInterface.name) ?? '(unnamed)'}"`,
      networkSecurityGroups: optionalReference(networkInterface.network_security_group_id),
      ipConfigurations: blockList(networkInterface.ip_configuration).map((configuration) => ({
        name: literalString(configuration.name) ?? '(unnamed)',
        subnet: referencedAddress(configuration.subnet_id),
        publicIp: blockList(configuration.public_ip_address).length > 0,
      })),
    }));
  }
  const ids = Array.isArray(machine.attributes.network_interface_ids) ? machine.attributes.network_interface_ids : [];
  return ids.map(referencedAddress).flatMap((address) => {
    const networkInterface = address === undefined ? undefined : resources.get(address);
    return networkInterface === undefined ? [] : [{
      address: networkInterface.resourceAddress,
      owner: networkInterface.resourceAddress,
      networkSecurityGroups: [],
      ipConfigurations: blockList(networkInterface.attributes.ip_configuration).map((configuration) => ({
        name: literalString(configuration.name) ?? '(unnamed)',
        subnet: referencedAddress(configuration.subnet_id),
        publicIp: configuration.public_ip_address_id !== undefined && configuration.public_ip_address_id !== null,
      })),
    }];
  });
}

function optionalReference(value: unknown): string[] {
  const address = referencedAddress(value);
  return address === undefined ? [] : [address];
}

/** Groups associated with a network interface through `azurerm_network_interface_security_group_association`. */
function interfaceGroups(input: PolicyInput, interfaceAddress: string): string[] {
  return associatedGroups(input, 'azurerm_network_interface_security_group_association', 'network_interface_id', interfaceAddress);
}

/** Groups associated with a subnet through `azurerm_subnet_network_security_group_association`. */
function subnetGroups(input: PolicyInput, subnetAddress: string | undefined): string[] {
  return subnetAddress === undefined ? []
    : associatedGroups(input, 'azurerm_subnet_network_security_group_association', 'subnet_id', subnetAddress);
}

function associatedGroups(input: PolicyInput, associationType: string, attribute: string, address: string): string[] {
  return input.resources
    .filter((resource) => resource.resourceType === associationType && referencedAddress(resource.attributes[attribute]) === address)
    .flatMap((association) => optionalReference(association.attributes.network_security_group_id));
}
