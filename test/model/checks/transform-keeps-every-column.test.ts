import { checkTransformKeepsEveryColumn } from '../../../model/checks/transform-keeps-every-column';
import { policyInput, resource } from './policy-input-fixtures';

function ruleWithFlow(flow: Record<string, unknown>, streamDeclaration?: Record<string, unknown>) {
  return policyInput([resource('azurerm_monitor_data_collection_rule', 'Rule', {
    data_flow: [{ destinations: ['sentinelWorkspace'], ...flow }],
    ...(streamDeclaration === undefined ? {} : { stream_declaration: [streamDeclaration] }),
  })]);
}

describe('Sentinel-DCR2: transformation keeps every column of a noisy table', () => {
  test('passes a transformation that drops or picks columns, and flows into quiet tables', () => {
    expect(checkTransformKeepsEveryColumn(ruleWithFlow({
      streams: ['Microsoft-CommonSecurityLog'], transform_kql: 'source | where DeviceVendor == "Contoso" | project-away AdditionalExtensions',
    }))).toEqual([]);
    expect(checkTransformKeepsEveryColumn(ruleWithFlow({
      streams: ['Microsoft-Syslog'], transform_kql: 'source | project TimeGenerated, Computer, HostName, SyslogMessage',
    }))).toEqual([]);
    expect(checkTransformKeepsEveryColumn(ruleWithFlow({ streams: ['Custom-App'], output_stream: 'Custom-App_CL' }))).toEqual([]);
    expect(checkTransformKeepsEveryColumn(ruleWithFlow({ streams: ['Microsoft-Syslog'], transform_kql: '${var.transform}' }))).toEqual([]);
  });

  test('finds a flow into Syslog or CommonSecurityLog with no transformation', () => {
    expect(checkTransformKeepsEveryColumn(ruleWithFlow({ streams: ['Microsoft-Syslog'] }))).toEqual([{
      constructPath: 'test/Rule', resourceAddress: 'azurerm_monitor_data_collection_rule.Rule',
      message: 'data_flow[0] into Syslog has no transform_kql, so every column of every event is stored; expected a transformKql '
        + 'that drops the columns nobody reads (source | project-away ...) or keeps only those analytics read (source | project TimeGenerated, ...)',
    }]);
    expect(checkTransformKeepsEveryColumn(ruleWithFlow({ streams: ['Microsoft-CiscoAsa'] }))[0].message).toContain('into CommonSecurityLog');
  });

  test('finds a transformation whose result still holds every input column (where, extend), by the Kusto language service', () => {
    const found = checkTransformKeepsEveryColumn(ruleWithFlow({
      streams: ['Microsoft-CommonSecurityLog'], transform_kql: 'source | where Activity !has "heartbeat" | extend Tag = "fw"',
    }));
    expect(found.map((violation) => violation.message)).toEqual([expect.stringMatching(
      /^data_flow\[0\] into CommonSecurityLog has a transform_kql that drops no column/)]);
  });

  test('judges a declared stream into a noisy table by its declared columns', () => {
    const declaration = { stream_name: 'Custom-Appliance', column: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }] };
    expect(checkTransformKeepsEveryColumn(ruleWithFlow({
      streams: ['Custom-Appliance'], output_stream: 'Microsoft-Syslog', transform_kql: 'source | extend SyslogMessage = RawData',
    }, declaration))).toHaveLength(1);
    expect(checkTransformKeepsEveryColumn(ruleWithFlow({
      streams: ['Custom-Appliance'], output_stream: 'Microsoft-Syslog', transform_kql: 'source | project TimeGenerated, SyslogMessage = RawData',
    }, declaration))).toEqual([]);
  });

  test('without the input\'s columns, looks for an operator that leaves columns out', () => {
    expect(checkTransformKeepsEveryColumn(ruleWithFlow({
      streams: ['Microsoft-SecurityEvent'], transform_kql: 'source | where EventID != 4688',
    }))).toHaveLength(1);
    expect(checkTransformKeepsEveryColumn(ruleWithFlow({
      streams: ['Microsoft-SecurityEvent'], transform_kql: 'source | where EventID != 4688 | project-away CommandLine',
    }))).toEqual([]);
  });
});
