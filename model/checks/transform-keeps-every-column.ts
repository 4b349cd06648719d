import { analyzeKql } from '../kql/analyze';
import { kusto } from '../kql/language-service';
import { TRANSFORMATION_ONLY_FUNCTIONS } from '../kql/transformation-functions';
import { COMMON_SECURITY_LOG_STREAM, MICROSOFT_STREAM_PREFIX, microsoftStreamSchema, tableNameOfOutputStream } from '../streams';
import { ColumnDefinition, isTableColumnType } from '../tables/table-schema';
import { DataFlow, dataFlows, declaredStreamColumns } from './data-collection-rules';
import { PolicyInput, PolicyResource, PolicyViolation, resourcesOfType, violationAt } from './policy-input';
import { isTerraformExpression } from './terraform-values';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * High-volume tables, where every column kept is paid for on every event: CEF and syslog from appliances, and
 * Windows security events.
 */
export const NOISY_TABLES: readonly string[] = ['CommonSecurityLog', 'Syslog', 'SecurityEvent', 'WindowsEvent', 'Event'];

/** Agent streams whose table is not named after them. */
const AGENT_STREAM_TABLES: ReadonlyMap<string, string> = new Map([['Microsoft-CiscoAsa', 'CommonSecurityLog']]);

/** Query operators that leave columns out of the result. */
const NARROWING_OPERATORS = new Set(['ProjectOperator', 'ProjectAwayOperator', 'ProjectKeepOperator', 'SummarizeOperator']);

/**
 * A transformation that keeps every column of a noisy table: a data flow into one of {@link NOISY_TABLES} with no
 * `transformKql`, or with one whose result still holds every column of its input stream (analyzed by the Kusto
 * language service; when the input's columns are unknown, one with no `project`, `project-away`, `project-keep` or
 * `summarize`). A transformation the language service finds errors in is left to the rule's own synth check.
 */
export function checkTransformKeepsEveryColumn(input: PolicyInput): PolicyViolation[] {
  return resourcesOfType(input, 'azurerm_monitor_data_collection_rule').flatMap((rule) =>
    dataFlows(rule).flatMap((flow, index) => {
      const table = outputTableOf(flow);
      if (table === undefined || !NOISY_TABLES.includes(table) || !keepsEveryColumn(rule, flow)) {
        return [];
      }
      const found = flow.transformKql === undefined ? 'has no transform_kql' : 'has a transform_kql that drops no column';
      return [violationAt(rule, `data_flow[${index}] into ${table} ${found}, so every column of every event is stored; expected `
        + 'a transformKql that drops the columns nobody reads (source | project-away ...) or keeps only those analytics read '
        + '(source | project TimeGenerated, ...)')];
    }));
}

/** The table a flow writes: its output stream's, or its one agent stream's. */
function outputTableOf(flow: DataFlow): string | undefined {
  const agentStream = flow.streams.length === 1 && flow.streams[0].startsWith(MICROSOFT_STREAM_PREFIX) ? flow.streams[0] : undefined;
  const stream = flow.outputStream ?? agentStream;
  return stream === undefined ? undefined : AGENT_STREAM_TABLES.get(stream) ?? tableNameOfOutputStream(stream);
}

function keepsEveryColumn(rule: PolicyResource, flow: DataFlow): boolean {
  if (flow.transformKql === undefined) {
    return true;
  }
  if (isTerraformExpression(flow.transformKql) || flow.streams.length !== 1) {
    return false;
  }
  const columns = inputColumns(rule, flow.streams[0]);
  return columns === undefined ? hasNoNarrowingOperator(flow.transformKql) : resultKeepsColumns(flow.transformKql, columns);
}

/** The columns of an input stream: declared by the rule, or those of the table an agent stream fills. */
function inputColumns(rule: PolicyResource, streamName: string): readonly ColumnDefinition[] | undefined {
  const declared = declaredStreamColumns(rule, streamName);
  if (declared !== undefined) {
    return declared.every((column) => isTableColumnType(column.type)) ? declared as ColumnDefinition[] : undefined;
  }
  const schema = microsoftStreamSchema(AGENT_STREAM_TABLES.has(streamName) ? COMMON_SECURITY_LOG_STREAM : streamName);
  return schema?.columns.filter((column) => column.reserved !== true);
}

function resultKeepsColumns(transformKql: string, columns: readonly ColumnDefinition[]): boolean {
  const analysis = analyzeKql(transformKql, { tables: [{ tableName: 'source', columns }], functions: TRANSFORMATION_ONLY_FUNCTIONS });
  if (analysis.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    return false;
  }
  const result = new Set(analysis.resultColumns.map((column) => column.name));
  return columns.every((column) => result.has(column.name));
}

function hasNoNarrowingOperator(transformKql: string): boolean {
  const analysis = analyzeKql(transformKql, { tables: [], functions: TRANSFORMATION_ONLY_FUNCTIONS });
  let narrowing = false;
  kusto().Syntax.SyntaxElement.WalkElements(analysis.code.Syntax, (element: any) => {
    if (!element.IsToken && NARROWING_OPERATORS.has(String(element.constructor.$$name).replace('Kusto.Language.Syntax.', ''))) {
      narrowing = true;
    }
  });
  return !narrowing;
}
