import { DataCollectorApi, DataCollectorRequest } from '../../../emulator/http/handlers/data-collector-handler';
import { WorkspaceStore } from '../../../emulator/store/table-store';
import { EmulatedWorkspace, loadTopology } from '../../../emulator/topology/load-topology';
import { deterministicSharedKey } from '../../../emulator/topology/terraform-document';
import { runQuery } from '../../../model/kql/evaluate/run-query';
import { dataCollectorStringToSign, parseRfc1123Date } from '../../../model/legacy-data-collector';
import { TableSchema } from '../../../model/tables/table-schema';
import { buildSignature, rfc1123 } from '../../e2e/clients/data-collector-client';

const NOW = new Date('2026-03-02T10:00:00Z');
const CUSTOMER_ID = '6f1c2a8e-1b2c-4d3e-8f40-0123456789ab';
const MIGRATED: TableSchema = {
  tableName: 'Migrated_CL',
  columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Computer_s', type: 'string' }, { name: 'Duration_d', type: 'real' }],
};

function workspaceOf(overrides: Partial<EmulatedWorkspace> = {}): EmulatedWorkspace {
  return {
    address: 'azurerm_log_analytics_workspace.W', workspaceName: 'soc', customerId: CUSTOMER_ID,
    resourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/soc',
    tables: new Map([[MIGRATED.tableName, MIGRATED]]), localAuthenticationEnabled: true,
    primarySharedKey: deterministicSharedKey('primary'), secondarySharedKey: deterministicSharedKey('secondary'),
    ...overrides,
  };
}

/** A fresh API over one workspace and an empty store. */
function setUp(overrides: Partial<EmulatedWorkspace> = {}) {
  const workspace = workspaceOf(overrides);
  const store = new WorkspaceStore([MIGRATED]);
  const api = new DataCollectorApi({ workspaces: () => [{ workspace, store }], now: () => NOW });
  const query = (kql: string) => runQuery(kql, store.allTables(), { now: NOW });
  return { workspace, store, api, query };
}

/** A request signed as the documented procedure does; `change` alters it after signing. */
function signed(workspace: EmulatedWorkspace, body: unknown, headers: Record<string, string | undefined> = {},
  options: { key?: string; date?: Date; query?: string } = {}): DataCollectorRequest {
  const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  const date = rfc1123(options.date ?? NOW);
  const all: Record<string, string | undefined> = {
    'content-type': 'application/json',
    'authorization': buildSignature(workspace.customerId, options.key ?? workspace.primarySharedKey, date, bytes.length, 'POST',
      'application/json', '/api/logs'),
    'log-type': 'WebMonitorTest',
    'x-ms-date': date,
    'content-length': String(bytes.length),
    ...headers,
  };
  return {
    method: 'POST', pathname: '/api/logs', searchParams: new URLSearchParams(options.query ?? 'api-version=2016-04-01'),
    headers: Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined)), body: bytes,
  };
}

function errorOf(response: { status: number; body: Buffer }) {
  return { status: response.status, body: JSON.parse(response.body.toString('utf8')) };
}

describe('the SharedKey signature', () => {
  test('the string to sign is the page\'s example', () => {
    expect(dataCollectorStringToSign({ method: 'POST', contentLength: 1024, contentType: 'application/json', date: 'Mon, 04 Apr 2016 08:00:00 GMT' }))
      .toBe('POST\n1024\napplication/json\nx-ms-date:Mon, 04 Apr 2016 08:00:00 GMT\n/api/logs');
  });

  test('x-ms-date is RFC 1123, as .NET "r", Python and toUTCString() write it', () => {
    expect(parseRfc1123Date('Mon, 04 Apr 2016 08:00:00 GMT')?.toISOString()).toBe('2016-04-04T08:00:00.000Z');
    expect(parseRfc1123Date(NOW.toUTCString())?.getTime()).toBe(NOW.getTime());
    for (const bad of ['2016-04-04T08:00:00Z', 'Mon, 04 Apr 2016 08:00:00 UTC', 'Mon, 31 Apr 2016 08:00:00 GMT', 'Mon, 04 Apr 2016 25:00:00 GMT']) {
      expect(parseRfc1123Date(bad)).toBeUndefined();
    }
  });

  test('either key signs; a workspace key of Azure\'s shape (64 bytes in base64)', () => {
    const { workspace, api } = setUp();
    expect(Buffer.from(workspace.primarySharedKey, 'base64')).toHaveLength(64);
    expect(workspace.primarySharedKey).toHaveLength(88);
    expect(api.handle(signed(workspace, [{ a: 'x' }])).status).toBe(200);
    expect(api.handle(signed(workspace, [{ a: 'x' }], {}, { key: workspace.secondarySharedKey })).status).toBe(200);
  });

  test('the date header signed may be Date when x-ms-date is absent', () => {
    const { workspace, api } = setUp();
    const request = signed(workspace, [{ a: 'x' }]);
    const { 'x-ms-date': date, ...rest } = request.headers;
    expect(api.handle({ ...request, headers: { ...rest, date: date as string } }).status).toBe(200);
  });

  test.each([
    ['no Authorization header', { authorization: undefined }, 'No Authorization header was specified'],
    ['a bearer token', { authorization: 'Bearer abc' }, 'An invalid scheme was specified in the Authorization header'],
    ['no colon', { authorization: `SharedKey ${CUSTOMER_ID}` }, 'An invalid signature was specified in the Authorization header'],
    ['a signed Content-Type that differs from the header', { 'content-type': 'application/json; charset=utf-8' },
      'An invalid signature was specified in the Authorization header'],
    ['a date that is not RFC 1123', { 'x-ms-date': '2026-03-02T10:00:00Z' }, 'An invalid date format used in the x-ms-date header.'],
    ['no date', { 'x-ms-date': undefined }, 'No x-ms-date header was specified'],
  ])('fails with 403 InvalidAuthorization on %s', (_name, headers, message) => {
    const { workspace, api } = setUp();
    expect(errorOf(api.handle(signed(workspace, [{ a: 'x' }], headers)))).toEqual({ status: 403, body: { Error: 'InvalidAuthorization', Message: message } });
  });

  test('fails with 403 on a wrong key, a body of another length, or a date more than 15 minutes away', () => {
    const { workspace, api, store } = setUp();
    const wrongKey = signed(workspace, [{ a: 'x' }], {}, { key: deterministicSharedKey('someone else') });
    expect(errorOf(api.handle(wrongKey)).status).toBe(403);
    // The signature covers the body's length, not its bytes.
    const tampered = signed(workspace, [{ a: 'x' }]);
    expect(errorOf(api.handle({ ...tampered, body: Buffer.from('[{"a":"yy"}]') })).body.Error).toBe('InvalidAuthorization');
    for (const minutes of [-16, 16]) {
      const request = signed(workspace, [{ a: 'x' }], {}, { date: new Date(NOW.getTime() + minutes * 60_000) });
      expect(errorOf(api.handle(request))).toEqual({ status: 403, body: { Error: 'InvalidAuthorization', Message: expect.stringContaining('15 minutes') } });
    }
    expect(api.handle(signed(workspace, [{ a: 'x' }], {}, { date: new Date(NOW.getTime() - 14 * 60_000) })).status).toBe(200);
    expect(store.allTables().map((table) => table.statistics().rowsWritten)).toEqual([0, 1]);
  });

  test('fails with 403 when shared-key authentication is off, even with the right key', () => {
    const { workspace, api } = setUp({ localAuthenticationEnabled: false });
    expect(errorOf(api.handle(signed(workspace, [{ a: 'x' }])))).toEqual({
      status: 403, body: { Error: 'InvalidAuthorization', Message: expect.stringContaining('Local (shared key) authentication is disabled') },
    });
  });

  test('fails with 400 InvalidCustomerId on an unknown workspace, 403 when the host names another', () => {
    const { workspace, api } = setUp();
    expect(errorOf(api.handle(signed({ ...workspace, customerId: '00000000-0000-0000-0000-000000000000' }, [{ a: 'x' }]))).body.Error)
      .toBe('InvalidCustomerId');
    expect(api.handle(signed(workspace, [{ a: 'x' }], { host: `${CUSTOMER_ID}.ods.opinsights.azure.com` })).status).toBe(200);
    expect(errorOf(api.handle(signed(workspace, [{ a: 'x' }], { host: '00000000-0000-0000-0000-000000000000.ods.opinsights.azure.com' }))).status)
      .toBe(403);
  });
});

describe('request checks', () => {
  test.each([
    ['no api-version', {}, '', 'MissingApiVersion'],
    ['another api-version', {}, 'api-version=2023-01-01', 'InvalidApiVersion'],
    ['no Content-Type', { 'content-type': undefined }, undefined, 'MissingContentType'],
    ['a Content-Type other than JSON', { 'content-type': 'text/plain' }, undefined, 'UnsupportedContentType'],
    ['no Log-Type', { 'log-type': undefined }, undefined, 'MissingLogType'],
    ['a Log-Type with a hyphen', { 'log-type': 'Web-Monitor' }, undefined, 'InvalidLogType'],
    ['a Log-Type of 101 characters', { 'log-type': 'L'.repeat(101) }, undefined, 'InvalidLogType'],
  ])('fails with 400 on %s', (_name, headers, query, code) => {
    const { workspace, api } = setUp();
    const response = errorOf(api.handle(signed(workspace, [{ a: 'x' }], headers, { query })));
    expect(response).toEqual({ status: 400, body: { Error: code, Message: expect.any(String) } });
  });

  test.each([
    ['malformed JSON', '[{"a": '],
    ['a JSON number', '42'],
    ['an array holding a string', '["a"]'],
    ['the reserved property TimeGenerated', [{ TimeGenerated: '2026-03-02T09:00:00Z' }]],
    ['the reserved property tenant', [{ tenant: 'x' }]],
    ['the reserved property RawData', [{ RawData: 'x' }]],
    ['a column name longer than 45 characters', [{ ['p'.repeat(44)]: 'x' }]],
  ])('fails with 400 InvalidDataFormat on %s, and writes nothing', (_name, body) => {
    const { workspace, api, store } = setUp();
    const response = errorOf(api.handle(signed(workspace, body)));
    expect(response).toEqual({ status: 400, body: { Error: 'InvalidDataFormat', Message: expect.any(String) } });
    expect(store.allTables().map((table) => table.tableName)).toEqual(['Migrated_CL']);
  });

  test('a post with one bad record is refused whole', () => {
    const { workspace, api, store } = setUp();
    expect(api.handle(signed(workspace, [{ a: 'x' }, { RawData: 'y' }])).status).toBe(400);
    expect(store.allTables()).toHaveLength(1);
  });

  test('answers 404 without a code to a post over the limit', () => {
    const { api } = setUp();
    expect(errorOf(api.postTooLarge(31 * 1024 * 1024))).toEqual({ status: 404, body: { Message: expect.stringContaining(String(30 * 1024 * 1024)) } });
  });
});

describe('the _CL table and its typed columns', () => {
  test('infers the suffix of each property from its JSON value, as the page\'s samples show', () => {
    const { workspace, api, query } = setUp();
    const records = [{
      StringValue: 'MyString1', NumberValue: 42, BooleanValue: true, DateValue: '2019-09-12T20:00:00.625Z',
      GUIDValue: '9909ED01-A74C-4874-8ABF-D2678E3AE23D', BareGuid: '8145d82213a744ad859c36f31a84f6dd', Nested: { a: [1, 2] }, Missing: null,
    }];
    expect(api.handle(signed(workspace, records)).status).toBe(200);
    const result = query('WebMonitorTest_CL | getschema | project ColumnName, ColumnType');
    expect(result.rows).toEqual([
      ['TenantId', 'string'], ['SourceSystem', 'string'], ['MG', 'string'], ['ManagementGroupName', 'string'], ['TimeGenerated', 'datetime'],
      ['Computer', 'string'], ['RawData', 'string'], ['Type', 'string'], ['_ResourceId', 'string'],
      ['StringValue_s', 'string'], ['NumberValue_d', 'real'], ['BooleanValue_b', 'bool'], ['DateValue_t', 'datetime'],
      ['GUIDValue_g', 'string'], ['BareGuid_g', 'string'], ['Nested_s', 'string'],
    ]);
    const row = query('WebMonitorTest_CL | project TenantId, SourceSystem, Type, TimeGenerated, DateValue_t, GUIDValue_g, BareGuid_g, Nested_s');
    expect(row.rows).toEqual([[CUSTOMER_ID, 'RestAPI', 'WebMonitorTest_CL', NOW, new Date('2019-09-12T20:00:00.625Z'),
      '9909ED01-A74C-4874-8ABF-D2678E3AE23D', '8145d822-13a7-44ad-859c-36f31a84f6dd', '{"a":[1,2]}']]);
  });

  test('follows the page\'s example of an existing type: strings convert, other values make new columns', () => {
    const { workspace, api, query } = setUp();
    const post = (record: Record<string, unknown>, logType = 'Sample') => api.handle(signed(workspace, [record], { 'log-type': logType })).status;
    expect(post({ number: 5.2, boolean: true, string: 'text' })).toBe(200);
    expect(post({ number: '6.5', boolean: 'false', string: 'more text' })).toBe(200);
    expect(post({ number: 7, boolean: 8.5, string: 9.5 })).toBe(200);
    const columns = query('Sample_CL | getschema | project ColumnName').rows.map(([name]) => name).slice(9);
    expect(columns).toEqual(['number_d', 'boolean_b', 'string_s', 'boolean_d', 'string_d']);
    expect(query('Sample_CL | project number_d, boolean_b, string_s, boolean_d, string_d').rows).toEqual([
      [5.2, true, 'text', null, null], [6.5, false, 'more text', null, null], [7, null, '', 8.5, 9.5],
    ]);
    // The same values as strings first: every column is a string.
    expect(post({ number: '5.2', boolean: 'true', string: 'text' }, 'AllStrings')).toBe(200);
    expect(query('AllStrings_CL | getschema | project ColumnName').rows.map(([name]) => name).slice(9)).toEqual(['number_s', 'boolean_s', 'string_s']);
  });

  test('names columns from property names with other characters as underscores, case kept', () => {
    const { workspace, api, query } = setUp();
    expect(api.handle(signed(workspace, [{ 'property 1': 'a', 'host.name': 'b', Level: 'c', level: 'd' }])).status).toBe(200);
    expect(query('WebMonitorTest_CL | project property_1_s, host_name_s, Level_s, level_s').rows).toEqual([['a', 'b', 'c', 'd']]);
  });

  test('takes TimeGenerated from the time-generated-field within 2 days before and 1 day after receipt', () => {
    const { workspace, api, query } = setUp();
    const records = [
      { id: 1, EventTime: '2026-03-01T10:00:01Z' }, { id: 2, EventTime: '2026-02-28T09:59:59Z' },
      { id: 3, EventTime: '2026-03-03T09:59:59Z' }, { id: 4, EventTime: '2026-03-03T10:00:01Z' }, { id: 5, EventTime: 'yesterday' }, { id: 6 },
    ];
    expect(api.handle(signed(workspace, records, { 'time-generated-field': 'EventTime' })).status).toBe(200);
    expect(query('WebMonitorTest_CL | order by id_d asc | project TimeGenerated').rows.map(([time]) => (time as Date).toISOString())).toEqual([
      '2026-03-01T10:00:01.000Z', NOW.toISOString(), '2026-03-03T09:59:59.000Z', NOW.toISOString(), NOW.toISOString(), NOW.toISOString(),
    ]);
    expect(query('WebMonitorTest_CL | where id_d == 1 | project EventTime_t').rows).toEqual([[new Date('2026-03-01T10:00:01Z')]]);
  });

  test('an empty time-generated-field header (as the samples send) means the time of receipt', () => {
    const { workspace, api, query } = setUp();
    expect(api.handle(signed(workspace, [{ a: 'x' }], { 'time-generated-field': '' })).status).toBe(200);
    expect(query('WebMonitorTest_CL | project TimeGenerated').rows).toEqual([[NOW]]);
  });

  test('x-ms-AzureResourceId fills _ResourceId', () => {
    const { workspace, api, query } = setUp();
    const resourceId = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/web-01';
    expect(api.handle(signed(workspace, { a: 'one record, not an array' }, { 'x-ms-azureresourceid': resourceId })).status).toBe(200);
    expect(query('WebMonitorTest_CL | project _ResourceId, a_s').rows).toEqual([[resourceId, 'one record, not an array']]);
  });

  test('cuts field values to 32 KB of UTF-8', () => {
    const { workspace, api, query } = setUp();
    expect(api.handle(signed(workspace, [{ long: 'é'.repeat(20_000), short: 'ok' }])).status).toBe(200);
    const [[long, short]] = query('WebMonitorTest_CL | project long_s, short_s').rows as string[][];
    expect(Buffer.byteLength(long)).toBe(32 * 1024);
    expect(short).toBe('ok');
  });

  test('puts properties beyond 500 columns in the dynamic AdditionalFields column', () => {
    const { workspace, api, query } = setUp();
    const record = Object.fromEntries(Array.from({ length: 495 }, (_, index) => [`p${index}`, index]));
    expect(api.handle(signed(workspace, [record])).status).toBe(200);
    const schema = query('WebMonitorTest_CL | getschema | project ColumnName, ColumnType').rows;
    expect(schema).toHaveLength(501);
    expect(schema[499]).toEqual(['p490_d', 'real']);
    expect(schema[500]).toEqual(['AdditionalFields', 'dynamic']);
    expect(query('WebMonitorTest_CL | project AdditionalFields').rows).toEqual([[{ p491_d: 491, p492_d: 492, p493_d: 493, p494_d: 494 }]]);
  });

  test('writes only the existing columns of a table the stack declares (migrated to the Logs Ingestion API)', () => {
    const { workspace, api, query } = setUp();
    expect(api.handle(signed(workspace, [{ Computer: 'web-01', Duration: '12.5', Extra: 'dropped' }], { 'log-type': 'Migrated' })).status).toBe(200);
    expect(query('Migrated_CL | getschema | project ColumnName').rows.map(([name]) => name)).toEqual(['TimeGenerated', 'Computer_s', 'Duration_d']);
    expect(query('Migrated_CL').rows).toEqual([[NOW, 'web-01', 12.5]]);
  });

  test('a Log-Type past the workspace\'s 500 custom tables is refused; the tables it has go on taking posts', () => {
    const { workspace, api, store } = setUp();
    const existing = store.allTables().filter((table) => table.tableName.endsWith('_CL')).length;
    for (let index = existing; index < 500; index++) {
      expect(api.handle(signed(workspace, [{ a: 'x' }], { 'log-type': `T${index}` })).status).toBe(200);
    }
    expect(errorOf(api.handle(signed(workspace, [{ a: 'x' }], { 'log-type': 'OneTooMany' })))).toEqual({ status: 400, body: {
      Error: 'InvalidLogType',
      Message: 'The Log-Type \'OneTooMany\' would create a new custom table, and the workspace already has 500 (the most a workspace may have).',
    } });
    expect(api.handle(signed(workspace, [{ a: 'y' }], { 'log-type': 'T499' })).status).toBe(200);
    expect(store.allTables().filter((table) => table.tableName.endsWith('_CL'))).toHaveLength(500);
  });

  test('a bad post between good ones changes nothing', () => {
    const { workspace, api, query } = setUp();
    expect(api.handle(signed(workspace, [{ seq: 1, a: 'x' }])).status).toBe(200);
    expect(api.handle(signed(workspace, [{ seq: 2, fresh: 'never' }, { RawData: 'refused' }])).status).toBe(400);
    expect(api.handle(signed(workspace, [{ seq: 3, a: 'y' }])).status).toBe(200);
    expect(query('WebMonitorTest_CL | project seq_d, a_s').rows).toEqual([[1, 'x'], [3, 'y']]);
    expect(query('WebMonitorTest_CL | getschema | where ColumnName startswith "fresh"').rows).toEqual([]);
  });
});

describe('workspace keys and shared-key authentication, from the Terraform JSON', () => {
  const workspaceResource = (name: string, extra: Record<string, unknown>) => ({ name, resource_group_name: 'rg', location: 'westeurope', ...extra });
  const topology = loadTopology({
    resource: {
      azurerm_log_analytics_workspace: {
        Default: workspaceResource('default', {}),
        Enabled: workspaceResource('enabled', { local_authentication_enabled: true }),
        Disabled: workspaceResource('disabled', { local_authentication_enabled: false }),
        Deprecated: workspaceResource('deprecated', { local_authentication_disabled: true }),
        Variable: workspaceResource('variable', { local_authentication_enabled: '${var.shared_keys}' }),
      },
    },
  }, { stackName: 'keys', httpsBaseUrl: 'https://127.0.0.1:8443' });
  const byName = new Map(topology.workspaces.map((workspace) => [workspace.workspaceName, workspace]));

  test('reads local_authentication_enabled, then the deprecated local_authentication_disabled; on by default, as in Azure', () => {
    expect([...byName].map(([name, workspace]) => [name, workspace.localAuthenticationEnabled])).toEqual([
      ['default', true], ['enabled', true], ['disabled', false], ['deprecated', false], ['variable', true],
    ]);
    expect(topology.problems).toEqual([expect.stringContaining('azurerm_log_analytics_workspace.Variable: local_authentication_enabled is "${var.shared_keys}"')]);
  });

  test('derives two different keys per workspace, the same at every load', () => {
    const again = loadTopology({ resource: { azurerm_log_analytics_workspace: { Default: workspaceResource('default', {}) } } },
      { stackName: 'keys', httpsBaseUrl: 'https://127.0.0.1:8443' }).workspaces[0];
    const first = byName.get('default') as EmulatedWorkspace;
    expect([again.primarySharedKey, again.secondarySharedKey]).toEqual([first.primarySharedKey, first.secondarySharedKey]);
    const keys = topology.workspaces.flatMap((workspace) => [workspace.primarySharedKey, workspace.secondarySharedKey]);
    expect(new Set(keys).size).toBe(10);
  });
});
