import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { builtInTable, builtInTableNames, queryableBuiltInTables } from '../../model/tables/builtin-tables';
import { COMMON_SECURITY_LOG_TABLE } from '../../model/tables/common-security-log';
import { checkCustomTableColumns, checkCustomTableName, STANDARD_COLUMN_NAMES } from '../../model/tables/custom-table';
import { SYSLOG_TABLE } from '../../model/tables/syslog';
import { TableSchema } from '../../model/tables/table-schema';
import { MICROSOFT_TABLES } from '../../model/tables/microsoft-tables';
import { microsoftColumnType, microsoftTableFile, microsoftTableSchema, SHARED_TESTDATA } from '../support/shared-testdata';

describe.each([
  ['Syslog', SYSLOG_TABLE],
  ['CommonSecurityLog', COMMON_SECURITY_LOG_TABLE],
])('the %s schema', (tableName: string, table: TableSchema) => {
  const microsoft = microsoftTableSchema(tableName);

  test('has every column of Microsoft\'s list, with the same type, in the same order', () => {
    expect(table.columns.map(({ name, type }) => ({ name, type }))).toEqual(microsoft.columns);
  });

  test('is found by name', () => {
    expect(builtInTable(tableName)).toBe(table);
    expect(builtInTableNames()).toContain(tableName);
  });

  test('marks the columns Log Analytics fills as reserved, and nothing a transformation writes', () => {
    const reserved = table.columns.filter((column) => column.reserved === true).map((column) => column.name);
    expect(reserved).toEqual(expect.arrayContaining(['TenantId', 'Type', '_ResourceId', '_ItemId']));
    expect(reserved).not.toContain('TimeGenerated');
    expect(reserved).not.toContain('Computer');
  });
});

test('CommonSecurityLog types follow the published column reference', () => {
  const typeOf = (name: string) => COMMON_SECURITY_LOG_TABLE.columns.find((column) => column.name === name)?.type;
  expect(typeOf('ReceivedBytes')).toBe('long');
  expect(typeOf('DestinationPort')).toBe('int');
  expect(typeOf('DeviceCustomFloatingPoint1')).toBe('real');
  expect(typeOf('DeviceCustomDate1')).toBe('string');
  expect(COMMON_SECURITY_LOG_TABLE.columns).toHaveLength(164);
});

describe('custom table names', () => {
  test.each(['ContosoApp_CL', 'a_CL', 'App2_Events_CL'])('accepts %s', (name) => {
    expect(checkCustomTableName(name)).toBeUndefined();
  });

  test.each(['ContosoApp', 'Contoso-App_CL', '_App_CL', '1App_CL', 'App_cl', `${'A'.repeat(64)}_CL`])('fails on %s', (name) => {
    expect(checkCustomTableName(name)?.message).toContain('is not a valid custom table name');
  });
});

describe('custom table columns', () => {
  test('accepts a datetime TimeGenerated and distinct names', () => {
    expect(checkCustomTableColumns([
      { name: 'TimeGenerated', type: 'datetime' }, { name: 'Message', type: 'string' }, { name: 'Id', type: 'guid' },
    ])).toEqual([]);
  });

  test('fails without TimeGenerated', () => {
    expect(checkCustomTableColumns([{ name: 'Message', type: 'string' }])).toEqual([
      { field: 'columns', message: 'a custom table needs a "TimeGenerated" column of type datetime' },
    ]);
  });

  test('fails when TimeGenerated is not a datetime', () => {
    expect(checkCustomTableColumns([{ name: 'TimeGenerated', type: 'string' }])[0].message)
      .toBe('"TimeGenerated" must be of type datetime, got string');
  });

  test('fails on names differing only in case, standard columns and bad names', () => {
    const problems = checkCustomTableColumns([
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'message', type: 'string' },
      { name: 'Message', type: 'string' },
      { name: 'TenantId', type: 'string' },
      { name: 'has space', type: 'string' },
    ]);
    expect(problems.map((problem) => problem.field)).toEqual(['columns[2].name', 'columns[3].name', 'columns[4].name']);
    expect(problems[0].message).toContain('repeats columns[1]');
    expect(problems[1].message).toContain('standard column');
    expect(problems[2].message).toContain('is not a valid column name');
  });
});

describe('Microsoft\'s table catalog (model/tables/microsoft-tables.ts)', () => {
  const files = readdirSync(path.join(SHARED_TESTDATA, 'table-schemas')).map((file) => path.basename(file, '.json')).sort();
  const catalogued = MICROSOFT_TABLES.map((table) => table.tableName);

  test('is what scripts/generate-table-catalog.js writes from the shared table schemas (run npm run tables after a change)', () => {
    expect(() => execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'generate-table-catalog.js'), '--check'],
      { stdio: 'pipe' })).not.toThrow();
  });

  test('holds every schema file but the hand-written tables and the partial AWSCloudTrail', () => {
    expect(catalogued).toEqual(files.filter((file) => !['Syslog', 'CommonSecurityLog', 'Watchlist', 'AWSCloudTrail'].includes(file)));
    expect(builtInTable('AWSCloudTrail')).toBeUndefined();
  });

  test.each(MICROSOFT_TABLES.map((table) => [table.tableName, table] as const))(
    '%s has the columns of its file, in order, with its types, and the standard columns the file leaves out',
    (tableName, table) => {
      const file = microsoftTableFile(tableName);
      const listed = table.columns.slice(0, file.properties.length);
      expect(listed.map((column) => column.name)).toEqual(file.properties.map((property) => property.name));
      // AzureDiagnostics' duration_milliseconds_d is a timespan in its file, which the tables API lacks: its `_d` means real.
      expect(listed.map((column) => column.type)).toEqual(file.properties.map((property) => microsoftColumnType(property.type) ?? 'real'));
      const added = table.columns.slice(file.properties.length).map((column) => column.name);
      expect(STANDARD_COLUMN_NAMES).toEqual(expect.arrayContaining(added));
      const names = table.columns.map((column) => column.name);
      expect(names).toEqual(expect.arrayContaining(['TimeGenerated', 'TenantId', 'Type', '_ResourceId', '_ItemId']));
      expect(table.columns.filter((column) => column.reserved === true).map((column) => column.name))
        .toEqual(expect.arrayContaining(['TenantId', 'Type', '_ResourceId']));
      expect(table.columns.find((column) => column.name === 'TimeGenerated')).toEqual({ name: 'TimeGenerated', type: 'datetime' });
      expect(table.source).toMatchObject({ repository: 'Azure/Azure-Sentinel', path: `.script/tests/KqlvalidationsTests/CustomTables/${tableName}.json` });
      expect(table.source.commit).toMatch(/^[0-9a-f]{40}$/);
    },
  );

  test('names ThreatIntelligenceIndicator by its file, not by the Malware_data_CL its source says', () => {
    expect(microsoftTableFile('ThreatIntelligenceIndicator').name).toBe('Malware_data_CL');
    expect(builtInTable('ThreatIntelligenceIndicator')?.columns.map((column) => column.name)).toContain('NetworkIP');
    expect(builtInTable('Malware_data_CL')).toBeUndefined();
  });

  test('keeps the tables Sentinel fills for queries, not as a rule\'s targets', () => {
    expect(builtInTable('SecurityIncident')).toBeUndefined();
    expect(builtInTable('Watchlist')).toBeUndefined();
    expect(queryableBuiltInTables().map((table) => table.tableName)).toEqual(expect.arrayContaining(['SecurityIncident', 'Watchlist', 'AzureActivity']));
    expect(builtInTableNames()).toEqual(expect.arrayContaining(['ASimNetworkSessionLogs', 'AzureActivity', 'DeviceProcessEvents']));
  });
});
