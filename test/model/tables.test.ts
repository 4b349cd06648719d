import { builtInTable, builtInTableNames } from '../../model/tables/builtin-tables';
import { COMMON_SECURITY_LOG_TABLE } from '../../model/tables/common-security-log';
import { checkCustomTableColumns, checkCustomTableName } from '../../model/tables/custom-table';
import { SYSLOG_TABLE } from '../../model/tables/syslog';
import { TableSchema } from '../../model/tables/table-schema';
import { microsoftTableSchema } from '../support/shared-testdata';

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
