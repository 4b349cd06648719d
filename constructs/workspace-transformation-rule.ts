import { unescapeTemplateText } from '../model/terraform/template-text';
import { MonitorDataCollectionRule } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule';
import { ITerraformDependable, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import {
  DataCollectionRuleKind, DataFlowOptions, formatDiagnostic, IDataCollectionRule, LOG_ANALYTICS_DESTINATION_NAME,
} from './data-collection-rule';
import { addAzapiProvider } from './private/azapi-resource';
import { throwIfInvalid, warn } from './private/validation';
import { SentinelWorkspace } from './sentinel-workspace';
import { checkTransformation } from '../model/kql/check-transformation';
import { WORKSPACE_TRANSFORMATION_STREAM_PREFIX } from '../model/streams';
import { builtInTable } from '../model/tables/builtin-tables';
import { TableSchema } from '../model/tables/table-schema';

/** Properties for a {@link WorkspaceTransformationRule}. */
export interface WorkspaceTransformationRuleProps {
  /** The workspace whose tables the rule transforms; the rule becomes its default data collection rule. */
  readonly workspace: SentinelWorkspace;

  /**
   * One flow per table: `streams: ['Microsoft-Table-<Table>']` and the `transformKql` applied to what reaches that table
   * without a rule of its own.
   */
  readonly dataFlows: DataFlowOptions[];

  /**
   * Name of the rule.
   *
   * @default - the construct id, prefixed with the workspace name
   */
  readonly dataCollectionRuleName?: string;

  /**
   * Region of the rule.
   *
   * @default - the workspace's region
   */
  readonly location?: string;

  /**
   * Resource group of the rule.
   *
   * @default - the workspace's resource group
   */
  readonly resourceGroupName?: string;

  /** @default - none */
  readonly description?: string;

  /** @default - none */
  readonly tags?: Record<string, string>;
}

/** The ARM type and api-version that set a workspace's default data collection rule. */
const WORKSPACE_ARM_TYPE = 'Microsoft.OperationalInsights/workspaces@2023-09-01';

/** Azure Monitor's limit of data flows per rule. */
const MAX_DATA_FLOWS = 10;

/** The stream of a table: `Microsoft-Table-SecurityEvent`, `Microsoft-Table-MyApp_CL`. */
const TABLE_STREAM = /^Microsoft-Table-([A-Za-z][A-Za-z0-9_]*)$/;

/**
 * The workspace transformation rule (`kind: WorkspaceTransforms`): ingestion-time transformations of tables whose data
 * arrives without a data collection rule of its own (`SecurityEvent` from the legacy agent, diagnostic settings, the
 * Data Collector API), one flow per table, set as the workspace's default data collection rule.
 *
 * ```ts
 * new WorkspaceTransformationRule(stack, 'WorkspaceTransforms', {
 *   workspace,
 *   dataFlows: [{ streams: ['Microsoft-Table-SecurityEvent'], transformKql: 'source | where EventID != 4688' }],
 * });
 * ```
 *
 * Terraform: the rule cannot be given to the workspace's own `data_collection_rule_id`, because the rule names the
 * workspace as its destination (a cycle). An `azapi_update_resource` sets the workspace's
 * `defaultDataCollectionRuleResourceId` once both exist, and the workspace ignores changes of `data_collection_rule_id`
 * so that azurerm does not undo it. A transformation of a table the model knows (Syslog, CommonSecurityLog, custom tables
 * of the app) is checked at synth against its columns; of any other table, by Azure at deployment (a warning says so).
 *
 * Belongs with `DataCollectionRule` in `constructs/`, which refuses `Microsoft-Table-<Table>` streams today.
 */
export class WorkspaceTransformationRule extends Construct implements IDataCollectionRule {
  public readonly dataCollectionRuleId: string;
  public readonly dataCollectionRuleName: string;
  /** The `azurerm_monitor_data_collection_rule`. */
  public readonly resource: MonitorDataCollectionRule;
  /** The `azapi_update_resource` that makes the rule the workspace's default data collection rule. */
  public readonly defaultRuleSetting: TerraformResource;
  /** Warnings given so far: validation runs more than once (before synth, and in it), each is said once. */
  private readonly warned = new Set<string>();

  constructor(scope: Construct, id: string, props: WorkspaceTransformationRuleProps) {
    super(scope, id);
    const workspace = props.workspace;
    throwIfInvalid(this, 'dataFlows', props.dataFlows.length === 0 ? 'a workspace transformation rule needs one data flow per table it transforms' : undefined);
    throwIfInvalid(this, 'dataFlows', props.dataFlows.length > MAX_DATA_FLOWS ? `a rule has at most ${MAX_DATA_FLOWS} data flows` : undefined);
    props.dataFlows.forEach((flow, index) => this.checkDataFlow(flow, index, props.dataFlows));

    this.resource = new MonitorDataCollectionRule(this, 'Resource', {
      name: props.dataCollectionRuleName ?? `${workspace.workspaceName}-${id}`,
      location: props.location ?? workspace.location,
      resourceGroupName: props.resourceGroupName ?? workspace.resourceGroupName,
      kind: DataCollectionRuleKind.WORKSPACE_TRANSFORMS,
      description: props.description,
      destinations: { logAnalytics: [{ name: LOG_ANALYTICS_DESTINATION_NAME, workspaceResourceId: workspace.workspaceResourceId }] },
      dataFlow: props.dataFlows.map((flow) => ({
        streams: flow.streams, destinations: [LOG_ANALYTICS_DESTINATION_NAME], transformKql: flow.transformKql,
      })),
      dependsOn: workspace.sentinelDependency,
      tags: props.tags,
    });
    this.dataCollectionRuleId = this.resource.id;
    this.dataCollectionRuleName = this.resource.name;

    this.defaultRuleSetting = new AzapiUpdateResource(this, 'WorkspaceDefault', {
      type: WORKSPACE_ARM_TYPE,
      resourceId: workspace.workspaceResourceId,
      body: { properties: { defaultDataCollectionRuleResourceId: this.dataCollectionRuleId } },
    });
    const lifecycle = workspace.logAnalyticsWorkspace.lifecycle;
    const ignored = Array.isArray(lifecycle?.ignoreChanges) ? lifecycle.ignoreChanges : [];
    workspace.logAnalyticsWorkspace.lifecycle = { ...lifecycle, ignoreChanges: [...ignored, 'data_collection_rule_id'] };

    this.node.addValidation({ validate: () => props.dataFlows.flatMap((flow, index) => this.validateTransformation(flow, index, workspace)) });
  }

  /** A flow reads one table's stream, writes it back (no output stream), and has a transformation. */
  private checkDataFlow(flow: DataFlowOptions, index: number, flows: readonly DataFlowOptions[]): void {
    const field = `dataFlows[${index}]`;
    const table = flow.streams.length === 1 ? TABLE_STREAM.exec(flow.streams[0])?.[1] : undefined;
    throwIfInvalid(this, `${field}.streams`, table === undefined
      ? `a workspace transformation reads one table, as "${WORKSPACE_TRANSFORMATION_STREAM_PREFIX}<Table>" (e.g. `
        + `"${WORKSPACE_TRANSFORMATION_STREAM_PREFIX}SecurityEvent"), got ${JSON.stringify(flow.streams)}` : undefined);
    const earlier = flows.slice(0, index).findIndex((other) => other.streams.length === 1 && other.streams[0] === flow.streams[0]);
    throwIfInvalid(this, `${field}.streams`, earlier >= 0
      ? `"${flow.streams[0]}" is already transformed by dataFlows[${earlier}]; a table takes one workspace transformation` : undefined);
    throwIfInvalid(this, `${field}.outputStream`, flow.outputStream !== undefined
      ? `a workspace transformation writes the table it reads; leave outputStream out (got "${flow.outputStream}")` : undefined);
    throwIfInvalid(this, `${field}.transformKql`, flow.transformKql === undefined
      ? `a flow of a workspace transformation rule needs a transformKql (or transformKqlFile); without one "${table}" is left as it is`
      : undefined);
  }

  /** The transformation, checked against the table's columns when the app knows them. */
  private validateTransformation(flow: DataFlowOptions, index: number, workspace: SentinelWorkspace): string[] {
    const field = `dataFlows[${index}].transformKql`;
    const tableName = TABLE_STREAM.exec(flow.streams[0])?.[1] ?? '';
    const table: TableSchema | undefined = tableName.endsWith('_CL') ? workspace.customTableSchema(tableName) : builtInTable(tableName);
    if (flow.transformKql === undefined) {
      return [];
    }
    if (table === undefined) {
      this.warnOnce(field, `the columns of "${tableName}" are not known to this app, so Azure checks the transformation only at `
        + 'deployment');
      return [];
    }
    const transformKql = unescapeTemplateText(flow.transformKql);
    const check = checkTransformation(transformKql, {
      inputColumns: table.columns.filter((column) => column.reserved !== true), outputTable: table,
    });
    check.warnings.forEach((diagnostic) => this.warnOnce(field, formatDiagnostic(transformKql, diagnostic)));
    return check.errors.map((diagnostic) => `${field}: ${formatDiagnostic(transformKql, diagnostic)}`);
  }

  private warnOnce(field: string, message: string): void {
    const key = `${field}: ${message}`;
    if (!this.warned.has(key)) {
      this.warned.add(key);
      warn(this, field, message);
    }
  }
}

/** Properties of an {@link AzapiUpdateResource}. */
interface AzapiUpdateResourceProps {
  /** `<resource type>@<api-version>`. */
  readonly type: string;
  /** The resource whose properties are set. */
  readonly resourceId: string;
  /** The properties to set, as the ARM body spells them; the others are kept. */
  readonly body: Record<string, unknown>;
  readonly dependsOn?: ITerraformDependable[];
}

/** One `azapi_update_resource`: sets some properties of a resource that another resource manages. */
class AzapiUpdateResource extends TerraformResource {
  constructor(scope: Construct, id: string, private readonly props: AzapiUpdateResourceProps) {
    super(scope, id, { terraformResourceType: 'azapi_update_resource', terraformGeneratorMetadata: { providerName: 'azapi' },
      dependsOn: props.dependsOn });
    addAzapiProvider(this);
  }

  /** The arguments, with the body's keys kept as ARM spells them. */
  protected synthesizeAttributes(): Record<string, unknown> {
    return { type: this.props.type, resource_id: this.props.resourceId, body: this.props.body };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return this.synthesizeAttributes();
  }
}
