import { CUSTOM_STREAM_PREFIX, tableNameOfOutputStream } from '../../streams';
import { blocks, DeploymentPrecondition, literalText, ruleWorkspaceKeys, workspaceKey } from '../deployment-precondition';
import { GraphResource, TerraformGraph } from '../terraform-graph';

/** Terraform types of a workspace's custom tables. */
export const CUSTOM_TABLE_TYPES = ['azurerm_log_analytics_workspace_table_custom_log'] as const;

/** The custom tables of a workspace in the document named `tableName` (Azure compares table names case-insensitively). */
export function customTablesNamed(graph: TerraformGraph, tableName: string, workspace: string | undefined): GraphResource[] {
  const tables = graph.ofType(...CUSTOM_TABLE_TYPES).filter((table) =>
    literalText(table.arguments.name)?.toLowerCase() === tableName.toLowerCase()
    && workspaceKey(graph, table.arguments.workspace_id) === workspace);
  const azapiTables = graph.ofType('azapi_resource').filter((resource) =>
    literalText(resource.arguments.type)?.toLowerCase().startsWith('microsoft.operationalinsights/workspaces/tables@') === true
    && literalText(resource.arguments.name)?.toLowerCase() === tableName.toLowerCase()
    && workspaceKey(graph, resource.arguments.parent_id) === workspace);
  return [...tables, ...azapiTables];
}

/**
 * A data collection rule whose flow writes `Custom-<Name>_CL` is refused while that table does not exist: "Table for
 * output stream 'Custom-..._CL' is not available ... ensure that the table exists".
 */
export const RULE_WRITES_CUSTOM_TABLE: DeploymentPrecondition = {
  id: 'dcr-output-table',
  title: 'a data collection rule is created after the custom table it writes',
  azureAnswer: 'Azure refuses the rule: "Table for output stream \'Custom-<Name>_CL\' is not available ... ensure that the table exists"',
  source: 'Azure/Azure-Sentinel issue 13277; Azure Monitor docs, "Tutorial: Send data to Azure Monitor Logs with Logs ingestion API" (create the table before the rule)',
  requirements(graph) {
    return graph.ofType('azurerm_monitor_data_collection_rule').flatMap((rule) => {
      const workspaces = ruleWorkspaceKeys(graph, rule);
      const streams = blocks(rule.arguments.data_flow).map((flow) => literalText(flow.output_stream))
        .filter((stream): stream is string => stream !== undefined && stream.startsWith(CUSTOM_STREAM_PREFIX));
      return [...new Set(streams)].flatMap((stream) => {
        const tableName = tableNameOfOutputStream(stream);
        const tables = tableName === undefined ? [] : workspaces.flatMap((workspace) => customTablesNamed(graph, tableName, workspace));
        return tables.length === 0 ? [] : [{ dependent: rule.address, required: tables.map((table) => table.address), reason: `writes the table "${tableName}"` }];
      });
    });
  },
};
