import { CustomTable, CustomTableProps } from '../../constructs/custom-table';
import { TablePlanName } from '../../constructs/sentinel-workspace';
import { newWorkspaceStack, onlyResource, synth } from '../support/synth';

const columns: CustomTableProps['columns'] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Message', type: 'string', description: 'the log line' },
  { name: 'RequestId', type: 'guid' },
];

describe('CustomTable', () => {
  test('creates the _CL table with typed columns in the workspace', () => {
    const { stack, workspace } = newWorkspaceStack();
    const table = new CustomTable(stack, 'AppTable', {
      workspace, tableName: 'ContosoApp_CL', columns, plan: TablePlanName.BASIC, totalRetentionInDays: 365, description: 'Contoso app',
    });
    expect(onlyResource(synth(stack), 'azurerm_log_analytics_workspace_table_custom_log')).toMatchObject({
      name: 'ContosoApp_CL',
      workspace_id: '${azurerm_log_analytics_workspace.Sentinel_64DAE5A3.id}',
      plan: 'Basic',
      total_retention_in_days: 365,
      description: 'Contoso app',
      column: [
        { name: 'TimeGenerated', type: 'datetime' },
        { name: 'Message', type: 'string', description: 'the log line' },
        { name: 'RequestId', type: 'guid' },
      ],
    });
    expect(table.outputStreamName).toBe('Custom-ContosoApp_CL');
    expect(workspace.customTableSchema('ContosoApp_CL')).toEqual({
      tableName: 'ContosoApp_CL',
      columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Message', type: 'string' }, { name: 'RequestId', type: 'guid' }],
    });
  });

  test('defaults to the Analytics plan', () => {
    const { stack, workspace } = newWorkspaceStack();
    new CustomTable(stack, 'AppTable', { workspace, tableName: 'ContosoApp_CL', columns });
    expect(onlyResource(synth(stack), 'azurerm_log_analytics_workspace_table_custom_log').plan).toBe('Analytics');
  });
});

describe('CustomTable fails', () => {
  const create = (props: Partial<CustomTableProps>) => () => {
    const { stack, workspace } = newWorkspaceStack();
    new CustomTable(stack, 'AppTable', { workspace, tableName: 'ContosoApp_CL', columns, ...props });
  };

  test('on a name without _CL', () => {
    expect(create({ tableName: 'ContosoApp' })).toThrow('[test/AppTable] tableName: "ContosoApp" is not a valid custom table name');
  });

  test('on a column type the table API does not know', () => {
    expect(create({ columns: [...columns, { name: 'Count', type: 'bigint' as never }] }))
      .toThrow('[test/AppTable] columns[3].type: "bigint" is not a column type; expected one of string, int, long, real, boolean, datetime, dynamic, guid');
  });

  test('without a datetime TimeGenerated', () => {
    expect(create({ columns: [{ name: 'Message', type: 'string' }] }))
      .toThrow('[test/AppTable] columns: a custom table needs a "TimeGenerated" column of type datetime');
  });

  test('on the Auxiliary plan, which azurerm cannot set', () => {
    expect(create({ plan: TablePlanName.AUXILIARY })).toThrow('[test/AppTable] plan: the Auxiliary plan cannot be set through azurerm 4.55');
  });

  test('on interactive retention with the Basic plan', () => {
    expect(create({ plan: TablePlanName.BASIC, retentionInDays: 30 })).toThrow('[test/AppTable] retentionInDays: the Basic plan has a fixed interactive retention');
  });

  test('on retention out of range', () => {
    expect(create({ retentionInDays: 1000 })).toThrow('[test/AppTable] retentionInDays: must be a whole number of days from 4 to 730, got 1000');
    expect(create({ totalRetentionInDays: 2000 })).toThrow('[test/AppTable] totalRetentionInDays: must be from 4 to 730 days');
  });

  test('when two constructs declare the same table in one workspace', () => {
    const { stack, workspace } = newWorkspaceStack();
    new CustomTable(stack, 'First', { workspace, tableName: 'ContosoApp_CL', columns });
    expect(() => new CustomTable(stack, 'Second', { workspace, tableName: 'ContosoApp_CL', columns }))
      .toThrow('[test/Second] tableName: the table "ContosoApp_CL" is already declared by test/First in workspace test/Sentinel');
  });
});
