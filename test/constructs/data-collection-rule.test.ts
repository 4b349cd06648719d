import { CustomTable } from '../../constructs/custom-table';
import { DataCollectionEndpoint } from '../../constructs/data-collection-endpoint';
import { DataCollectionRule, DataCollectionRuleKind, DataCollectionRuleProps } from '../../constructs/data-collection-rule';
import { SentinelWorkspace } from '../../constructs/sentinel-workspace';
import { StreamColumnType } from '../../model/tables/table-schema';
import { readTestdataDataCollectionRule } from '../support/shared-testdata';
import { newStack, newWorkspaceStack, onlyResource, synth, synthError, warningsOf } from '../support/synth';

const ONBOARDING = 'azurerm_sentinel_log_analytics_workspace_onboarding.Sentinel_SentinelOnboarding_2D7913B4';

function ruleStack(props: Partial<DataCollectionRuleProps>, withTable = false) {
  const { stack, workspace } = newWorkspaceStack();
  if (withTable) {
    new CustomTable(stack, 'AppTable', {
      workspace, tableName: 'ContosoApp_CL',
      columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Level', type: 'string' }, { name: 'DurationMs', type: 'int' }],
    });
  }
  const rule = new DataCollectionRule(stack, 'Rule', { workspace, ...props });
  return { stack, workspace, rule };
}

const syslogAndCef: Partial<DataCollectionRuleProps> = {
  syslogDataSources: [
    { name: 'linux-auth', facilityNames: ['auth', 'authpriv'], minimumLevel: 'Info' },
    { name: 'cef', stream: 'Microsoft-CommonSecurityLog', facilityNames: ['local4'], logLevels: ['Warning', 'Error'] },
  ],
  dataFlows: [
    { streams: ['Microsoft-Syslog'] },
    { streams: ['Microsoft-CommonSecurityLog'], transformKql: 'source | where Activity !has "heartbeat"' },
  ],
};

describe('DataCollectionRule', () => {
  test('collects syslog and CEF: Linux kind, expanded minimum level, flows to the workspace, after onboarding', () => {
    const { stack } = ruleStack(syslogAndCef);
    expect(onlyResource(synth(stack), 'azurerm_monitor_data_collection_rule')).toMatchObject({
      name: 'contoso-sentinel-Rule',
      kind: 'Linux',
      location: 'westeurope',
      depends_on: [ONBOARDING],
      destinations: { log_analytics: [{ name: 'sentinelWorkspace', workspace_resource_id: '${azurerm_log_analytics_workspace.Sentinel_64DAE5A3.id}' }] },
      data_sources: {
        syslog: [
          { name: 'linux-auth', streams: ['Microsoft-Syslog'], facility_names: ['auth', 'authpriv'],
            log_levels: ['Info', 'Notice', 'Warning', 'Error', 'Critical', 'Alert', 'Emergency'] },
          { name: 'cef', streams: ['Microsoft-CommonSecurityLog'], facility_names: ['local4'], log_levels: ['Warning', 'Error'] },
        ],
      },
      data_flow: [
        { streams: ['Microsoft-Syslog'], destinations: ['sentinelWorkspace'] },
        { streams: ['Microsoft-CommonSecurityLog'], destinations: ['sentinelWorkspace'], transform_kql: 'source | where Activity !has "heartbeat"' },
      ],
    });
    expect(warningsOf(stack)).toEqual([]);
  });

  test('declares a stream for the Logs Ingestion API and parses it into a custom table', () => {
    const { stack, workspace } = newWorkspaceStack();
    const endpoint = new DataCollectionEndpoint(stack, 'Endpoint', { workspace });
    const table = new CustomTable(stack, 'AppTable', {
      workspace, tableName: 'ContosoApp_CL',
      columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Level', type: 'string' }, { name: 'DurationMs', type: 'int' }],
    });
    new DataCollectionRule(stack, 'Rule', {
      workspace, dataCollectionEndpoint: endpoint, dataCollectionRuleName: 'dcr-contoso-app',
      streamDeclarations: { 'Custom-ContosoAppRaw': [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }] },
      dataFlows: [{
        streams: ['Custom-ContosoAppRaw'], outputStream: table.outputStreamName,
        transformKql: 'source | parse RawData with Level:string " " DurationMs:int | project-away RawData',
      }],
    });
    const rule = onlyResource(synth(stack), 'azurerm_monitor_data_collection_rule');
    expect(rule).toMatchObject({
      name: 'dcr-contoso-app',
      data_collection_endpoint_id: '${azurerm_monitor_data_collection_endpoint.Endpoint_EEF1FD8F.id}',
      stream_declaration: [{ stream_name: 'Custom-ContosoAppRaw', column: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }] }],
      data_flow: [{ streams: ['Custom-ContosoAppRaw'], output_stream: 'Custom-ContosoApp_CL' }],
    });
    expect(rule).not.toHaveProperty('kind');
    expect(rule).not.toHaveProperty('data_sources');
  });

  test('reads text logs with a log file source', () => {
    const { stack } = ruleStack({
      streamDeclarations: { 'Custom-ContosoAppText': [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }] },
      logFileDataSources: [{ name: 'app-files', stream: 'Custom-ContosoAppText', filePatterns: ['/var/log/contoso/*.log'], recordStartTimestampFormat: 'ISO 8601' }],
      dataFlows: [{ streams: ['Custom-ContosoAppText'], outputStream: 'Custom-ContosoApp_CL', transformKql: 'source | extend Level = "info" | project-away RawData' }],
    }, true);
    expect(onlyResource(synth(stack), 'azurerm_monitor_data_collection_rule')).toMatchObject({
      kind: 'Linux',
      data_sources: { log_file: [{ name: 'app-files', streams: ['Custom-ContosoAppText'], file_patterns: ['/var/log/contoso/*.log'],
        format: 'text', settings: { text: { record_start_timestamp_format: 'ISO 8601' } } }] },
    });
  });

  test('takes sources and flows added after construction', () => {
    const { stack, rule } = ruleStack({});
    rule.addSyslogDataSource({ name: 'daemons', facilityNames: ['daemon'], logLevels: ['*'] });
    rule.addDataFlow({ streams: ['Microsoft-Syslog'] });
    expect(onlyResource(synth(stack), 'azurerm_monitor_data_collection_rule')).toMatchObject({
      data_sources: { syslog: [{ name: 'daemons', facility_names: ['daemon'], log_levels: ['*'] }] },
      data_flow: [{ streams: ['Microsoft-Syslog'] }],
    });
  });

  test('imports a rule by ID', () => {
    const imported = DataCollectionRule.fromDataCollectionRuleId(newStack(), 'Existing',
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/dataCollectionRules/dcr-syslog');
    expect(imported.dataCollectionRuleName).toBe('dcr-syslog');
  });

  test('fails on an output table that no CustomTable of the workspace declares, naming the one it probably meant', () => {
    const { stack } = ruleStack({
      streamDeclarations: { 'Custom-A': [{ name: 'TimeGenerated', type: 'datetime' }] },
      dataFlows: [{ streams: ['Custom-A'], outputStream: 'Custom-ContosoAp_CL' }],
    }, true);
    expect(synthError(stack)).toContain('[test/Rule] dataFlows[0].outputStream: the table "ContosoAp_CL" is declared by no CustomTable of '
      + 'workspace test/Sentinel (did you mean "ContosoApp_CL"?); Azure refuses a rule whose output table does not exist. '
      + 'Declare it with a CustomTable (declared: "ContosoApp_CL")');
  });

  test('warns when the output table of an imported workspace is not declared in the app, and about a declared stream no flow reads', () => {
    const stack = newStack();
    const workspace = SentinelWorkspace.fromWorkspaceAttributes(stack, 'Existing', {
      workspaceResourceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/soc',
      workspaceId: '11111111-1111-1111-1111-111111111111', location: 'westeurope',
    });
    new DataCollectionRule(stack, 'Rule', {
      workspace,
      streamDeclarations: {
        'Custom-A': [{ name: 'TimeGenerated', type: 'datetime' }],
        'Custom-Unused': [{ name: 'TimeGenerated', type: 'datetime' }],
      },
      dataFlows: [{ streams: ['Custom-A'], outputStream: 'Custom-Elsewhere_CL' }],
    });
    synth(stack);
    expect(warningsOf(stack)).toEqual([
      '[test/Rule] streamDeclarations.Custom-Unused: no data flow reads this stream, so its records are dropped',
      '[test/Rule] dataFlows[0].outputStream: the table "Elsewhere_CL" is not declared by a CustomTable of workspace test/Existing in this app: '
        + 'it must exist in the workspace before this rule is deployed, and the transformation\'s result cannot be checked against its columns',
    ]);
  });

  test('warns about a transformation that narrows a long into an int column', () => {
    const { stack } = ruleStack({
      streamDeclarations: { 'Custom-A': [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }] },
      dataFlows: [{ streams: ['Custom-A'], outputStream: 'Custom-ContosoApp_CL', transformKql: 'source | extend DurationMs = strlen(RawData) | project-away RawData' }],
    }, true);
    synth(stack);
    expect(warningsOf(stack)).toEqual([expect.stringContaining(
      "[test/Rule] dataFlows[0].transformKql: line 1, column 17: The result column 'DurationMs' is long, but 'ContosoApp_CL.DurationMs' is int and values beyond its range would be lost",
    )]);
  });
});

describe('DataCollectionRule fails at synth', () => {
  test('on a broken transformation, with the construct path, the KQL position and the analyzer\'s message', () => {
    const { stack } = ruleStack({
      syslogDataSources: [{ name: 'auth', facilityNames: ['auth'], minimumLevel: 'Info' }],
      dataFlows: [{ streams: ['Microsoft-Syslog'], transformKql: 'source\n| where SeverityLevel == "err"\n| extend Host = ' }],
    });
    expect(synthError(stack)).toContain([
      '[test/Rule] dataFlows[0].transformKql: line 3, column 16: Missing expression (KS006)',
      '    | extend Host = ',
      '                   ^',
    ].join('\n'));
  });

  test('on a transformation with an unknown column of the input stream', () => {
    const { stack } = ruleStack({
      syslogDataSources: [{ name: 'auth', facilityNames: ['auth'], minimumLevel: 'Info' }],
      dataFlows: [{ streams: ['Microsoft-Syslog'], transformKql: 'source | where Hostname == "fw01"' }],
    });
    expect(synthError(stack)).toContain("[test/Rule] dataFlows[0].transformKql: line 1, column 16: The name 'Hostname' does not refer to any known column, table, variable or function. (KS142)");
  });

  test('on a transformation outside the supported subset', () => {
    const { stack } = ruleStack({
      syslogDataSources: [{ name: 'auth', facilityNames: ['auth'], minimumLevel: 'Info' }],
      dataFlows: [{ streams: ['Microsoft-Syslog'], transformKql: 'source | summarize count() by HostName' }],
    });
    expect(synthError(stack)).toContain("[test/Rule] dataFlows[0].transformKql: line 1, column 10: The 'summarize' operator is not supported in a transformation");
  });

  test('when the result misses TimeGenerated', () => {
    const { stack } = ruleStack({
      streamDeclarations: { 'Custom-A': [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Level', type: 'string' }] },
      dataFlows: [{ streams: ['Custom-A'], outputStream: 'Custom-ContosoApp_CL', transformKql: 'source | project Level' }],
    }, true);
    expect(synthError(stack)).toContain("[test/Rule] dataFlows[0].transformKql: line 1, column 23: The result has no 'TimeGenerated' column");
  });

  test('warns, and synthesizes, when a stream passed through has a column the custom table lacks: ingestion drops it', () => {
    const { stack } = ruleStack({
      streamDeclarations: { 'Custom-A': [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }] },
      dataFlows: [{ streams: ['Custom-A'], outputStream: 'Custom-ContosoApp_CL' }],
    }, true);
    // Without a transformation the stream's columns go to the table as they are; RawData is not a table column. Azure
    // accepts the rule and drops the column at ingestion.
    synth(stack);
    expect(warningsOf(stack)).toEqual(['[test/Rule] dataFlows[0].transformKql: without a transformation the column "RawData" of '
      + '"Custom-A" goes to "ContosoApp_CL", which has no such column: ingestion drops it (billed, not stored); add a transformKql '
      + 'that renames or drops it (project-away RawData)']);
  });

  test('when a result column has the wrong type', () => {
    const { stack } = ruleStack({
      streamDeclarations: { 'Custom-A': [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }] },
      dataFlows: [{ streams: ['Custom-A'], outputStream: 'Custom-ContosoApp_CL', transformKql: 'source | extend Level = 1 | project-away RawData' }],
    }, true);
    expect(synthError(stack)).toContain("[test/Rule] dataFlows[0].transformKql: line 1, column 17: The result column 'Level' is long, but 'ContosoApp_CL.Level' is string; convert it with tostring(). (SCDK013)");
  });

  test('when a flow reads a stream nobody declares or produces', () => {
    const { stack } = ruleStack({ dataFlows: [{ streams: ['Custom-Missing'], outputStream: 'Custom-ContosoApp_CL' }] }, true);
    expect(synthError(stack)).toContain('[test/Rule] dataFlows[0].streams: "Custom-Missing" is neither declared in streamDeclarations nor produced by a data source of this rule; declare it with its columns');
  });

  test('when a declared stream flows without an output stream', () => {
    const { stack } = ruleStack({
      streamDeclarations: { 'Custom-A': [{ name: 'TimeGenerated', type: 'datetime' }] },
      dataFlows: [{ streams: ['Custom-A'] }],
    });
    expect(synthError(stack)).toContain('[test/Rule] dataFlows[0].outputStream: a flow from a declared stream needs an outputStream');
  });

  test('when a data source\'s stream has no flow, or the rule has no flow', () => {
    const { stack } = ruleStack({ syslogDataSources: [{ name: 'auth', facilityNames: ['auth'], minimumLevel: 'Info' }] });
    const message = synthError(stack);
    expect(message).toContain('[test/Rule] dataFlows: no data flow reads the stream "Microsoft-Syslog" that a data source of this rule produces');
    expect(message).toContain('[test/Rule] dataFlows: a rule needs at least one data flow');
  });

  test('when a log file source writes an undeclared stream', () => {
    const { stack } = ruleStack({
      logFileDataSources: [{ name: 'files', stream: 'Custom-Text', filePatterns: ['/var/log/app.log'] }],
      dataFlows: [{ streams: ['Custom-Text'], outputStream: 'Custom-ContosoApp_CL' }],
    }, true);
    expect(synthError(stack)).toContain('[test/Rule] logFileDataSources[0].stream: "Custom-Text" is not declared; add it to streamDeclarations');
  });

  test('when syslog is sent to CommonSecurityLog', () => {
    const { stack } = ruleStack({
      syslogDataSources: [{ name: 'auth', facilityNames: ['auth'], minimumLevel: 'Info' }],
      dataFlows: [{ streams: ['Microsoft-Syslog'], outputStream: 'Microsoft-CommonSecurityLog' }],
    });
    expect(synthError(stack)).toContain('[test/Rule] dataFlows[0].outputStream: the stream "Microsoft-Syslog" cannot write CommonSecurityLog');
  });
});

describe('DataCollectionRule fails at once', () => {
  const fails = (props: Partial<DataCollectionRuleProps>) => () => ruleStack(props);
  const auth = { name: 'auth', facilityNames: ['auth' as const], minimumLevel: 'Info' as const };

  test('on a facility name Azure does not know', () => {
    expect(fails({ syslogDataSources: [{ ...auth, facilityNames: ['security' as never] }] }))
      .toThrow('[test/Rule] syslogDataSources[0].facilityNames[0]: "security" is not a syslog facility; expected one of *, alert, audit');
  });

  test('on more than 20 facilities', () => {
    const many = ['alert', 'audit', 'auth', 'authpriv', 'clock', 'cron', 'daemon', 'ftp', 'kern', 'local0', 'local1', 'local2',
      'local3', 'local4', 'local5', 'local6', 'local7', 'lpr', 'mail', 'news', 'ntp'] as const;
    expect(fails({ syslogDataSources: [{ ...auth, facilityNames: [...many] }] }))
      .toThrow('[test/Rule] syslogDataSources[0].facilityNames: lists 21 facilities; a syslog source accepts at most 20');
  });

  test('on a facility listed twice, or none', () => {
    expect(fails({ syslogDataSources: [{ ...auth, facilityNames: ['auth', 'auth'] }] })).toThrow('syslogDataSources[0].facilityNames: "auth" is listed twice');
    expect(fails({ syslogDataSources: [{ ...auth, facilityNames: [] }] })).toThrow('syslogDataSources[0].facilityNames: lists no facility');
  });

  test('on a level name Azure does not know', () => {
    expect(fails({ syslogDataSources: [{ name: 'auth', facilityNames: ['auth'], logLevels: ['warn' as never] }] }))
      .toThrow('[test/Rule] syslogDataSources[0].logLevels[0]: "warn" is not a log level; expected one of Debug, Info, Notice, Warning, Error, Critical, Alert, Emergency or *');
    expect(fails({ syslogDataSources: [{ name: 'auth', facilityNames: ['auth'], minimumLevel: 'Informational' as never }] }))
      .toThrow('[test/Rule] syslogDataSources[0].minimumLevel: "Informational" is not a log level');
  });

  test('on both or neither of minimumLevel and logLevels', () => {
    expect(fails({ syslogDataSources: [{ name: 'auth', facilityNames: ['auth'] }] }))
      .toThrow('[test/Rule] syslogDataSources[0].minimumLevel: give either minimumLevel (that level and every more severe one) or logLevels (an explicit set), not both or neither');
    expect(fails({ syslogDataSources: [{ ...auth, logLevels: ['Error'] }] })).toThrow('not both or neither');
  });

  test('on a syslog source into a stream that is not syslog', () => {
    expect(fails({ syslogDataSources: [{ ...auth, stream: 'Microsoft-Event' as never }] }))
      .toThrow('[test/Rule] syslogDataSources[0].stream: "Microsoft-Event" is not a syslog stream; expected one of Microsoft-Syslog, Microsoft-CommonSecurityLog, Microsoft-CiscoAsa');
  });

  test('on two sources with one name, or a bad name', () => {
    expect(fails({ syslogDataSources: [auth, { ...auth }] })).toThrow('[test/Rule] syslogDataSources[1].name: "auth" is already the name of another data source of this rule');
    expect(fails({ syslogDataSources: [{ ...auth, name: 'linux auth' }] })).toThrow('syslogDataSources[0].name: "linux auth" is not a valid data source name');
  });

  test('on a stream declaration not named Custom-', () => {
    expect(fails({ streamDeclarations: { ContosoApp: [{ name: 'TimeGenerated', type: 'datetime' }] } }))
      .toThrow('[test/Rule] streamDeclarations: "ContosoApp" is not a valid declared stream name');
  });

  test('on a stream column type that streams do not have', () => {
    expect(fails({ streamDeclarations: { 'Custom-A': [{ name: 'Id', type: 'guid' as never }] } }))
      .toThrow('[test/Rule] streamDeclarations.Custom-A[0].type: "guid" is not a stream column type; expected one of string, int, long, real, boolean, datetime, dynamic');
  });

  test('on a stream column declared twice, or no columns', () => {
    expect(fails({ streamDeclarations: { 'Custom-A': [{ name: 'A', type: 'string' }, { name: 'A', type: 'long' }] } }))
      .toThrow('streamDeclarations.Custom-A[1].name: "A" is declared twice');
    expect(fails({ streamDeclarations: { 'Custom-A': [] } })).toThrow('streamDeclarations.Custom-A: declares no column');
  });

  test('on a transformation over several streams', () => {
    expect(fails({ dataFlows: [{ streams: ['Microsoft-Syslog', 'Microsoft-CommonSecurityLog'], transformKql: 'source' }] }))
      .toThrow('[test/Rule] dataFlows[0].streams: a flow with a transformation takes exactly one stream, got 2; add one flow per stream');
  });

  test('on an output stream without a prefix, or a Custom- one that is no table', () => {
    expect(fails({ dataFlows: [{ streams: ['Microsoft-Syslog'], outputStream: 'ContosoApp_CL' }] }))
      .toThrow('[test/Rule] dataFlows[0].outputStream: "ContosoApp_CL" is not an output stream; expected "Custom-<Name>_CL" or "Microsoft-<Table>"');
    expect(fails({ dataFlows: [{ streams: ['Microsoft-Syslog'], outputStream: 'Custom-ContosoApp' }] }))
      .toThrow('dataFlows[0].outputStream: "Custom-ContosoApp" writes no table');
  });

  test('on a relative file pattern or an unknown timestamp format', () => {
    const declared = { 'Custom-T': [{ name: 'TimeGenerated', type: 'datetime' as const }, { name: 'RawData', type: 'string' as const }] };
    expect(fails({ streamDeclarations: declared, logFileDataSources: [{ name: 'f', stream: 'Custom-T', filePatterns: ['app.log'] }] }))
      .toThrow('[test/Rule] logFileDataSources[0].filePatterns[0]: "app.log" is not an absolute path');
    expect(fails({ streamDeclarations: declared, logFileDataSources: [{ name: 'f', stream: 'Custom-T', filePatterns: ['/a.log'], recordStartTimestampFormat: 'epoch' as never }] }))
      .toThrow('logFileDataSources[0].recordStartTimestampFormat: "epoch" is not a format azurerm accepts');
  });

  test('on a kind other than Linux for agent sources', () => {
    expect(fails({ kind: DataCollectionRuleKind.WINDOWS, syslogDataSources: [auth], dataFlows: [{ streams: ['Microsoft-Syslog'] }] }))
      .toThrow('[test/Rule] kind: syslog and log file sources are collected by the Azure Monitor Agent on Linux; kind must be Linux, got Windows');
  });

  test('beyond 10 data flows', () => {
    const flows = Array.from({ length: 11 }, () => ({ streams: ['Microsoft-Syslog'] }));
    expect(fails({ syslogDataSources: [auth], dataFlows: flows })).toThrow('[test/Rule] dataFlows: a rule has at most 10 data flows');
  });
});

describe('Microsoft\'s Cisco Meraki rule (Azure/Azure-Sentinel, sentinel-content/dcr/CiscoMerakiEventsViaRESTAPI/dcr.json)', () => {
  const file = readTestdataDataCollectionRule('sentinel-content/dcr/CiscoMerakiEventsViaRESTAPI/dcr.json');
  const ids = file.properties.dataFlows.find((flow) => flow.outputStream === 'Microsoft-ASimNetworkSessionLogs');
  if (ids === undefined) {
    throw new Error('the Meraki rule has no ASimNetworkSessionLogs flow');
  }
  const stream = ids.streams[0];
  const meraki = (transformKql: string) => {
    const { stack, workspace } = newWorkspaceStack();
    new DataCollectionRule(stack, 'Meraki', {
      workspace, dataCollectionEndpoint: new DataCollectionEndpoint(stack, 'Endpoint', { workspace }),
      streamDeclarations: { [stream]: file.properties.streamDeclarations[stream].columns.map(({ name, type }) => ({
        name, type: type.toLowerCase() as StreamColumnType })) },
      dataFlows: [{ streams: [stream], outputStream: ids.outputStream, transformKql }],
    });
    return stack;
  };

  test('its IDS flow is checked against the columns of ASimNetworkSessionLogs: it synthesizes, and each dropped column is named', () => {
    const stack = meraki(ids.transformKql);
    expect(onlyResource(synth(stack), 'azurerm_monitor_data_collection_rule')).toMatchObject({
      data_flow: [{ streams: [stream], output_stream: 'Microsoft-ASimNetworkSessionLogs' }],
    });
    const warnings = warningsOf(stack);
    // The rule passes IDS fields through (clientIp, signature, ...) that the ASIM table lacks: Azure drops them.
    expect(warnings).toHaveLength(11);
    expect(warnings[0]).toMatch(/^\[test\/Meraki\] dataFlows\[0\]\.transformKql: line \d+, column \d+: The result column '\w+' .*does not exist in the table 'ASimNetworkSessionLogs'; ingestion drops it \(billed, not stored\)/);
  });

  test('a copy that writes a number into one of its string columns fails, which nothing could see before the catalog', () => {
    const broken = ids.transformKql.replace('EventProduct = "Meraki"', 'EventProduct = 7');
    expect(broken).not.toBe(ids.transformKql);
    expect(synthError(meraki(broken))).toContain("The result column 'EventProduct' is long, but 'ASimNetworkSessionLogs.EventProduct' is string");
  });
});
