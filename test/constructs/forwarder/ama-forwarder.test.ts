import { CefConnector } from '../../../constructs/connectors/cef-connector';
import { SyslogConnector } from '../../../constructs/connectors/syslog-connector';
import { AmaForwarder, AmaForwarderProps, ForwarderImage } from '../../../constructs/forwarder/ama-forwarder';
import { AZURE_LOAD_BALANCER_ADDRESS, inboundDecision, InboundSecurityRule } from '../../../model/network/inbound-decision';
import { newWorkspaceStack, onlyResource, resourcesOf, synth, synthError, synthWithMetadata, warningsOf } from '../../support/synth';

const SUBNET = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/forwarders';
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE0kOUi3m1mF5q8lHhJ0m3oP0o1o2L3o4p5q6r7s8t9u admin@contoso';
const base: Omit<AmaForwarderProps, 'workspace'> = {
  forwarderName: 'fwd-weu', subnetId: SUBNET, sourceAddressPrefixes: ['10.20.0.0/16', '10.30.1.5'], adminSshPublicKeys: [KEY],
  expectedEventsPerSecond: 4_000,
};

function forwarderStack(props: Partial<AmaForwarderProps> = {}) {
  const { stack, workspace } = newWorkspaceStack();
  const forwarder = new AmaForwarder(stack, 'Forwarder', { ...base, workspace, ...props });
  return { stack, workspace, forwarder };
}

describe('AmaForwarder as a VM', () => {
  test('a secure VM with identity, SSH keys only, boot diagnostics, cloud-init and the agent with automatic upgrade', () => {
    const { stack, forwarder } = forwarderStack();
    const synthesized = synth(stack);
    const vm = onlyResource(synthesized, 'azurerm_linux_virtual_machine');
    expect(vm).toMatchObject({
      name: 'fwd-weu', size: 'Standard_F4s_v2', location: 'westeurope',
      admin_username: 'azureuser', disable_password_authentication: true,
      admin_ssh_key: [{ username: 'azureuser', public_key: KEY }],
      identity: { type: 'SystemAssigned' }, boot_diagnostics: {},
      source_image_reference: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
    });
    expect(vm).not.toHaveProperty('admin_password');
    expect(Buffer.from(vm.custom_data as string, 'base64').toString('utf8')).toBe(forwarder.cloudInit);
    expect(onlyResource(synthesized, 'azurerm_virtual_machine_extension')).toMatchObject({
      name: 'AzureMonitorLinuxAgent', publisher: 'Microsoft.Azure.Monitor', type: 'AzureMonitorLinuxAgent',
      auto_upgrade_minor_version: true, automatic_upgrade_enabled: true,
    });
    expect(resourcesOf(synthesized, 'azurerm_public_ip')).toEqual([]);
    expect(onlyResource(synthesized, 'azurerm_network_interface').ip_configuration).toEqual([
      { name: 'internal', subnet_id: SUBNET, private_ip_address_allocation: 'Dynamic' },
    ]);
    expect(onlyResource(synthesized, 'azurerm_network_interface_security_group_association')).toBeDefined();
    expect(Object.values(synthesized.output ?? {}).map((output) => output.value))
      .toContainEqual(expect.stringMatching(/^\$\{azurerm_network_interface\.Forwarder_NetworkInterface_[0-9A-F]{8}\.private_ip_address\}$/));
    expect(forwarder.form).toBe('virtual-machine');
  });

  test('an NSG that admits syslog only from the listed sources and denies it to everyone else', () => {
    const { stack } = forwarderStack({ tls: {}, sshSourceAddressPrefixes: ['10.99.0.0/24'] });
    const rules = onlyResource(synth(stack), 'azurerm_network_security_group').security_rule as Array<Record<string, unknown>>;
    const summary = rules.map((rule) => [rule.name, rule.priority, rule.access, rule.protocol, rule.destination_port_range,
      rule.source_address_prefixes ?? rule.source_address_prefix]);
    expect(summary).toEqual([
      ['AllowSyslogUdp', 100, 'Allow', 'Udp', '514', ['10.20.0.0/16', '10.30.1.5']],
      ['AllowSyslogTcp', 110, 'Allow', 'Tcp', '514', ['10.20.0.0/16', '10.30.1.5']],
      ['AllowSyslogTls', 120, 'Allow', 'Tcp', '6514', ['10.20.0.0/16', '10.30.1.5']],
      ['AllowSsh', 200, 'Allow', 'Tcp', '22', ['10.99.0.0/24']],
      ['DenySyslogUdp', 4000, 'Deny', 'Udp', '514', '*'],
      ['DenySyslogTcp', 4010, 'Deny', 'Tcp', '514', '*'],
      ['DenySyslogTls', 4020, 'Deny', 'Tcp', '6514', '*'],
    ]);
  });

  test('a public IP only when asked, with a warning', () => {
    const { stack } = forwarderStack({ publicIpEnabled: true });
    const synthesized = synth(stack);
    expect(onlyResource(synthesized, 'azurerm_public_ip')).toMatchObject({ allocation_method: 'Static', sku: 'Standard' });
    expect(warningsOf(stack)).toEqual(['[test/Forwarder] publicIpEnabled: the forwarder has a public IP; devices normally reach it over a private network']);
  });

  test('another supported image, and explicit sizes that override the sizing', () => {
    const { stack, forwarder } = forwarderStack({ image: ForwarderImage.RHEL_9, vmSize: 'Standard_D4s_v5', instanceCount: 1 });
    expect(onlyResource(synth(stack), 'azurerm_linux_virtual_machine')).toMatchObject({
      size: 'Standard_D4s_v5', source_image_reference: { publisher: 'RedHat', offer: 'RHEL', sku: '9-lvm-gen2' },
    });
    expect(forwarder.sizing).toBeUndefined();
  });
});

describe('AmaForwarder as a scale set', () => {
  test('beyond one VM\'s capacity: a scale set behind an internal load balancer, sized from the rate', () => {
    const { stack, forwarder } = forwarderStack({ expectedEventsPerSecond: 25_000 });
    const synthesized = synth(stack);
    expect(resourcesOf(synthesized, 'azurerm_linux_virtual_machine')).toEqual([]);
    const scaleSet = onlyResource(synthesized, 'azurerm_linux_virtual_machine_scale_set');
    expect(scaleSet).toMatchObject({
      name: 'fwd-weu', sku: 'Standard_F8s_v2', instances: 3, upgrade_mode: 'Rolling', disable_password_authentication: true,
      identity: { type: 'SystemAssigned' },
      extension: [expect.objectContaining({ name: 'AzureMonitorLinuxAgent', automatic_upgrade_enabled: true })],
      network_interface: [expect.objectContaining({
        network_security_group_id: expect.stringMatching(/^\$\{azurerm_network_security_group\.Forwarder_NetworkSecurityGroup_[0-9A-F]{8}\.id\}$/),
        ip_configuration: [expect.objectContaining({ subnet_id: SUBNET,
          load_balancer_backend_address_pool_ids: [expect.stringMatching(/^\$\{azurerm_lb_backend_address_pool\.Forwarder_BackendPool_[0-9A-F]{8}\.id\}$/)] })],
      })],
    });
    expect(onlyResource(synthesized, 'azurerm_lb')).toMatchObject({
      sku: 'Standard', frontend_ip_configuration: [{ name: 'syslog', subnet_id: SUBNET, private_ip_address_allocation: 'Dynamic' }],
    });
    expect(onlyResource(synthesized, 'azurerm_lb')).not.toHaveProperty('public_ip_address_id');
    expect(resourcesOf(synthesized, 'azurerm_lb_rule').map((rule) => `${rule.protocol}/${rule.frontend_port}`).sort()).toEqual(['Tcp/514', 'Udp/514']);
    expect(Object.values(synthesized.output ?? {}).map((output) => output.value))
      .toContainEqual(expect.stringMatching(/^\$\{azurerm_lb\.Forwarder_LoadBalancer_[0-9A-F]{8}\.private_ip_address\}$/));
    expect(forwarder.sizing).toMatchObject({ plannedEventsPerSecond: 30_000, instanceCount: 3 });
  });

  test('high availability makes a scale set of two even at a low rate', () => {
    const { stack } = forwarderStack({ expectedEventsPerSecond: 500, highAvailability: true });
    expect(onlyResource(synth(stack), 'azurerm_linux_virtual_machine_scale_set')).toMatchObject({ sku: 'Standard_F2s_v2', instances: 2 });
  });
});

/** The inbound rules of the synthesized network security group, as the group decides with them. */
function inboundRules(synthesized: ReturnType<typeof synth>): InboundSecurityRule[] {
  const group = onlyResource(synthesized, 'azurerm_network_security_group');
  return (group.security_rule as Array<Record<string, unknown>>).filter((rule) => rule.direction === 'Inbound').map((rule) => ({
    name: String(rule.name), priority: Number(rule.priority), access: String(rule.access), protocol: String(rule.protocol),
    sourceAddressPrefixes: [...(rule.source_address_prefix === undefined ? [] : [String(rule.source_address_prefix)]),
      ...((rule.source_address_prefixes as string[] | undefined) ?? [])],
    destinationPortRanges: [String(rule.destination_port_range)],
  }));
}

describe('AmaForwarder network security group, decided as Azure decides (rules in priority order, then the defaults)', () => {
  const network = ['10.20.0.0/16', '10.50.0.0/16'];
  const decide = (rules: InboundSecurityRule[], sourceAddress: string, protocol: 'Tcp' | 'Udp', port: number) =>
    inboundDecision(rules, { sourceAddress, protocol, port }, network);

  test('a scale set admits its load balancer\'s health probe on the syslog port before any deny, and only the listed sources', () => {
    const rules = inboundRules(synth(forwarderStack({ highAvailability: true }).stack));
    // Without this the probe meets DenySyslogTcp (4010) before Azure's AllowAzureLoadBalancerInBound (65001).
    expect(decide(rules, AZURE_LOAD_BALANCER_ADDRESS, 'Tcp', 514)).toEqual({ allowed: true, ruleName: 'AllowLoadBalancerProbe' });
    expect(decide(rules, '10.20.4.7', 'Udp', 514)).toEqual({ allowed: true, ruleName: 'AllowSyslogUdp' });
    expect(decide(rules, '10.30.1.5', 'Tcp', 514)).toEqual({ allowed: true, ruleName: 'AllowSyslogTcp' });
    // Anything else of the network, and the internet, stays out of the syslog ports.
    expect(decide(rules, '10.50.9.9', 'Tcp', 514)).toEqual({ allowed: false, ruleName: 'DenySyslogTcp' });
    expect(decide(rules, '10.30.1.6', 'Udp', 514)).toEqual({ allowed: false, ruleName: 'DenySyslogUdp' });
    expect(decide(rules, '203.0.113.9', 'Tcp', 514)).toEqual({ allowed: false, ruleName: 'DenySyslogTcp' });
    expect(decide(rules, '203.0.113.9', 'Tcp', 22)).toEqual({ allowed: false, ruleName: 'DenyAllInBound' });
    // The probe's own rule admits no other source or port.
    expect(rules.find((rule) => rule.name === 'AllowLoadBalancerProbe')).toMatchObject({ protocol: 'Tcp', sourceAddressPrefixes: ['AzureLoadBalancer'], destinationPortRanges: ['514'] });
  });

  test('a single VM, behind no load balancer, has no probe rule', () => {
    const rules = inboundRules(synth(forwarderStack().stack));
    expect(rules.map((rule) => rule.name)).not.toContain('AllowLoadBalancerProbe');
    expect(decide(rules, '10.20.4.7', 'Tcp', 514).allowed).toBe(true);
    expect(decide(rules, '10.50.9.9', 'Udp', 514).allowed).toBe(false);
  });
});

describe('AmaForwarder wiring', () => {
  test('attached Syslog and CEF connectors get their rule associations, and the metadata records the sizing', () => {
    const { stack, workspace, forwarder } = forwarderStack();
    const syslog = new SyslogConnector(stack, 'LinuxAuth', { workspace, facilityNames: ['auth', 'authpriv'], minimumLevel: 'Info' });
    const cef = new CefConnector(stack, 'Firewalls', { workspace, facilityNames: ['local4'], minimumLevel: 'Warning' });
    forwarder.attachConnector(syslog);
    forwarder.attachConnector(cef);
    const synthesized = synthWithMetadata(stack);
    const associations = resourcesOf(synthesized, 'azurerm_monitor_data_collection_rule_association');
    expect(associations).toHaveLength(2);
    expect(associations.map((association) => association.target_resource_id)).toEqual([
      expect.stringMatching(/^\$\{azurerm_linux_virtual_machine\.Forwarder_[0-9A-F]{8}\.id\}$/),
      expect.stringMatching(/^\$\{azurerm_linux_virtual_machine\.Forwarder_[0-9A-F]{8}\.id\}$/),
    ]);
    const forwarders = synthesized['//']?.sentinel?.forwarders;
    expect(forwarders).toEqual([expect.objectContaining({
      constructPath: 'test/Forwarder', form: 'virtual-machine', vmSize: 'Standard_F4s_v2', instanceCount: 1, syslogPort: 514,
      sizing: expect.objectContaining({ expectedEventsPerSecond: 4_000, plannedEventsPerSecond: 4_800 }),
      connectors: ['test/LinuxAuth', 'test/Firewalls'],
    })]);
  });

  test('a facility collected twice through the same forwarder fails synth', () => {
    const { stack, workspace, forwarder } = forwarderStack();
    forwarder.attachConnector(new SyslogConnector(stack, 'All', { workspace, facilityNames: ['*'], minimumLevel: 'Info' }));
    forwarder.attachConnector(new CefConnector(stack, 'Firewalls', { workspace, facilityNames: ['local4'], minimumLevel: 'Warning' }));
    expect(synthError(stack)).toContain('[test/All] facilityNames: facility "local4" is also collected by the CEF connector test/Firewalls on the same forwarder');
  });
});

describe('AmaForwarder fails', () => {
  const fails = (props: Partial<AmaForwarderProps>) => () => forwarderStack(props);

  test.each([['0.0.0.0/0'], ['*'], ['Internet']])('when syslog is open to the internet (%s)', (prefix) => {
    expect(fails({ sourceAddressPrefixes: ['10.0.0.0/8', prefix] })).toThrow(
      `[test/Forwarder] sourceAddressPrefixes[1]: "${prefix}" opens the forwarder to the whole internet; list the devices' own prefixes, `
      + 'or set allowSyslogFromInternet: true if that is really intended');
  });

  test('unless the user opts in by name, with a warning', () => {
    const { stack } = forwarderStack({ sourceAddressPrefixes: ['0.0.0.0/0'], allowSyslogFromInternet: true });
    expect(warningsOf(stack)).toContain('[test/Forwarder] allowSyslogFromInternet: the syslog ports admit the whole internet');
  });

  test('when SSH is open to the internet, even with the syslog opt-in', () => {
    expect(fails({ sshSourceAddressPrefixes: ['*'], allowSyslogFromInternet: true }))
      .toThrow('[test/Forwarder] sshSourceAddressPrefixes[0]: "*" opens the forwarder to the whole internet; list the devices\' own prefixes');
  });

  test('on password authentication', () => {
    expect(fails({ adminPassword: 'P@ssw0rd!' })).toThrow('[test/Forwarder] adminPassword: password authentication is refused: forwarders accept SSH keys only');
  });

  test('without SSH keys, or with something that is not a public key', () => {
    expect(fails({ adminSshPublicKeys: [] })).toThrow('[test/Forwarder] adminSshPublicKeys: give at least one public SSH key');
    expect(fails({ adminSshPublicKeys: ['-----BEGIN OPENSSH PRIVATE KEY-----'] })).toThrow('[test/Forwarder] adminSshPublicKeys[0]: is not a public SSH key');
  });

  test('on an image the agent does not support', () => {
    expect(fails({ image: ForwarderImage.fromMarketplace({ publisher: 'Canonical', offer: 'UbuntuServer', sku: '16.04-LTS' }) }))
      .toThrow('[test/Forwarder] image: Canonical:UbuntuServer:16.04-LTS is not a distribution the Azure Monitor Agent supports with this toolkit; use one of Ubuntu 24.04');
  });

  test('without a rate or explicit sizes, and on a bad rate', () => {
    expect(fails({ expectedEventsPerSecond: undefined })).toThrow('[test/Forwarder] expectedEventsPerSecond: give expectedEventsPerSecond to size the forwarder, or both vmSize and instanceCount');
    expect(fails({ expectedEventsPerSecond: -1 })).toThrow('[test/Forwarder] expectedEventsPerSecond: must be a positive number, got -1');
  });

  test('on no source prefixes, or a malformed one', () => {
    expect(fails({ sourceAddressPrefixes: [] })).toThrow('[test/Forwarder] sourceAddressPrefixes: list the address prefixes of the devices that send syslog');
    expect(fails({ sourceAddressPrefixes: ['10.0.0.300'] })).toThrow('[test/Forwarder] sourceAddressPrefixes[0]: "10.0.0.300" is not a valid IPv4 address or CIDR');
  });

  test('on ports that clash with SSH, the agent, or each other', () => {
    expect(fails({ syslogPort: 28330 })).toThrow('[test/Forwarder] syslogPort: must be a port from 1 to 65535 other than 22 (SSH) and 28330');
    expect(fails({ tls: { port: 514 } })).toThrow('[test/Forwarder] tls.port: must differ from syslogPort');
  });

  test('on high availability with one instance, or a public IP on a scale set', () => {
    expect(fails({ highAvailability: true, vmSize: 'Standard_F4s_v2', instanceCount: 1 })).toThrow('[test/Forwarder] instanceCount: high availability needs at least 2 instances, got 1');
    expect(fails({ expectedEventsPerSecond: 30_000, publicIpEnabled: true })).toThrow('[test/Forwarder] publicIpEnabled: a public IP applies to a single VM');
  });
});
