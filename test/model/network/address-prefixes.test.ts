import { admitsInternet, compareAddressPrefixes, parseAddressPrefix } from '../../../model/network/address-prefixes';

describe('NSG source prefixes compared by the addresses they admit', () => {
  test('a wider IPv4 range widens; the ranges it adds are named', () => {
    expect(compareAddressPrefixes(['10.20.0.0/16'], ['10.0.0.0/8'])).toEqual({ widenedBy: ['10.0.0.0/8'], narrowedBy: [] });
    expect(compareAddressPrefixes(['10.0.0.0/8'], ['10.20.0.0/16'])).toEqual({ widenedBy: [], narrowedBy: ['10.0.0.0/8'] });
  });

  test('adjacent ranges that cover the old one admit nothing new, written differently', () => {
    expect(compareAddressPrefixes(['10.0.0.0/23'], ['10.0.1.0/24', '10.0.0.0/24'])).toEqual({ widenedBy: [], narrowedBy: [] });
    expect(compareAddressPrefixes(['10.0.0.5'], ['10.0.0.5/32'])).toEqual({ widenedBy: [], narrowedBy: [] });
  });

  test('host bits of a CIDR are ignored, as Azure does', () => {
    expect(parseAddressPrefix('10.1.2.3/8')).toEqual({ kind: 'range', family: 4, first: 0x0a000000n, last: 0x0affffffn, prefixLength: 8 });
  });

  test('what is not dotted decimal IPv4, an IPv6 address or a CIDR is a tag, as Azure reads it', () => {
    for (const prefix of ['10.1', '010.0.0.1', '0x0a.0.0.1', '10.0.0.256', '10.0.0.0/33', '2001:db8::/129', 'AzureCloud.WestEurope']) {
      expect([prefix, parseAddressPrefix(prefix).kind]).toEqual([prefix, 'tag']);
    }
    expect(admitsInternet('10.0.0.0/0')).toBe(true);
  });

  test('`*`, Any, 0.0.0.0/0, ::/0 and Internet admit the internet; a private range does not', () => {
    for (const prefix of ['*', 'Any', '0.0.0.0/0', '::/0', 'Internet', 'internet']) {
      expect(admitsInternet(prefix)).toBe(true);
    }
    expect(admitsInternet('10.0.0.0/8')).toBe(false);
    expect(compareAddressPrefixes(['10.0.0.0/8'], ['10.0.0.0/8', 'Internet']).widenedBy).toEqual(['Internet']);
    expect(compareAddressPrefixes(['Internet'], ['*']).widenedBy).toEqual(['*']);
    expect(compareAddressPrefixes(['*'], ['10.0.0.0/8']).narrowedBy).toEqual(['*']);
  });

  test('IPv6 ranges compare with each other, never with IPv4 ones', () => {
    expect(compareAddressPrefixes(['2001:db8::/48'], ['2001:db8::/32']).widenedBy).toEqual(['2001:db8::/32']);
    expect(compareAddressPrefixes(['2001:db8::/32'], ['2001:db8:0:1::/64', '::ffff:10.0.0.1']).widenedBy).toEqual(['::ffff:10.0.0.1']);
    expect(compareAddressPrefixes(['10.0.0.0/8'], ['::ffff:10.0.0.1']).widenedBy).toEqual(['::ffff:10.0.0.1']);
  });

  test('service tags other than Internet admit only what the same tag admits', () => {
    expect(compareAddressPrefixes(['VirtualNetwork'], ['virtualnetwork'])).toEqual({ widenedBy: [], narrowedBy: [] });
    expect(compareAddressPrefixes(['VirtualNetwork'], ['AzureLoadBalancer'])).toEqual({ widenedBy: ['AzureLoadBalancer'], narrowedBy: ['VirtualNetwork'] });
  });
});
