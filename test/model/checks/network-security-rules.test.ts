import { admitsPort, networkSecurityRules, portRangeIncludes } from '../../../model/checks/network-security-rules';
import { policyInput, reference, resource, securityRule } from './policy-input-fixtures';

describe('network security rules', () => {
  test('are read from a group\'s security_rule blocks and from separate rule resources', () => {
    const group = resource('azurerm_network_security_group', 'Main', { security_rule: [securityRule()] });
    const separate = resource('azurerm_network_security_rule', 'Https', {
      ...securityRule({ name: 'AllowHttps', destination_port_range: '443' }), network_security_group_name: reference(group, 'name'),
    });
    const rules = networkSecurityRules(policyInput([group, separate]));
    expect(rules.map((rule) => [rule.name, rule.networkSecurityGroupAddress, rule.destinationPortRanges])).toEqual([
      ['AllowSsh', 'azurerm_network_security_group.Main', ['22']],
      ['AllowHttps', 'azurerm_network_security_group.Main', ['443']],
    ]);
  });

  test('a port range as NSGs write it includes a port when the port is inside it', () => {
    expect(portRangeIncludes('*', 22)).toBe(true);
    expect(portRangeIncludes('20-30', 22)).toBe(true);
    expect(portRangeIncludes('22', 22)).toBe(true);
    expect(portRangeIncludes('2222', 22)).toBe(false);
    expect(portRangeIncludes('23-1024', 22)).toBe(false);
    const [rule] = networkSecurityRules(policyInput([resource('azurerm_network_security_group', 'Main', {
      security_rule: [securityRule({ destination_port_range: null, destination_port_ranges: ['80', '${var.port}', '1-100'] })],
    })]));
    expect(admitsPort(rule, 22)).toBe(true);
  });
});
