import { CefConnector } from '../../../constructs/connectors/cef-connector';
import { SyslogConnector } from '../../../constructs/connectors/syslog-connector';
import { newWorkspaceStack, resourcesOf, synth, synthError, synthWithMetadata } from '../../support/synth';

const VM = (name: string) => `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-fwd/providers/Microsoft.Compute/virtualMachines/${name}`;

describe('SyslogConnector and CefConnector', () => {
  test('each makes its rule and associates it with every forwarder', () => {
    const { stack, workspace } = newWorkspaceStack();
    const syslog = workspace.addConnector(SyslogConnector, 'LinuxAuth', {
      facilityNames: ['auth', 'authpriv'], minimumLevel: 'Info', forwarderResourceIds: [VM('fwd-01')],
    });
    new CefConnector(stack, 'Firewalls', {
      workspace, facilityNames: ['local4'], minimumLevel: 'Warning', transformKql: 'source | where Activity !has "heartbeat"',
      forwarderResourceIds: [VM('fwd-01'), VM('fwd-02')],
    });
    syslog.attachForwarder(VM('fwd-02'));
    const synthesized = synth(stack);

    const rules = resourcesOf(synthesized, 'azurerm_monitor_data_collection_rule');
    expect(rules).toEqual(expect.arrayContaining([
      expect.objectContaining({
        name: 'contoso-sentinel-LinuxAuth', kind: 'Linux',
        data_sources: { syslog: [expect.objectContaining({ name: 'syslog', streams: ['Microsoft-Syslog'], facility_names: ['auth', 'authpriv'] })] },
      }),
      expect.objectContaining({
        name: 'contoso-sentinel-Firewalls',
        data_sources: { syslog: [expect.objectContaining({ name: 'cef', streams: ['Microsoft-CommonSecurityLog'],
          log_levels: ['Warning', 'Error', 'Critical', 'Alert', 'Emergency'] })] },
        data_flow: [expect.objectContaining({ transform_kql: 'source | where Activity !has "heartbeat"' })],
      }),
    ]));
    const associations = resourcesOf(synthesized, 'azurerm_monitor_data_collection_rule_association');
    expect(associations.map((association) => association.target_resource_id)).toEqual([VM('fwd-01'), VM('fwd-02'), VM('fwd-01'), VM('fwd-02')]);
    expect(syslog.forwarderResourceIds).toEqual([VM('fwd-01'), VM('fwd-02')]);
    expect(workspace.connectors.map((connector) => connector.catalogEntry.connectorId)).toEqual(['SyslogAma', 'CefAma']);
  });

  test('records the catalog entry, facilities and levels in the Terraform JSON', () => {
    const { stack, workspace } = newWorkspaceStack();
    new CefConnector(stack, 'Firewalls', { workspace, facilityNames: ['local4'], logLevels: ['Warning', 'Error'] });
    const [recorded] = synthWithMetadata(stack)['//']?.sentinel?.connectors ?? [];
    expect(recorded).toMatchObject({
      constructPath: 'test/Firewalls',
      workspace: 'azurerm_log_analytics_workspace.Sentinel_64DAE5A3',
      catalogEntry: { connectorId: 'CefAma', ingestionPath: 'cef-ama', tables: ['CommonSecurityLog'], support: { tier: 'Microsoft' } },
      details: { facilityNames: ['local4'], logLevels: ['Warning', 'Error'], forwarders: [] },
      resources: ['azurerm_monitor_data_collection_rule.Firewalls_Rule_1FD12EE3'],
    });
  });

  test('accepts different facilities on one forwarder, and the same facility on different forwarders', () => {
    const { stack, workspace } = newWorkspaceStack();
    new SyslogConnector(stack, 'LinuxAuth', { workspace, facilityNames: ['auth'], minimumLevel: 'Info', forwarderResourceIds: [VM('fwd-01')] });
    new CefConnector(stack, 'Firewalls', { workspace, facilityNames: ['local4'], minimumLevel: 'Info', forwarderResourceIds: [VM('fwd-01')] });
    new SyslogConnector(stack, 'Local4Elsewhere', { workspace, facilityNames: ['local4'], minimumLevel: 'Info', forwarderResourceIds: [VM('fwd-09')] });
    expect(() => synth(stack)).not.toThrow();
  });

  test('fails when a Syslog and a CEF connector collect one facility on one forwarder', () => {
    const { stack, workspace } = newWorkspaceStack();
    new SyslogConnector(stack, 'Everything', { workspace, facilityNames: ['*'], minimumLevel: 'Info', forwarderResourceIds: [VM('fwd-01')] });
    new CefConnector(stack, 'Firewalls', { workspace, facilityNames: ['local4'], minimumLevel: 'Warning', forwarderResourceIds: [VM('fwd-01')] });
    expect(synthError(stack)).toContain(`[test/Everything] facilityNames: facility "local4" is also collected by the CEF connector test/Firewalls `
      + `on the same forwarder (${VM('fwd-01')}); Azure stores those events twice, in Syslog and in CommonSecurityLog.`);
  });

  test('accepts the duplicate when the user says it is intended', () => {
    const { stack, workspace } = newWorkspaceStack();
    new SyslogConnector(stack, 'Everything', {
      workspace, facilityNames: ['*'], minimumLevel: 'Info', forwarderResourceIds: [VM('fwd-01')],
      transformKql: 'source | where ProcessName !contains "CEF"', allowDuplicateEvents: true,
    });
    new CefConnector(stack, 'Firewalls', { workspace, facilityNames: ['local4'], minimumLevel: 'Warning', forwarderResourceIds: [VM('fwd-01')] });
    expect(() => synth(stack)).not.toThrow();
  });

  test('fails on a broken transformation with the rule\'s path', () => {
    const { stack, workspace } = newWorkspaceStack();
    new CefConnector(stack, 'Firewalls', { workspace, facilityNames: ['local4'], minimumLevel: 'Warning', transformKql: 'source | where' });
    expect(synthError(stack)).toContain('[test/Firewalls/Rule] dataFlows[0].transformKql: line 1, column 15: Missing expression (KS006)');
  });

  test('fails at once on an unknown facility, naming the rule\'s field', () => {
    const { stack, workspace } = newWorkspaceStack();
    expect(() => new SyslogConnector(stack, 'Bad', { workspace, facilityNames: ['secure' as never], minimumLevel: 'Info' }))
      .toThrow('[test/Bad/Rule] syslogDataSources[0].facilityNames[0]: "secure" is not a syslog facility');
  });
});
