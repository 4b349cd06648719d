import { sizeForwarder } from '../../../model/forwarder/sizing';
import { checkSourcePrefix } from '../../../model/forwarder/source-addresses';
import { admitsInternet } from '../../../model/network/address-prefixes';
import { supportedDistributionOf } from '../../../model/forwarder/supported-images';

describe('forwarder sizing, at the boundaries of each size (no headroom)', () => {
  test.each([
    [1, 'Standard_F2s_v2', 1],
    [2_500, 'Standard_F2s_v2', 1],
    [2_501, 'Standard_F4s_v2', 1],
    [5_000, 'Standard_F4s_v2', 1],
    [5_001, 'Standard_F8s_v2', 1],
    [10_000, 'Standard_F8s_v2', 1],
    [10_001, 'Standard_F8s_v2', 2],
    [20_000, 'Standard_F8s_v2', 2],
    [20_001, 'Standard_F8s_v2', 3],
    [95_000, 'Standard_F8s_v2', 10],
  ])('%d EPS -> %s x %d', (eventsPerSecond, vmSize, instanceCount) => {
    expect(sizeForwarder(eventsPerSecond, 0)).toMatchObject({ vmSize, instanceCount });
  });
});

describe('forwarder sizing', () => {
  test('adds 20% headroom by default and records the figures behind the choice', () => {
    const sizing = sizeForwarder(4_200);
    expect(sizing).toEqual({
      vmSize: 'Standard_F8s_v2', instanceCount: 1, plannedEventsPerSecond: 5_040, expectedEventsPerSecond: 4_200,
      headroomPercent: 20, eventsPerSecondPerInstance: 5_040,
      basis: '4200 EPS + 20% headroom = 5040 EPS; Standard_F8s_v2 planned for 10000 EPS per instance (Microsoft benchmark: '
        + '10000 EPS on Standard_F8s_v2; smaller sizes scaled by vCPU, an estimate)',
    });
  });

  test('high availability means at least two instances', () => {
    expect(sizeForwarder(1_000, 20, true)).toMatchObject({ vmSize: 'Standard_F2s_v2', instanceCount: 2, eventsPerSecondPerInstance: 600 });
    expect(sizeForwarder(25_000, 20, true)).toMatchObject({ instanceCount: 3 });
  });

  test('fails on a rate or headroom out of range', () => {
    expect(() => sizeForwarder(0)).toThrow('expectedEventsPerSecond must be a positive number, got 0');
    expect(() => sizeForwarder(100, -5)).toThrow('headroomPercent must be from 0 to 400, got -5');
  });
});

test('open-to-internet prefixes', () => {
  expect(['*', '0.0.0.0/0', 'Internet', 'any', '::/0'].every(admitsInternet)).toBe(true);
  expect(['10.0.0.0/8', 'VirtualNetwork', '203.0.113.7'].some(admitsInternet)).toBe(false);
  expect(checkSourcePrefix('10.0.0.0/33')).toBe('"10.0.0.0/33" is not a valid IPv4 address or CIDR');
  expect(checkSourcePrefix('10.0.0/8')).toContain('is neither an IPv4 address or CIDR');
  expect(checkSourcePrefix('2001:db8::/48')).toBeUndefined();
  expect(checkSourcePrefix('2001:db8::g/48')).toBe('"2001:db8::g/48" is not a valid IPv6 address or CIDR');
});

test('supported images are found by publisher, offer and SKU, regardless of case', () => {
  expect(supportedDistributionOf({ publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server' })?.distribution).toBe('Ubuntu 24.04');
  expect(supportedDistributionOf({ publisher: 'Canonical', offer: 'UbuntuServer', sku: '16.04-LTS' })).toBeUndefined();
});
