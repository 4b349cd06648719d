import { LogAnalyticsWorkspaceTableCustomLog } from '@cdktf/provider-azurerm/lib/log-analytics-workspace-table-custom-log';
import { Construct } from 'constructs';
import { checkInteractiveRetention, checkTotalRetention } from '../model/retention';
import { outputStreamOfTable } from '../model/streams';
import { checkCustomTableColumns, checkCustomTableName } from '../model/tables/custom-table';
import { ColumnDefinition, isTableColumnType, TABLE_COLUMN_TYPES, TableSchema } from '../model/tables/table-schema';
import { isUnresolved, throwIfInvalid } from './private/validation';
import { ISentinelWorkspace, TablePlanName } from './sentinel-workspace';

/** One column of a {@link CustomTable}. */
export interface CustomTableColumn extends ColumnDefinition {
  /** @default - none */
  readonly description?: string;
}

/** Properties for a {@link CustomTable}. */
export interface CustomTableProps {
  /** The workspace that holds the table. */
  readonly workspace: ISentinelWorkspace;

  /** Table name, ending in `_CL` (e.g. `ContosoApp_CL`). */
  readonly tableName: string;

  /** Columns; one must be `TimeGenerated` of type datetime. */
  readonly columns: CustomTableColumn[];

  /**
   * Table plan. Auxiliary is for high-volume, rarely queried data (30 days interactive, no alert rules).
   *
   * @default TablePlanName.ANALYTICS
   */
  readonly plan?: TablePlanName;

  /**
   * Interactive retention in days, 4 to 730; not settable on the Basic plan.
   *
   * @default - the workspace's retention
   */
  readonly retentionInDays?: number;

  /**
   * Total retention in days: 4 to 730, or whole years up to 12 (1095 ... 4383).
   *
   * @default - same as the interactive retention
   */
  readonly totalRetentionInDays?: number;

  /** @default - none */
  readonly description?: string;
}

/**
 * A DCR-based custom table (`<Name>_CL`, `azurerm_log_analytics_workspace_table_custom_log`).
 *
 * ```ts
 * const table = new CustomTable(stack, 'AppTable', {
 *   workspace,
 *   tableName: 'ContosoApp_CL',
 *   columns: [
 *     { name: 'TimeGenerated', type: 'datetime' },
 *     { name: 'Message', type: 'string' },
 *   ],
 * });
 * ```
 *
 * Data collection rules that write `Custom-ContosoApp_CL` are checked against these columns at synth.
 */
export class CustomTable extends Construct {
  /** Name of the table. */
  public readonly tableName: string;
  /** The output stream that writes this table (`Custom-<Name>_CL`). */
  public readonly outputStreamName: string;
  /** The table's columns as the model types them. */
  public readonly schema: TableSchema;
  /** Azure resource ID of the table. */
  public readonly customTableId: string;
  /** The `azurerm_log_analytics_workspace_table_custom_log`. */
  public readonly resource: LogAnalyticsWorkspaceTableCustomLog;

  constructor(scope: Construct, id: string, props: CustomTableProps) {
    super(scope, id);
    const nameProblem = checkCustomTableName(props.tableName);
    throwIfInvalid(this, 'tableName', nameProblem?.message);
    props.columns.forEach((column, index) => throwIfInvalid(this, `columns[${index}].type`, isTableColumnType(column.type)
      ? undefined : `"${column.type}" is not a column type; expected one of ${TABLE_COLUMN_TYPES.join(', ')}`));
    for (const problem of checkCustomTableColumns(props.columns)) {
      throwIfInvalid(this, problem.field, problem.message);
    }
    const plan = props.plan ?? TablePlanName.ANALYTICS;
    throwIfInvalid(this, 'plan', plan === TablePlanName.AUXILIARY
      ? 'the Auxiliary plan cannot be set through azurerm 4.55 (its custom table resource accepts Analytics or Basic); ' +
        'use Basic, or create the table with an azapi_resource at api-version 2023-01-01-preview or later'
      : undefined);
    if (props.retentionInDays !== undefined && !isUnresolved(props.retentionInDays)) {
      throwIfInvalid(this, 'retentionInDays', checkInteractiveRetention(plan, props.retentionInDays));
    }
    if (props.totalRetentionInDays !== undefined && !isUnresolved(props.totalRetentionInDays)) {
      throwIfInvalid(this, 'totalRetentionInDays', checkTotalRetention(props.totalRetentionInDays));
    }

    this.tableName = props.tableName;
    this.outputStreamName = outputStreamOfTable(props.tableName);
    this.schema = { tableName: props.tableName, columns: props.columns.map(({ name, type }) => ({ name, type })) };
    props.workspace.registerCustomTable(this.schema, this);

    this.resource = new LogAnalyticsWorkspaceTableCustomLog(this, 'Resource', {
      workspaceId: props.workspace.workspaceResourceId,
      name: props.tableName,
      plan,
      retentionInDays: props.retentionInDays,
      totalRetentionInDays: props.totalRetentionInDays,
      description: props.description,
      column: props.columns.map((column) => ({ name: column.name, type: column.type, description: column.description })),
    });
    this.customTableId = this.resource.id;
  }
}
