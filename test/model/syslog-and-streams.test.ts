import {
  checkDeclaredStreamName, microsoftStreamSchema, outputStreamOfTable, tableNameOfOutputStream,
} from '../../model/streams';
import { expandMinimumLevel, isSyslogFacility, isSyslogLogLevelValue } from '../../model/syslog/facilities-and-levels';
import { parseAzureResourceId } from '../../model/azure-resource-id';
import { checkDaysInRange, checkTotalRetention, WORKSPACE_RETENTION_RANGE } from '../../model/retention';

describe('minimum level', () => {
  test('expands Warning to it and every more severe level, as the portal writes it', () => {
    expect(expandMinimumLevel('Warning')).toEqual(['Warning', 'Error', 'Critical', 'Alert', 'Emergency']);
  });

  test('expands Debug to every level and Emergency to itself', () => {
    expect(expandMinimumLevel('Debug')).toHaveLength(8);
    expect(expandMinimumLevel('Emergency')).toEqual(['Emergency']);
  });
});

test('facility and level names are the ones a DCR accepts', () => {
  expect(['auth', 'authpriv', 'local4', '*', 'mark', 'nopri'].every(isSyslogFacility)).toBe(true);
  expect(isSyslogFacility('local8')).toBe(false);
  expect(isSyslogFacility('security')).toBe(false);
  expect(isSyslogLogLevelValue('*')).toBe(true);
  expect(isSyslogLogLevelValue('warning')).toBe(false);
});

describe('streams', () => {
  test('declared streams start with Custom-', () => {
    expect(checkDeclaredStreamName('Custom-ContosoApp')).toBeUndefined();
    expect(checkDeclaredStreamName('ContosoApp')).toContain('must be named "Custom-<Name>"');
    expect(checkDeclaredStreamName('Microsoft-Syslog')).toContain('must be named "Custom-<Name>"');
  });

  test('output streams name their table', () => {
    expect(tableNameOfOutputStream('Custom-ContosoApp_CL')).toBe('ContosoApp_CL');
    expect(tableNameOfOutputStream('Microsoft-CommonSecurityLog')).toBe('CommonSecurityLog');
    expect(tableNameOfOutputStream('ContosoApp_CL')).toBeUndefined();
    expect(outputStreamOfTable('ContosoApp_CL')).toBe('Custom-ContosoApp_CL');
    expect(outputStreamOfTable('Syslog')).toBe('Microsoft-Syslog');
  });

  test('agent streams have the columns of their tables', () => {
    expect(microsoftStreamSchema('Microsoft-Syslog')?.tableName).toBe('Syslog');
    expect(microsoftStreamSchema('Microsoft-Unknown')).toBeUndefined();
    expect(microsoftStreamSchema('Custom-Syslog')).toBeUndefined();
  });
});

describe('resource IDs', () => {
  test('parses a workspace ID', () => {
    expect(parseAzureResourceId(
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-sentinel/providers/Microsoft.OperationalInsights/workspaces/contoso',
      'Microsoft.OperationalInsights/workspaces',
    )).toEqual({
      subscriptionId: '00000000-0000-0000-0000-000000000000', resourceGroupName: 'rg-sentinel',
      resourceType: 'Microsoft.OperationalInsights/workspaces', name: 'contoso',
    });
  });

  test('fails on another type or a malformed ID, naming the expected shape', () => {
    expect(() => parseAzureResourceId('/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/vm',
      'Microsoft.OperationalInsights/workspaces')).toThrow(/is not a Microsoft.OperationalInsights\/workspaces resource ID/);
    expect(() => parseAzureResourceId('contoso', 'Microsoft.Insights/dataCollectionRules'))
      .toThrow('/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Insights/dataCollectionRules/<name>');
  });
});

describe('retention', () => {
  test('workspace retention is 30 to 730 whole days', () => {
    expect(checkDaysInRange(30, WORKSPACE_RETENTION_RANGE)).toBeUndefined();
    expect(checkDaysInRange(730, WORKSPACE_RETENTION_RANGE)).toBeUndefined();
    expect(checkDaysInRange(29, WORKSPACE_RETENTION_RANGE)).toBe('must be a whole number of days from 30 to 730, got 29');
    expect(checkDaysInRange(90.5, WORKSPACE_RETENTION_RANGE)).toContain('got 90.5');
  });

  test('total retention is 4 to 730 days or whole years up to 12', () => {
    expect(checkTotalRetention(365)).toBeUndefined();
    expect(checkTotalRetention(4383)).toBeUndefined();
    expect(checkTotalRetention(1000)).toContain('one of 1095, 1460');
    expect(checkTotalRetention(3)).toContain('got 3');
  });
});
