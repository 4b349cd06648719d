import { checkForwarderOpenToInternet } from '../../../model/checks/forwarder-open-to-internet';
import { PolicyResource } from '../../../model/checks/policy-input';
import { policyInput, reference, resource, securityRule } from './policy-input-fixtures';

/** A forwarder VM with one NIC in a subnet, the NIC guarded by `group`. */
function forwarderResources(group: PolicyResource, nicConfiguration: Record<string, unknown> = {}): PolicyResource[] {
  const subnet = resource('azurerm_subnet', 'Subnet', { name: 'forwarders' });
  const networkInterface = resource('azurerm_network_interface', 'Nic', {
    ip_configuration: [{ name: 'internal', subnet_id: reference(subnet), private_ip_address_allocation: 'Dynamic', ...nicConfiguration }],
  });
  const machine = resource('azurerm_linux_virtual_machine', 'Forwarder', { network_interface_ids: [reference(networkInterface)] });
  const association = resource('azurerm_network_interface_security_group_association', 'NsgAssociation', {
    network_interface_id: reference(networkInterface), network_security_group_id: reference(group),
  });
  return [subnet, networkInterface, machine, association, group];
}

const DECLARED = [{ constructPath: 'test/Forwarder', resourceAddress: 'azurerm_linux_virtual_machine.Forwarder' }];

function group(rules: Array<Record<string, unknown>>): PolicyResource {
  return resource('azurerm_network_security_group', 'Nsg', { security_rule: rules });
}

describe('Sentinel-FWD1: forwarder reachable from the internet', () => {
  test('passes a forwarder whose NSG admits syslog from private prefixes and denies the rest to "*"', () => {
    const rules = [
      securityRule({ name: 'AllowSyslogUdp', protocol: 'Udp', destination_port_range: '514', source_address_prefix: null,
        source_address_prefixes: ['10.0.0.0/8', '192.168.0.0/16'] }),
      securityRule({ name: 'DenySyslogUdp', access: 'Deny', protocol: 'Udp', destination_port_range: '514', source_address_prefix: '*' }),
    ];
    expect(checkForwarderOpenToInternet(policyInput(forwarderResources(group(rules)), [], DECLARED))).toEqual([]);
  });

  test('finds an inbound allow from "*", Internet, 0.0.0.0/0 or ::/0 on the forwarder\'s network interface', () => {
    for (const source of ['*', 'Internet', '0.0.0.0/0', '::/0']) {
      const rules = [securityRule({ name: 'AllowSyslogTcp', destination_port_range: '514', source_address_prefix: source })];
      expect(checkForwarderOpenToInternet(policyInput(forwarderResources(group(rules)), [], DECLARED))).toEqual([{
        constructPath: 'test/Forwarder',
        resourceAddress: 'azurerm_linux_virtual_machine.Forwarder',
        message: `security rule "AllowSyslogTcp" of azurerm_network_security_group.Nsg admits inbound TCP 514 from "${source}" to the `
          + 'forwarder azurerm_linux_virtual_machine.Forwarder; expected only the devices\' own prefixes (e.g. "10.20.0.0/16")',
      }]);
    }
  });

  test('finds a public IP on the forwarder\'s network interface, even a reference Terraform resolves later', () => {
    const found = checkForwarderOpenToInternet(policyInput(
      forwarderResources(group([]), { public_ip_address_id: '${azurerm_public_ip.Pip.id}' }), [], DECLARED));
    expect(found.map((violation) => violation.message)).toEqual([expect.stringContaining(
      'azurerm_network_interface.Nic ip_configuration "internal" gives the forwarder azurerm_linux_virtual_machine.Forwarder a public IP')]);
  });

  test('finds an open NSG on the forwarder\'s subnet, and counts a machine with a syslog rule as a forwarder', () => {
    const openGroup = group([securityRule({ name: 'AllowAll', protocol: '*', destination_port_range: '*', source_address_prefix: 'Internet' })]);
    const subnet = resource('azurerm_subnet', 'Subnet', {});
    const machine = resource('azurerm_linux_virtual_machine_scale_set', 'Collectors', {
      network_interface: [{ name: 'nic', ip_configuration: [{ name: 'internal', subnet_id: reference(subnet) }] }],
    });
    const rule = resource('azurerm_monitor_data_collection_rule', 'Syslog', {
      data_sources: { syslog: [{ name: 'syslog', streams: ['Microsoft-Syslog'], facility_names: ['auth'], log_levels: ['*'] }] },
    });
    const found = checkForwarderOpenToInternet(policyInput([openGroup, subnet, machine, rule,
      resource('azurerm_subnet_network_security_group_association', 'SubnetNsg', {
        subnet_id: reference(subnet), network_security_group_id: reference(openGroup),
      }),
      resource('azurerm_monitor_data_collection_rule_association', 'Association', {
        data_collection_rule_id: reference(rule), target_resource_id: reference(machine),
      }),
    ]));
    expect(found).toEqual([expect.objectContaining({
      constructPath: 'test/Collectors', resourceAddress: 'azurerm_linux_virtual_machine_scale_set.Collectors',
      message: expect.stringContaining('admits inbound any protocol every port from "Internet"'),
    })]);
  });

  test('does not count a machine without a syslog rule, nor judge prefixes that are expressions', () => {
    const machineOnly = resource('azurerm_linux_virtual_machine', 'Web', { network_interface_ids: [] });
    const rules = [securityRule({ destination_port_range: '514', source_address_prefix: '${var.syslog_sources}' })];
    expect(checkForwarderOpenToInternet(policyInput([machineOnly, ...forwarderResources(group(rules))], [], DECLARED))).toEqual([]);
  });
});
