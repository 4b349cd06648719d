import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { LegacyDataCollectorConnector } from '../../../constructs/connectors/legacy-data-collector-connector';
import { LogsIngestionConnector, LogsIngestionConnectorProps } from '../../../constructs/connectors/logs-ingestion-connector';
import { SyslogConnector } from '../../../constructs/connectors/syslog-connector';
import { applySentinelPolicy, suppressPolicyRule } from '../../../constructs/policy';
import { SENTINEL_POLICY_RULES } from '../../../constructs/policy/sentinel-policy-rules';
import { SentinelWorkspaceProps } from '../../../constructs/sentinel-workspace';
import { newWorkspaceStack, synthError, warningsOf } from '../../support/synth';
import { addForwarder, findingsOf } from './policy-test-stacks';

/** A workspace stack with the policy applied. */
function policyStack(props: Partial<SentinelWorkspaceProps> = {}) {
  const created = newWorkspaceStack(props);
  applySentinelPolicy(created.stack);
  return created;
}

describe('the Sentinel policy pack', () => {
  test('every rule has a stable id, a title, a severity and a reason', () => {
    expect(SENTINEL_POLICY_RULES.map((rule) => [rule.ruleId, rule.severity])).toEqual([
      ['Sentinel-FWD1', 'error'], ['Sentinel-SSH1', 'error'], ['Sentinel-SSH2', 'warning'], ['Sentinel-WS1', 'warning'],
      ['Sentinel-WS2', 'warning'], ['Sentinel-WS3', 'warning'], ['Sentinel-DCR1', 'error'], ['Sentinel-CON1', 'warning'],
      ['Sentinel-DCR2', 'warning'],
    ]);
    for (const rule of SENTINEL_POLICY_RULES) {
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.reason).toMatch(/^[A-Z].{40,}\.$/);
    }
  });
});

describe('Sentinel-FWD1: log forwarder reachable from the internet', () => {
  test('passes a forwarder that admits syslog from private prefixes only', () => {
    const { stack, workspace } = policyStack();
    addForwarder(stack, workspace);
    expect(findingsOf(stack, 'Sentinel-FWD1')).toEqual([]);
  });

  test('fails synth for a forwarder whose syslog ports admit the internet, naming the path, rule and NSG rule', () => {
    const { stack, workspace } = policyStack();
    addForwarder(stack, workspace, { sourceAddressPrefixes: ['0.0.0.0/0'], allowSyslogFromInternet: true });
    const message = synthError(stack);
    expect(message).toContain('test/Forwarder: [Sentinel-FWD1] security rule "AllowSyslogUdp" of '
      + 'azurerm_network_security_group.Forwarder_NetworkSecurityGroup_600A7A25 admits inbound UDP 514 from "0.0.0.0/0" to the forwarder '
      + 'azurerm_linux_virtual_machine.Forwarder_E6AEDC44; expected only the devices\' own prefixes (e.g. "10.20.0.0/16"). Syslog has no '
      + 'authentication');
    expect(message).toContain('test/Forwarder: [Sentinel-FWD1] security rule "AllowSyslogTcp"');
  });

  test('fails synth for a forwarder with a public IP', () => {
    const { stack, workspace } = policyStack();
    addForwarder(stack, workspace, { publicIpEnabled: true });
    expect(synthError(stack)).toMatch(/test\/Forwarder: \[Sentinel-FWD1\] azurerm_network_interface\.Forwarder_NetworkInterface_\w+ ip_configuration "internal" gives the forwarder/);
  });

  test('is suppressed in code on the forwarder, and the reason is recorded', () => {
    const { stack, workspace } = policyStack();
    const forwarder = addForwarder(stack, workspace, { publicIpEnabled: true });
    suppressPolicyRule(forwarder, 'Sentinel-FWD1', 'Branch appliances send over the internet to this address until the VPN is up');
    expect(findingsOf(stack, 'Sentinel-FWD1')).toEqual([expect.objectContaining({
      severity: 'error', title: 'Log forwarder reachable from the internet', constructPath: 'test/Forwarder',
      resourceAddress: 'azurerm_linux_virtual_machine.Forwarder_E6AEDC44',
      suppression: { reason: 'Branch appliances send over the internet to this address until the VPN is up' },
    })]);
  });
});

describe('Sentinel-SSH1: SSH open to the internet', () => {
  function bastionGroup(sourceAddressPrefix: string) {
    const { stack } = policyStack();
    new NetworkSecurityGroup(stack, 'Bastion', {
      name: 'nsg-admin', location: 'westeurope', resourceGroupName: 'rg-admin',
      securityRule: [{
        name: 'AllowSsh', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*',
        destinationPortRange: '22', sourceAddressPrefix, destinationAddressPrefix: '*',
      }],
    });
    return stack;
  }

  test('passes SSH from one administrator address', () => {
    expect(findingsOf(bastionGroup('203.0.113.7'), 'Sentinel-SSH1')).toEqual([]);
  });

  test('fails synth for SSH from Internet', () => {
    expect(synthError(bastionGroup('Internet'))).toContain('test/Bastion: [Sentinel-SSH1] security rule "AllowSsh" of '
      + 'azurerm_network_security_group.Bastion admits inbound SSH (TCP 22) from "Internet"');
  });

  test('is suppressed from the config by construct path', () => {
    const stack = bastionGroup('Internet');
    applySentinelPolicy(stack, { suppressions: [{ ruleId: 'Sentinel-SSH1', path: 'Bastion', reason: 'A honeypot: SSH from anywhere is its purpose' }] });
    expect(findingsOf(stack, 'Sentinel-SSH1')).toEqual([expect.objectContaining({
      constructPath: 'test/Bastion', suppression: { reason: 'A honeypot: SSH from anywhere is its purpose' },
    })]);
  });
});

describe('Sentinel-SSH2: SSH open to a wide address range', () => {
  test('passes SSH from the administrators\' /24', () => {
    const { stack, workspace } = policyStack();
    addForwarder(stack, workspace, { sshSourceAddressPrefixes: ['10.20.30.0/24'] });
    expect(findingsOf(stack, 'Sentinel-SSH2')).toEqual([]);
  });

  test('warns about SSH from a /8, without failing synth', () => {
    const { stack, workspace } = policyStack();
    addForwarder(stack, workspace, { sshSourceAddressPrefixes: ['10.0.0.0/8'] });
    expect(findingsOf(stack, 'Sentinel-SSH2')).toEqual([expect.objectContaining({
      severity: 'warning', constructPath: 'test/Forwarder/NetworkSecurityGroup',
      message: expect.stringContaining('security rule "AllowSsh" of azurerm_network_security_group.Forwarder_NetworkSecurityGroup_600A7A25 '
        + 'admits inbound SSH (TCP 22) from "10.0.0.0/8"'),
    })]);
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/^\[test\/Forwarder\/NetworkSecurityGroup\] \[Sentinel-SSH2\] security rule "AllowSsh"/)]);
  });

  test('is suppressed from the config for the whole stack', () => {
    const { stack, workspace } = policyStack();
    addForwarder(stack, workspace, { sshSourceAddressPrefixes: ['10.0.0.0/8'] });
    applySentinelPolicy(stack, { suppressions: [{ ruleId: 'Sentinel-SSH2', reason: 'Administrators connect from anywhere in 10/8 over the VPN' }] });
    expect(findingsOf(stack, 'Sentinel-SSH2').map((finding) => finding.suppression)).toEqual([
      { reason: 'Administrators connect from anywhere in 10/8 over the VPN' },
    ]);
    expect(warningsOf(stack)).toEqual([]);
  });
});

describe('Sentinel-WS1: shared-key authentication on', () => {
  test('passes the default workspace, whose shared keys are off', () => {
    expect(findingsOf(policyStack().stack, 'Sentinel-WS1')).toEqual([]);
  });

  test('warns about a workspace with shared keys on, and about a legacy Data Collector connector', () => {
    const { stack, workspace } = policyStack();
    new LegacyDataCollectorConnector(stack, 'ContosoAudit', { workspace, connectorId: 'ContosoAudit', title: 'Contoso audit', logType: 'ContosoAudit' });
    expect(findingsOf(stack, 'Sentinel-WS1').map((finding) => [finding.constructPath, finding.message.split(':')[0]])).toEqual([
      ['test/ContosoAudit', 'the connector "ContosoAudit" sends ContosoAudit_CL through the HTTP Data Collector API with the workspace key; '
        + 'expected a Logs Ingestion API connector with Entra ID authentication. A workspace key is a long-lived secret with no identity '
        + 'behind it; the HTTP Data Collector API that needs it was retired in September 2026.'],
      ['test/Sentinel/Resource', 'local_authentication_enabled is true'],
    ]);
  });

  test('is suppressed in code on the workspace', () => {
    const { stack, workspace } = policyStack({ localAuthenticationEnabled: true });
    suppressPolicyRule(workspace, 'Sentinel-WS1', 'Two appliances still post to the Data Collector API until March');
    expect(findingsOf(stack, 'Sentinel-WS1')).toEqual([expect.objectContaining({
      constructPath: 'test/Sentinel/Resource', suppression: { reason: 'Two appliances still post to the Data Collector API until March' },
    })]);
  });
});

describe('Sentinel-WS2: retention shorter than the 90 days Sentinel includes', () => {
  test('passes the default 90 days and a table kept longer', () => {
    expect(findingsOf(policyStack({ tableSettings: { Syslog: { retentionInDays: 180 } } }).stack, 'Sentinel-WS2')).toEqual([]);
  });

  test('warns about a workspace and a table kept 30 days', () => {
    const { stack } = policyStack({ retentionInDays: 30, tableSettings: { Syslog: { retentionInDays: 30, totalRetentionInDays: 365 } } });
    expect(findingsOf(stack, 'Sentinel-WS2').map((finding) => [finding.constructPath, finding.resourceAddress, finding.message.split(';')[0]])).toEqual([
      ['test/Sentinel/Resource', 'azurerm_log_analytics_workspace.Sentinel_64DAE5A3', 'retention_in_days is 30 days'],
      ['test/Sentinel/TableSyslog', expect.stringMatching(/^azurerm_log_analytics_workspace_table\.Sentinel_TableSyslog_/),
        'retention_in_days of table "Syslog" is 30 days'],
    ]);
  });

  test('is suppressed from the config for the workspace and everything in it', () => {
    const { stack } = policyStack({ retentionInDays: 30, tableSettings: { Syslog: { retentionInDays: 30 } } });
    applySentinelPolicy(stack, { suppressions: [{ ruleId: 'Sentinel-WS2', path: 'test/Sentinel', reason: 'A lab workspace rebuilt every month' }] });
    expect(findingsOf(stack, 'Sentinel-WS2').map((finding) => finding.suppression?.reason)).toEqual([
      'A lab workspace rebuilt every month', 'A lab workspace rebuilt every month',
    ]);
  });
});

describe('Sentinel-WS3: no daily cap on a development workspace', () => {
  test('passes a development workspace with a daily cap', () => {
    expect(findingsOf(policyStack({ tags: { environment: 'dev' }, dailyQuotaGb: 5 }).stack, 'Sentinel-WS3')).toEqual([]);
  });

  test('warns about a workspace tagged environment: dev without a daily cap', () => {
    expect(findingsOf(policyStack({ tags: { environment: 'dev' } }).stack, 'Sentinel-WS3')).toEqual([expect.objectContaining({
      severity: 'warning', constructPath: 'test/Sentinel/Resource',
      message: expect.stringMatching(/^daily_quota_gb is not set on a development workspace \(tag environment: dev\)/),
    })]);
  });

  test('is suppressed in code on the stack', () => {
    const { stack } = policyStack({ workspaceName: 'contoso-test-sentinel' });
    suppressPolicyRule(stack, 'Sentinel-WS3', 'Load tests measure ingestion at full rate; a cap would stop them');
    expect(findingsOf(stack, 'Sentinel-WS3').map((finding) => finding.suppression?.reason)).toEqual([
      'Load tests measure ingestion at full rate; a cap would stop them',
    ]);
  });
});

describe('Sentinel-DCR1: syslog facility collected twice', () => {
  function twoSyslogRules(secondFacilities: Array<'auth' | 'cron' | 'authpriv'>) {
    const { stack, workspace } = policyStack();
    const forwarder = addForwarder(stack, workspace);
    forwarder.attachConnector(workspace.addConnector(SyslogConnector, 'LinuxAuth', {
      facilityNames: ['auth', 'authpriv'], minimumLevel: 'Info', transformKql: 'source | project-away HostIP',
    }));
    forwarder.attachConnector(workspace.addConnector(SyslogConnector, 'Security', {
      facilityNames: secondFacilities, minimumLevel: 'Warning', transformKql: 'source | project-away HostIP',
    }));
    return stack;
  }

  test('passes two rules with different facilities on one forwarder', () => {
    expect(findingsOf(twoSyslogRules(['cron']), 'Sentinel-DCR1')).toEqual([]);
  });

  test('fails synth for two rules that collect auth at Warning into Syslog on one forwarder', () => {
    expect(synthError(twoSyslogRules(['cron', 'auth']))).toMatch(new RegExp('test/Sentinel/Security/Rule/Resource: \\[Sentinel-DCR1\\] '
      + 'syslog data source "syslog" collects facility "auth" at level "Warning" into Microsoft-Syslog, as does data source "syslog" of '
      + 'azurerm_monitor_data_collection_rule\\.Sentinel_LinuxAuth_Rule_\\w+, on the same machine \\(\\$\\{azurerm_linux_virtual_machine\\.'
      + 'Forwarder_E6AEDC44\\.id\\}\\); Azure stores those events twice'));
  });

  test('is suppressed from the config on the later connector', () => {
    const stack = twoSyslogRules(['auth']);
    applySentinelPolicy(stack, { suppressions: [{
      ruleId: 'Sentinel-DCR1', path: 'Sentinel/Security', reason: 'Both rules run side by side for the two weeks of the migration',
    }] });
    expect(findingsOf(stack, 'Sentinel-DCR1')).toEqual([expect.objectContaining({
      constructPath: 'test/Sentinel/Security/Rule/Resource', suppression: { reason: 'Both rules run side by side for the two weeks of the migration' },
    })]);
  });
});

describe('Sentinel-CON1: connector without a support contact', () => {
  const connector: Omit<LogsIngestionConnectorProps, 'workspace'> = {
    connectorId: 'ContosoApp', title: 'Contoso application', publisher: 'Contoso', streamName: 'Custom-ContosoApp',
    streamColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Message', type: 'string' }], tableName: 'ContosoApp_CL',
    tableColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Message', type: 'string' }],
  };

  test('passes a connector that names its support, and Microsoft\'s connectors', () => {
    const { stack, workspace } = policyStack();
    workspace.addConnector(LogsIngestionConnector, 'ContosoApp', { ...connector, support: { name: 'Contoso SOC', email: 'soc@contoso.com' } });
    workspace.addConnector(SyslogConnector, 'LinuxAuth', { facilityNames: ['auth'], minimumLevel: 'Info', transformKql: 'source | project-away HostIP' });
    expect(findingsOf(stack, 'Sentinel-CON1')).toEqual([]);
  });

  test('warns about a connector with no support contact', () => {
    const { stack, workspace } = policyStack();
    workspace.addConnector(LogsIngestionConnector, 'ContosoApp', connector);
    expect(findingsOf(stack, 'Sentinel-CON1')).toEqual([{
      ruleId: 'Sentinel-CON1', severity: 'warning', title: 'Connector without a support contact', constructPath: 'test/Sentinel/ContosoApp',
      message: 'the connector "ContosoApp" (Contoso) names no support contact: support lacks a name and an e-mail address or a link; '
        + 'expected support: { name, email or link } of whoever fixes it when data stops. When a connector stops sending, the SOC must '
        + 'know whom to call; Sentinel shows such a connector as Community supported.',
    }]);
  });

  test('is suppressed in code on the connector', () => {
    const { stack, workspace } = policyStack();
    const app = workspace.addConnector(LogsIngestionConnector, 'ContosoApp', connector);
    suppressPolicyRule(app, 'Sentinel-CON1', 'A proof of concept removed after the pilot; nobody supports it');
    expect(findingsOf(stack, 'Sentinel-CON1').map((finding) => finding.suppression)).toEqual([
      { reason: 'A proof of concept removed after the pilot; nobody supports it' },
    ]);
  });
});

describe('Sentinel-DCR2: transformation keeps every column of a noisy table', () => {
  test('passes a Syslog rule whose transformation drops a column', () => {
    const { stack, workspace } = policyStack();
    workspace.addConnector(SyslogConnector, 'LinuxAuth', { facilityNames: ['auth'], minimumLevel: 'Info', transformKql: 'source | project-away HostIP' });
    expect(findingsOf(stack, 'Sentinel-DCR2')).toEqual([]);
  });

  test('warns about a Syslog rule without a transformation', () => {
    const { stack, workspace } = policyStack();
    workspace.addConnector(SyslogConnector, 'LinuxAuth', { facilityNames: ['auth'], minimumLevel: 'Info' });
    expect(findingsOf(stack, 'Sentinel-DCR2')).toEqual([expect.objectContaining({
      severity: 'warning', constructPath: 'test/Sentinel/LinuxAuth/Rule/Resource',
      resourceAddress: expect.stringMatching(/^azurerm_monitor_data_collection_rule\.Sentinel_LinuxAuth_Rule_/),
      message: expect.stringMatching(/^data_flow\[0\] into Syslog has no transform_kql, so every column of every event is stored/),
    })]);
  });

  test('is suppressed in code on the connector, which covers its rule', () => {
    const { stack, workspace } = policyStack();
    const syslog = workspace.addConnector(SyslogConnector, 'LinuxAuth', { facilityNames: ['auth'], minimumLevel: 'Info' });
    suppressPolicyRule(syslog, 'Sentinel-DCR2', 'The parser reads every column of these few authentication events');
    expect(findingsOf(stack, 'Sentinel-DCR2').map((finding) => finding.suppression)).toEqual([
      { reason: 'The parser reads every column of these few authentication events' },
    ]);
  });
});
