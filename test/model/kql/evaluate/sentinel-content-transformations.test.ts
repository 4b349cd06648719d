import { compileTransformation } from '../../../../model/kql/evaluate/compile-transformation';
import { COMMON_SECURITY_LOG_TABLE } from '../../../../model/tables/common-security-log';
import { ColumnDefinition } from '../../../../model/tables/table-schema';
import { readTestdataDataCollectionRule } from '../../../support/shared-testdata';
import { applyAndRead } from './read-row';

const NOW = new Date('2024-05-01T10:00:00Z');
const now = () => NOW;

/** The flow of a rule of `sentinel-content/dcr/` that reads `stream`, with its input columns. */
function flowOf(file: string, stream: string): { transformKql: string; inputColumns: ColumnDefinition[] } {
  const rule = readTestdataDataCollectionRule(file);
  const flow = rule.properties.dataFlows.find((candidate) => candidate.streams[0] === stream);
  if (flow === undefined) {
    throw new Error(`${file} has no flow from ${stream}`);
  }
  return { transformKql: flow.transformKql, inputColumns: rule.properties.streamDeclarations[stream].columns as ColumnDefinition[] };
}

describe('the transformations of stacks/example-stack.ts', () => {
  test('the CEF rule drops heartbeats and keepalives', () => {
    const inputColumns = COMMON_SECURITY_LOG_TABLE.columns.filter((column) => column.reserved !== true);
    const transformation = compileTransformation(
      'source | where Activity !has "heartbeat" and DeviceEventClassID != "keepalive"', inputColumns, { now });
    const event = { TimeGenerated: NOW, Activity: 'Connection denied', DeviceEventClassID: '106023', DestinationPort: 22 };
    expect(applyAndRead(transformation, event)).toMatchObject({ Activity: 'Connection denied', DeviceEventClassID: '106023', DestinationPort: 22 });
    expect(applyAndRead(transformation, { ...event, Activity: 'Periodic HEARTBEAT sent' })).toBeUndefined();
    // `has` matches whole terms: "heartbeats" is another term.
    expect(applyAndRead(transformation, { ...event, Activity: 'heartbeats missed' })).toBeDefined();
    expect(applyAndRead(transformation, { ...event, DeviceEventClassID: 'keepalive' })).toBeUndefined();
    expect(transformation.outputColumns).toHaveLength(inputColumns.length);
  });

  test('the web access log rule parses a combined log line into typed columns', () => {
    const transformation = compileTransformation(
      'source | parse RawData with ClientIP:string " - - [" * "] \\"" Method:string " " Path:string " " * "\\" " Status:int " " * '
      + '| project TimeGenerated, ClientIP, Method, Path, Status, Computer',
      [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }, { name: 'Computer', type: 'string' }], { now });
    const line = '203.0.113.7 - - [10/Oct/2024:13:55:36 +0000] "GET /index.html HTTP/1.1" 200 2326';
    expect(applyAndRead(transformation, { TimeGenerated: '2024-10-10T13:55:37Z', RawData: line, Computer: 'web01' })).toEqual({
      TimeGenerated: new Date('2024-10-10T13:55:37Z'), ClientIP: '203.0.113.7', Method: 'GET', Path: '/index.html', Status: 200,
      Computer: 'web01',
    });
    expect(transformation.outputColumns.map((column) => column.type)).toEqual(['datetime', 'string', 'string', 'string', 'int', 'string']);
    // A line that does not match leaves every parsed column empty (text) or null.
    expect(applyAndRead(transformation, { TimeGenerated: NOW, RawData: 'garbage', Computer: 'web01' })).toEqual({
      TimeGenerated: NOW, ClientIP: '', Method: '', Path: '', Status: null, Computer: 'web01',
    });
  });

  test('the application rule parses key=value text and drops RawData', () => {
    const transformation = compileTransformation(
      'source | parse RawData with Level:string " user=" UserName:string " src=" SourceIP:string " duration_ms=" DurationMs:int '
      + '" msg=" Message:string | project-away RawData',
      [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }], { now });
    expect(applyAndRead(transformation, {
      TimeGenerated: NOW, RawData: 'WARN user=alice src=198.51.100.4 duration_ms=1532 msg=slow login, retried twice',
    })).toEqual({
      TimeGenerated: NOW, Level: 'WARN', UserName: 'alice', SourceIP: '198.51.100.4', DurationMs: 1532,
      Message: 'slow login, retried twice',
    });
    // A duration that is not a number fails the whole parse (simple mode).
    expect(applyAndRead(transformation, { TimeGenerated: NOW, RawData: 'INFO user=bob src=10.0.0.1 duration_ms=fast msg=ok' })).toEqual({
      TimeGenerated: NOW, Level: '', UserName: '', SourceIP: '', DurationMs: null, Message: '',
    });
  });

  test('the audit API rules rename the polled fields', () => {
    const transformation = compileTransformation('source | project TimeGenerated = eventTime, Actor = actor, Action = action', [
      { name: 'eventTime', type: 'datetime' }, { name: 'actor', type: 'string' }, { name: 'action', type: 'string' },
    ], { now });
    expect(applyAndRead(transformation, { eventTime: '2024-04-30T22:15:00.250Z', actor: 'alice@contoso.com', action: 'DeleteUser', extra: 1 }))
      .toEqual({ TimeGenerated: new Date('2024-04-30T22:15:00.250Z'), Actor: 'alice@contoso.com', Action: 'DeleteUser' });
  });
});

describe('Microsoft\'s own data collection rules (sentinel-content/dcr)', () => {
  test('Auth0: renames, projects away and keeps the dynamic columns', () => {
    const { transformKql, inputColumns } = flowOf('sentinel-content/dcr/Auth0/DCR.json', 'Custom-Auth0Logs');
    const transformation = compileTransformation(transformKql, inputColumns, { now });
    const output = applyAndRead(transformation, {
      date: '2024-04-30T08:00:01.123Z', type: 's', description: 'Success Login', connection: 'Username-Password-Authentication',
      connection_id: 'con_1', client_id: 'cli_1', client_name: 'Portal', ip: '198.51.100.23', user_agent: 'Chrome 124',
      hostname: 'contoso.eu.auth0.com', user_id: 'auth0|42', user_name: 'alice@contoso.com', audience: '', scope: 'openid',
      strategy: 'auth0', strategy_type: 'database', location_info: { country_code: 'NL' }, details: { prompts: [] },
      log_id: '900', tenant_name: 'contoso', isMobile: false,
    });
    expect(output).toEqual({
      TimeGenerated: new Date('2024-04-30T08:00:01.123Z'), EventType: 's', Description: 'Success Login',
      Connection: 'Username-Password-Authentication', ConnectionId: 'con_1', ClientId: 'cli_1', ClientName: 'Portal',
      SrcIpAddr: '198.51.100.23', HttpUserAgent: 'Chrome 124', SrcHostname: 'contoso.eu.auth0.com', ActorUserId: 'auth0|42',
      ActorUsername: 'alice@contoso.com', Audience: '', Scope: 'openid', Strategy: 'auth0', StrategyType: 'database',
      LocationInfo: { country_code: 'NL' }, Details: { prompts: [] }, LogId: '900', TenantName: 'contoso', IsMobile: false,
    });
    expect(transformation.outputColumns.slice(-2)).toEqual([{ name: 'TimeGenerated', type: 'datetime' }, { name: 'EventType', type: 'string' }]);
  });

  test('Cisco Meraki API requests: case, strcat, tostring and geo_location into ASimWebSessionLogs', () => {
    const { transformKql, inputColumns } = flowOf('sentinel-content/dcr/CiscoMerakiEventsViaRESTAPI/dcr.json', 'Custom-CiscoMeraki_API');
    const transformation = compileTransformation(transformKql, inputColumns, { now });
    const request = {
      ts: '2024-04-30T12:00:00Z', adminId: 'admin-1', host: 'api.meraki.com', method: 'GET', path: '/api/v1/networks',
      queryString: 'perPage=10', userAgent: 'curl/8.0', responseCode: 404, sourceIp: '203.0.113.9', version: 1, operationId: 'getNetworks',
    };
    const output = applyAndRead(transformation, request);
    expect(output).toMatchObject({
      TimeGenerated: new Date('2024-04-30T12:00:00Z'), EventStartTime: new Date('2024-04-30T12:00:00Z'), EventCount: 1,
      EventResult: 'Failure', EventResultDetails: '404', Url: 'api.meraki.com/api/v1/networks?perPage=10', HttpStatusCode: '404',
      EventProductVersion: '1', EventSeverity: 'Low', UrlOriginal: 'api.meraki.com/api/v1/networks?perPage=10', UserAgent: 'curl/8.0',
      SrcGeoCountry: '', SrcGeoLatitude: null, SrcGeoLongitude: null,
    });
    expect(output).not.toHaveProperty('GeoLocation');
    expect(applyAndRead(transformation, { ...request, responseCode: 200, version: null })).toMatchObject({
      EventResult: 'Success', EventSeverity: 'Informational', EventProductVersion: '1',
    });
  });

  test('Cisco Meraki configuration changes: project-rename, pack and iff into ASimAuditEventLogs', () => {
    const { transformKql, inputColumns } = flowOf('sentinel-content/dcr/CiscoMerakiEventsViaRESTAPI/dcr.json', 'Custom-CiscoMeraki_Configuration');
    const transformation = compileTransformation(transformKql, inputColumns, { now });
    const change = {
      ts: '2024-04-30T12:05:00Z', adminName: 'Alice', adminEmail: 'alice@contoso.com', adminId: 'a1', networkName: 'HQ',
      networkId: 'N_1', ssidName: 'Guest', ssidNumber: '3', page: 'Wireless', label: 'PSK', oldValue: '', newValue: 'secret',
    };
    expect(applyAndRead(transformation, change)).toEqual({
      TimeGenerated: new Date('2024-04-30T12:05:00Z'), ActorUserId: 'a1', ActorUsername: 'alice@contoso.com', OldValue: '',
      NewValue: 'secret', EventSchemaVersion: '0.1', EventCount: 1, EventResult: 'Success', EventProduct: 'Meraki',
      EventVendor: 'Cisco', EventSeverity: 'Informational', ActorUsernameType: 'UPN', ActorUserType: 'Admin',
      ActorUserIdType: 'Other', AdditionalFields: { adminName: 'Alice' }, Operation: 'Wireless/PSK', Object: 'HQ/Guest',
      ObjectId: 'N_1/3', ObjectType: 'Other', EventType: 'Create', EventStartTime: new Date('2024-04-30T12:05:00Z'),
      EventEndTime: new Date('2024-04-30T12:05:00Z'), ValueType: 'Other',
    });
    expect(applyAndRead(transformation, { ...change, ssidName: '', ssidNumber: '', oldValue: 'a', newValue: '' })).toMatchObject({
      Object: 'HQ', ObjectId: 'N_1', EventType: 'Delete',
    });
  });

  test('Cisco Meraki IDS alerts: where, split, array access and int(null) into ASimNetworkSessionLogs', () => {
    const { transformKql, inputColumns } = flowOf('sentinel-content/dcr/CiscoMerakiEventsViaRESTAPI/dcr.json', 'Custom-CiscoMeraki_IDS');
    const transformation = compileTransformation(transformKql, inputColumns, { now });
    const alert = {
      ts: '2024-04-30T12:10:00Z', eventType: 'IDS Alert', deviceMac: '00:11:22:33:44:55', clientMac: 'aa:bb:cc:dd:ee:ff',
      srcIp: '10.0.0.5:51234', destIp: '198.51.100.7', protocol: 'tcp/ip', priority: '1', classification: 'Trojan',
      blocked: true, message: 'MALWARE-CNC', signature: '1:2000:1', sigSource: 'snort', ruleId: 'meraki:intrusion/snort/GID/1/SID/2000',
      clientName: 'laptop', clientIp: '10.0.0.5', uri: '', canonicalName: '', destinationPort: 443, fileHash: '', fileType: '',
      fileSizeBytes: 0, disposition: '', action: '',
    };
    const output = applyAndRead(transformation, alert);
    expect(output).toMatchObject({
      TimeGenerated: new Date('2024-04-30T12:10:00Z'), EventOriginalType: 'IDS Alert', EventResult: 'Failure',
      SrcIpAddr: '10.0.0.5', SrcPortNumber: 51234, DstIpAddr: '198.51.100.7', DstPortNumber: null, NetworkProtocol: 'TCP',
      EventSeverity: 'Medium', DvcAction: 'Deny', Dvc: '00:11:22:33:44:55', NetworkRuleName: 'meraki:intrusion/snort/GID/1/SID/2000',
      AdditionalFields: { classification: 'Trojan', sigSource: 'snort', signature: '1:2000:1' },
      SrcGeoCountry: '', DstGeoLatitude: null,
    });
    for (const dropped of ['srcIpSplit', 'dstIpSplit', 'blocked', 'classification', 'destIp', 'protocol', 'sigSource', 'srcIp', 'GeoLocationSrc']) {
      expect(output).not.toHaveProperty(dropped);
    }
    expect(applyAndRead(transformation, { ...alert, eventType: 'File Scanned' })).toBeUndefined();
    expect(applyAndRead(transformation, { ...alert, blocked: false, protocol: 'icmp', priority: '9' })).toMatchObject({
      EventResult: 'Success', DvcAction: 'Allow', NetworkProtocol: '', EventSeverity: 'Low',
    });
  });

  test('Salesforce audit trail: iff(isnull(...), now(), ...) and members of a dynamic column', () => {
    const { transformKql, inputColumns } = flowOf('sentinel-content/dcr/SalesforceServiceCloud/SalesforceAuditLogs_DCR.json',
      'Custom-SalesforceAuditTrailV2_CL');
    const transformation = compileTransformation(transformKql, inputColumns, { now });
    const entry = {
      Id: '0Ym1', Action: 'changedPassword', Section: 'Manage Users', Display: 'Changed password for user bob',
      CreatedDate: '2024-04-30T09:30:00.000+0000', CreatedById: '005A', CreatedByContext: '', CreatedByIssuer: '', DelegateUser: '',
      apiUrl: 'https://contoso.my.salesforce.com', CreatedBy: { CreatedBy_Name: 'Alice', CreatedBy_Email: 'alice@contoso.com' },
    };
    expect(applyAndRead(transformation, entry)).toEqual({
      TimeGenerated: new Date('2024-04-30T09:30:00Z'), Id: '0Ym1', Action: 'changedPassword', Section: 'Manage Users',
      Display: 'Changed password for user bob', CreatedDate: new Date('2024-04-30T09:30:00Z'), CreatedById: '005A',
      CreatedByName: 'Alice', CreatedByEmail: 'alice@contoso.com', CreatedByUsername: '', CreatedByContext: '', CreatedByIssuer: '',
      DelegateUser: '', SalesforceDomain: 'https://contoso.my.salesforce.com',
    });
    expect(applyAndRead(transformation, { ...entry, CreatedDate: null })).toMatchObject({ TimeGenerated: NOW, CreatedDate: null });
  });

  test('Salesforce login history: tobool and todatetime of every column', () => {
    const { transformKql, inputColumns } = flowOf('sentinel-content/dcr/SalesforceServiceCloud/SalesforceAuditLogs_DCR.json',
      'Custom-SalesforceLoginHistoryV2_CL');
    const transformation = compileTransformation(transformKql, inputColumns, { now });
    const output = applyAndRead(transformation, { LoginTime: '2024-04-30T07:00:00Z', OptionsIsGet: 'true', OptionsIsPost: false, Status: 'Success' });
    expect(output).toMatchObject({
      TimeGenerated: new Date('2024-04-30T07:00:00Z'), LoginTime: new Date('2024-04-30T07:00:00Z'), OptionsIsGet: true,
      OptionsIsPost: false, Status: 'Success', Browser: '',
    });
    expect(Object.keys(output ?? {})).toHaveLength(transformation.outputColumns.length);
  });
});
