import { LegacyDataCollectorConnector } from '../../../constructs/connectors/legacy-data-collector-connector';
import { LogsIngestionConnector, LogsIngestionConnectorProps } from '../../../constructs/connectors/logs-ingestion-connector';
import { newWorkspaceStack, onlyResource, resourcesOf, synth, synthError, synthWithMetadata, warningsOf } from '../../support/synth';

const SENDER = '11111111-2222-3333-4444-555555555555';
const props: Omit<LogsIngestionConnectorProps, 'workspace'> = {
  connectorId: 'ContosoApp', title: 'Contoso application', publisher: 'Contoso',
  support: { name: 'Contoso SOC', email: 'soc@contoso.com' },
  streamName: 'Custom-ContosoAppRaw',
  streamColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }],
  tableName: 'ContosoApp_CL',
  tableColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Level', type: 'string' }, { name: 'Message', type: 'string' }],
  transformKql: 'source | parse RawData with Level:string " " Message:string | project-away RawData',
  senderPrincipalIds: [SENDER],
};

describe('LogsIngestionConnector', () => {
  test('makes the endpoint, table, rule and the sender\'s role, and outputs what a sender needs', () => {
    const { stack, workspace } = newWorkspaceStack();
    const connector = workspace.addConnector(LogsIngestionConnector, 'ContosoApp', props);
    const synthesized = synth(stack);
    expect(onlyResource(synthesized, 'azurerm_monitor_data_collection_endpoint').name).toBe('contoso-sentinel-ContosoApp-dce');
    expect(onlyResource(synthesized, 'azurerm_log_analytics_workspace_table_custom_log').name).toBe('ContosoApp_CL');
    expect(onlyResource(synthesized, 'azurerm_monitor_data_collection_rule')).toMatchObject({
      name: 'contoso-sentinel-ContosoApp',
      stream_declaration: [{ stream_name: 'Custom-ContosoAppRaw' }],
      data_flow: [{ streams: ['Custom-ContosoAppRaw'], output_stream: 'Custom-ContosoApp_CL', transform_kql: props.transformKql }],
    });
    expect(onlyResource(synthesized, 'azurerm_role_assignment')).toMatchObject({
      principal_id: SENDER,
      role_definition_name: 'Monitoring Metrics Publisher',
      scope: '${azurerm_monitor_data_collection_rule.Sentinel_ContosoApp_Rule_E8A8C195.id}',
    });
    const outputs = Object.values(synthesized.output ?? {}).map((output) => output.value);
    expect(outputs).toEqual(expect.arrayContaining([
      '${azurerm_monitor_data_collection_endpoint.Sentinel_ContosoApp_Endpoint_258ED03B.logs_ingestion_endpoint}/dataCollectionRules/'
        + '${azurerm_monitor_data_collection_rule.Sentinel_ContosoApp_Rule_E8A8C195.immutable_id}/streams/Custom-ContosoAppRaw?api-version=2023-01-01',
      '${azurerm_monitor_data_collection_rule.Sentinel_ContosoApp_Rule_E8A8C195.immutable_id}',
      'Custom-ContosoAppRaw',
    ]));
    expect(connector.catalogEntry.support).toEqual({ tier: 'Partner', name: 'Contoso SOC', email: 'soc@contoso.com' });
  });

  test('is Community supported without a contact, and says so in the Terraform JSON', () => {
    const { stack, workspace } = newWorkspaceStack();
    new LogsIngestionConnector(stack, 'ContosoApp', { ...props, workspace, support: undefined });
    const [recorded] = synthWithMetadata(stack)['//']?.sentinel?.connectors ?? [];
    expect(recorded.catalogEntry).toMatchObject({ publisher: 'Contoso', ingestionPath: 'logs-ingestion-api', support: { tier: 'Community' } });
  });

  test('writes a built-in table through an existing endpoint', () => {
    const { stack, workspace } = newWorkspaceStack();
    new LogsIngestionConnector(stack, 'CefOverHttp', {
      workspace, connectorId: 'CefOverHttp', title: 'CEF over HTTP', streamName: 'Custom-Cef',
      streamColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'DeviceVendor', type: 'string' }], tableName: 'CommonSecurityLog',
    });
    const synthesized = synth(stack);
    expect(resourcesOf(synthesized, 'azurerm_log_analytics_workspace_table_custom_log')).toEqual([]);
    expect(onlyResource(synthesized, 'azurerm_monitor_data_collection_rule').data_flow).toEqual([
      expect.objectContaining({ output_stream: 'Microsoft-CommonSecurityLog' }),
    ]);
  });

  test('fails when the stream is not a declared Custom- stream', () => {
    const { stack, workspace } = newWorkspaceStack();
    expect(() => new LogsIngestionConnector(stack, 'Bad', { ...props, workspace, streamName: 'ContosoAppRaw' }))
      .toThrow('[test/Bad] streamName: "ContosoAppRaw" must start with "Custom-": senders post to a stream the rule declares');
  });

  test('fails when the transformation does not fit the table', () => {
    const { stack, workspace } = newWorkspaceStack();
    new LogsIngestionConnector(stack, 'ContosoApp', { ...props, workspace, transformKql: 'source | extend Level = 1 | project-away RawData' });
    expect(synthError(stack)).toContain("[test/ContosoApp/Rule] dataFlows[0].transformKql: line 1, column 17: The result column 'Level' is long");
  });

  test('fails on a catalog entry the schema refuses', () => {
    const { stack, workspace } = newWorkspaceStack();
    expect(() => new LogsIngestionConnector(stack, 'Bad', { ...props, workspace, connectorId: 'Contoso App', support: { name: 'x', link: 'ftp://x' } }))
      .toThrow('[test/Bad] catalogEntry: connectorId: must match pattern');
  });
});

describe('LegacyDataCollectorConnector', () => {
  test('turns shared-key authentication on with warnings, and offers the Logs Ingestion equivalent', () => {
    const { stack, workspace } = newWorkspaceStack();
    const legacy = new LegacyDataCollectorConnector(stack, 'ContosoAudit', {
      workspace, connectorId: 'ContosoAudit', title: 'Contoso audit (legacy)', logType: 'ContosoAudit',
      legacyColumns: ['Computer_s', 'Duration_d'],
    });
    new LogsIngestionConnector(stack, 'ContosoAuditV2', {
      workspace, connectorId: 'ContosoAuditV2', title: 'Contoso audit', ...(legacy.logsIngestionEquivalent as NonNullable<typeof legacy.logsIngestionEquivalent>),
    });
    const synthesized = synth(stack);
    expect(onlyResource(synthesized, 'azurerm_log_analytics_workspace').local_authentication_enabled).toBe(true);
    expect(onlyResource(synthesized, 'azurerm_log_analytics_workspace_table_custom_log')).toMatchObject({
      name: 'ContosoAudit_CL',
      column: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Computer_s', type: 'string' }, { name: 'Duration_d', type: 'real' }],
    });
    expect(warningsOf(stack)).toEqual([
      '[test/Sentinel] localAuthenticationEnabled: shared-key authentication is on for test/ContosoAudit: anyone with the workspace key can '
        + 'send data through the retired HTTP Data Collector API. Turn it off once no sender needs it',
      '[test/ContosoAudit] logType: the HTTP Data Collector API was retired on 2026-09-14; move the sender of ContosoAudit_CL to the '
        + 'Logs Ingestion API (see logsIngestionEquivalent)',
    ]);
    expect(legacy.catalogEntry).toMatchObject({ ingestionPath: 'data-collector-api', tables: ['ContosoAudit_CL'] });
  });

  test('fails on a bad Log-Type or a column without a suffix', () => {
    const { stack, workspace } = newWorkspaceStack();
    expect(() => new LegacyDataCollectorConnector(stack, 'A', { workspace, connectorId: 'A', title: 'A', logType: 'Contoso Audit' }))
      .toThrow('[test/A] logType: "Contoso Audit" is not a valid Log-Type');
    expect(() => new LegacyDataCollectorConnector(stack, 'B', { workspace, connectorId: 'B', title: 'B', logType: 'B', legacyColumns: ['Computer'] }))
      .toThrow('[test/B] legacyColumns: "Computer" does not end in a type suffix');
  });
});
