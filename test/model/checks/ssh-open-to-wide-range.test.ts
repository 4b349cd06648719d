import { checkSshOpenToWideRange, isWidePrefix } from '../../../model/checks/ssh-open-to-wide-range';
import { policyInput, resource, securityRule } from './policy-input-fixtures';

function groupWith(rule: Record<string, unknown>) {
  return policyInput([resource('azurerm_network_security_group', 'Nsg', { security_rule: [rule] })]);
}

describe('Sentinel-SSH2: SSH open to a wide address range', () => {
  test('passes SSH from a /16 or narrower, a service tag, or the internet (Sentinel-SSH1 reports that)', () => {
    for (const source of ['10.20.0.0/16', '10.20.5.0/24', '10.20.5.7', 'VirtualNetwork', '*', '0.0.0.0/0', '2001:db8:1::/48']) {
      expect(checkSshOpenToWideRange(groupWith(securityRule({ source_address_prefix: source })))).toEqual([]);
    }
  });

  test('finds SSH from an IPv4 prefix shorter than /16 or an IPv6 prefix shorter than /48', () => {
    expect(checkSshOpenToWideRange(groupWith(securityRule({ source_address_prefix: null, source_address_prefixes: ['10.0.0.0/8', '10.1.0.0/16'] }))))
      .toEqual([{
        constructPath: 'test/Nsg', resourceAddress: 'azurerm_network_security_group.Nsg',
        message: 'security rule "AllowSsh" of azurerm_network_security_group.Nsg admits inbound SSH (TCP 22) '
          + 'from "10.0.0.0/8"; expected IPv4 prefixes of /16 or longer (IPv6 /48 or longer), ideally the administrators\' own addresses',
      }]);
    expect(isWidePrefix('2001:db8::/32')).toBe(true);
  });
});
