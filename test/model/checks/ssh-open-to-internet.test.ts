import { checkSshOpenToInternet } from '../../../model/checks/ssh-open-to-internet';
import { policyInput, reference, resource, securityRule } from './policy-input-fixtures';

function groupWith(rule: Record<string, unknown>) {
  return policyInput([resource('azurerm_network_security_group', 'Nsg', { security_rule: [rule] })]);
}

describe('Sentinel-SSH1: SSH open to the internet', () => {
  test('passes SSH from one administrator address, SSH denied to everyone, and other ports open to the internet', () => {
    expect(checkSshOpenToInternet(groupWith(securityRule()))).toEqual([]);
    expect(checkSshOpenToInternet(groupWith(securityRule({ access: 'Deny', source_address_prefix: '*' })))).toEqual([]);
    expect(checkSshOpenToInternet(groupWith(securityRule({ destination_port_range: '443', source_address_prefix: '*' })))).toEqual([]);
    expect(checkSshOpenToInternet(groupWith(securityRule({ protocol: 'Udp', source_address_prefix: '*' })))).toEqual([]);
    expect(checkSshOpenToInternet(groupWith(securityRule({ direction: 'Outbound', source_address_prefix: '*' })))).toEqual([]);
  });

  test('finds TCP 22 from the internet, as a port, in a range or as every port', () => {
    expect(checkSshOpenToInternet(groupWith(securityRule({ source_address_prefix: 'Internet' })))).toEqual([{
      constructPath: 'test/Nsg', resourceAddress: 'azurerm_network_security_group.Nsg',
      message: 'security rule "AllowSsh" of azurerm_network_security_group.Nsg admits inbound SSH (TCP 22) '
        + 'from "Internet"; expected the administrators\' own prefixes, or Azure Bastion',
    }]);
    expect(checkSshOpenToInternet(groupWith(securityRule({ destination_port_range: '1-1024', source_address_prefix: '0.0.0.0/0' })))
      .map((violation) => violation.message)).toEqual([expect.stringContaining('admits inbound TCP 1-1024, which includes SSH (TCP 22), from "0.0.0.0/0"')]);
    expect(checkSshOpenToInternet(groupWith(securityRule({ protocol: '*', destination_port_range: '*', source_address_prefix: '*' })))).toHaveLength(1);
  });

  test('finds a separate azurerm_network_security_rule, at its own construct path', () => {
    const group = resource('azurerm_network_security_group', 'Nsg', {});
    const rule = resource('azurerm_network_security_rule', 'Ssh', {
      ...securityRule({ source_address_prefixes: ['10.0.0.0/8', '::/0'], source_address_prefix: null }),
      network_security_group_name: reference(group, 'name'),
    });
    expect(checkSshOpenToInternet(policyInput([group, rule]))).toEqual([expect.objectContaining({
      constructPath: 'test/Ssh', message: expect.stringContaining('security rule "AllowSsh" of azurerm_network_security_rule.Ssh admits'),
    })]);
  });
});
