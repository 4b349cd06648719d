import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { LogAnalyticsWorkspaceTable } from '@cdktf/provider-azurerm/lib/log-analytics-workspace-table';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { SentinelLogAnalyticsWorkspaceOnboarding } from '@cdktf/provider-azurerm/lib/sentinel-log-analytics-workspace-onboarding';
import { ITerraformDependable, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { parseAzureResourceId } from '../model/azure-resource-id';
import {
  checkDaysInRange, checkInteractiveRetention, checkTotalRetention, SENTINEL_INCLUDED_RETENTION_IN_DAYS,
  WORKSPACE_RETENTION_RANGE,
} from '../model/retention';
import { TableSchema } from '../model/tables/table-schema';
import type { ISentinelConnector } from './connectors/sentinel-connector';
import { checkDeploymentOrder } from './deployment-order';
import { isUnresolved, throwIfInvalid, warn } from './private/validation';

/** Pricing tiers of a Log Analytics workspace that Sentinel supports. */
export enum WorkspaceSku {
  /** Pay as you go, per GB ingested. */
  PER_GB_2018 = 'PerGB2018',
  /** A commitment tier; set `reservationCapacityInGbPerDay`. */
  CAPACITY_RESERVATION = 'CapacityReservation',
}

/** Table plans, as Azure names them. */
export enum TablePlanName {
  /** Full KQL, alerts and Sentinel analytics rules. */
  ANALYTICS = 'Analytics',
  /** Cheaper ingestion, limited queries, fixed interactive retention. */
  BASIC = 'Basic',
  /** Cheapest, for DCR-based custom tables only (see {@link CustomTable}). */
  AUXILIARY = 'Auxiliary',
}

/** A Log Analytics workspace onboarded to Microsoft Sentinel. */
export interface ISentinelWorkspace extends IConstruct {
  /** Azure resource ID of the workspace (`/subscriptions/.../workspaces/<name>`). */
  readonly workspaceResourceId: string;
  /** The workspace (customer) ID, a GUID that queries and the Data Collector API use. */
  readonly workspaceId: string;
  /** Name of the workspace. */
  readonly workspaceName: string;
  /** Resource group that holds the workspace. */
  readonly resourceGroupName: string;
  /** Azure region of the workspace. */
  readonly location: string;
  /**
   * What a resource reading Sentinel tables must depend on: Azure answers 400 to a rule into
   * `Microsoft-CommonSecurityLog` created before the workspace is onboarded.
   */
  readonly sentinelDependency: ITerraformDependable[];

  /** Schema of a custom table declared in this app for this workspace, by table name. */
  customTableSchema(tableName: string): TableSchema | undefined;

  /**
   * Records a custom table so that rules writing it are checked against its columns and created after it; `declaredBy`
   * is the construct whose `resource` creates the table.
   */
  registerCustomTable(schema: TableSchema, declaredBy: CustomTableDeclaration): void;

  /** The resource that creates a custom table of this app for this workspace, by table name (case-insensitive). */
  customTableResource(tableName: string): ITerraformDependable | undefined;

  /** The names of the custom tables this app declares for this workspace. */
  readonly customTableNames: readonly string[];

  /** The connectors that fill this workspace. */
  readonly connectors: readonly ISentinelConnector[];

  /** Records a connector of this workspace (connectors call it themselves). */
  registerConnector(connector: ISentinelConnector): void;

  /**
   * Adds a connector of any kind under this workspace:
   * `workspace.addConnector(Office365Connector, 'Office365', { exchangeEnabled: true })`.
   */
  addConnector<P extends { readonly workspace: ISentinelWorkspace }, C extends ISentinelConnector>(
    connectorClass: new (scope: Construct, id: string, props: P) => C,
    id: string,
    options: Omit<P, 'workspace'>,
  ): C;
}

/** What declares a custom table: a construct and the resource that creates the table (set by the time the stack synthesizes). */
export interface CustomTableDeclaration extends IConstruct {
  readonly resource?: ITerraformDependable;
}

/** Settings of one table of the workspace. */
export interface TableSettingsOptions {
  /**
   * Table plan. `Auxiliary` applies only to DCR-based custom tables (set it on {@link CustomTable}).
   *
   * @default TablePlanName.ANALYTICS
   */
  readonly plan?: TablePlanName;

  /**
   * Interactive retention in days, 4 to 730. Not settable on the Basic plan, whose retention is fixed.
   *
   * @default - the workspace's retention
   */
  readonly retentionInDays?: number;

  /**
   * Total retention in days, long-term retention included: 4 to 730, or whole years up to 12 (1095 ... 4383).
   *
   * @default - same as the interactive retention (no long-term retention)
   */
  readonly totalRetentionInDays?: number;
}

/** Properties for a {@link SentinelWorkspace}. */
export interface SentinelWorkspaceProps {
  /** Name of the Log Analytics workspace, 4 to 63 letters, digits or hyphens, starting and ending alphanumeric. */
  readonly workspaceName: string;

  /** Azure region, e.g. `westeurope`. */
  readonly location: string;

  /** Resource group of the workspace. */
  readonly resourceGroupName: string;

  /**
   * Use a resource group that already exists instead of creating it.
   *
   * @default false
   */
  readonly useExistingResourceGroup?: boolean;

  /**
   * Pricing tier.
   *
   * @default WorkspaceSku.PER_GB_2018
   */
  readonly sku?: WorkspaceSku;

  /**
   * Commitment tier in GB per day (100, 200, ... 50000), required with `WorkspaceSku.CAPACITY_RESERVATION`.
   *
   * @default - none
   */
  readonly reservationCapacityInGbPerDay?: number;

  /**
   * Retention of the workspace's tables in days, 30 to 730. Sentinel includes 90 days at no extra cost.
   *
   * @default 90
   */
  readonly retentionInDays?: number;

  /**
   * Daily ingestion cap in GB; ingestion stops for the day once reached.
   *
   * @default - no cap
   */
  readonly dailyQuotaGb?: number;

  /**
   * Allow shared-key (workspace key) authentication, which the legacy HTTP Data Collector API needs.
   * Off by default: every supported ingestion path authenticates with Entra ID.
   *
   * @default false
   */
  readonly localAuthenticationEnabled?: boolean;

  /**
   * Per-table plan and retention, by table name.
   *
   * @default - every table keeps the workspace settings
   */
  readonly tableSettings?: Record<string, TableSettingsOptions>;

  /**
   * Tags for the resource group and the workspace.
   *
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/** Commitment tiers of Log Analytics, in GB per day. */
const COMMITMENT_TIERS = [100, 200, 300, 400, 500, 1000, 2000, 5000, 10000, 25000, 50000];

/** Workspace names: 4 to 63 characters, letters, digits and hyphens, alphanumeric at both ends. */
const WORKSPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/;

abstract class SentinelWorkspaceBase extends Construct implements ISentinelWorkspace {
  public abstract readonly workspaceResourceId: string;
  public abstract readonly workspaceId: string;
  public abstract readonly workspaceName: string;
  public abstract readonly resourceGroupName: string;
  public abstract readonly location: string;
  public abstract readonly sentinelDependency: ITerraformDependable[];
  private readonly customTables = new Map<string, { schema: TableSchema; declaredBy: CustomTableDeclaration }>();
  private readonly connectorList: ISentinelConnector[] = [];

  protected constructor(scope: Construct, id: string) {
    super(scope, id);
    // Whatever the stack holds beside the workspace, Azure's creation-time checks must be edges of its graph. (A
    // workspace imported outside any stack, to be shared by several, has no stack of its own.)
    const stack = this.node.scopes.find((scope): scope is TerraformStack => TerraformStack.isStack(scope));
    if (stack !== undefined) {
      checkDeploymentOrder(stack);
    }
  }

  public get connectors(): readonly ISentinelConnector[] {
    return this.connectorList;
  }

  public registerConnector(connector: ISentinelConnector): void {
    this.connectorList.push(connector);
  }

  public addConnector<P extends { readonly workspace: ISentinelWorkspace }, C extends ISentinelConnector>(
    connectorClass: new (scope: Construct, id: string, props: P) => C,
    id: string,
    options: Omit<P, 'workspace'>,
  ): C {
    return new connectorClass(this, id, { ...options, workspace: this } as unknown as P);
  }

  public customTableSchema(tableName: string): TableSchema | undefined {
    return this.customTables.get(tableName.toLowerCase())?.schema;
  }

  public customTableResource(tableName: string): ITerraformDependable | undefined {
    return this.customTables.get(tableName.toLowerCase())?.declaredBy.resource;
  }

  public get customTableNames(): readonly string[] {
    return [...this.customTables.values()].map((table) => table.schema.tableName);
  }

  public registerCustomTable(schema: TableSchema, declaredBy: CustomTableDeclaration): void {
    // Azure's table names are case-insensitive: ContosoApp_CL and contosoapp_cl are one table.
    const existing = this.customTables.get(schema.tableName.toLowerCase());
    throwIfInvalid(declaredBy, 'tableName', existing === undefined ? undefined
      : `the table "${schema.tableName}" is already declared by ${existing.declaredBy.node.path} in workspace ${this.node.path}`);
    this.customTables.set(schema.tableName.toLowerCase(), { schema, declaredBy });
  }
}

/** Attributes of a workspace that exists outside this app, already onboarded to Sentinel. */
export interface SentinelWorkspaceAttributes {
  /** Azure resource ID of the workspace. */
  readonly workspaceResourceId: string;
  /** The workspace (customer) ID. */
  readonly workspaceId: string;
  /** Azure region of the workspace. */
  readonly location: string;
}

/**
 * A Log Analytics workspace onboarded to Microsoft Sentinel, with its resource group.
 *
 * ```ts
 * const workspace = new SentinelWorkspace(stack, 'Sentinel', {
 *   workspaceName: 'contoso-sentinel',
 *   resourceGroupName: 'rg-sentinel',
 *   location: 'westeurope',
 * });
 * ```
 *
 * Retention defaults to the 90 days Sentinel includes, and shared-key authentication is off.
 */
export class SentinelWorkspace extends SentinelWorkspaceBase {
  /** Uses a workspace that exists outside this app and is already onboarded to Sentinel. */
  public static fromWorkspaceAttributes(scope: Construct, id: string, attributes: SentinelWorkspaceAttributes): ISentinelWorkspace {
    const parsed = parseAzureResourceId(attributes.workspaceResourceId, 'Microsoft.OperationalInsights/workspaces');
    class Import extends SentinelWorkspaceBase {
      public readonly workspaceResourceId = attributes.workspaceResourceId;
      public readonly workspaceId = attributes.workspaceId;
      public readonly workspaceName = parsed.name;
      public readonly resourceGroupName = parsed.resourceGroupName;
      public readonly location = attributes.location;
      public readonly sentinelDependency: ITerraformDependable[] = [];
    }
    return new Import(scope, id);
  }

  public readonly workspaceResourceId: string;
  public readonly workspaceId: string;
  public readonly workspaceName: string;
  public readonly resourceGroupName: string;
  public readonly location: string;
  public readonly sentinelDependency: ITerraformDependable[];

  /** The resource group, when this construct creates it. */
  public readonly resourceGroup?: ResourceGroup;
  /** The `azurerm_log_analytics_workspace`. */
  public readonly logAnalyticsWorkspace: LogAnalyticsWorkspace;
  /** The `azurerm_sentinel_log_analytics_workspace_onboarding`. */
  public readonly onboarding: SentinelLogAnalyticsWorkspaceOnboarding;

  constructor(scope: Construct, id: string, props: SentinelWorkspaceProps) {
    super(scope, id);
    this.validateProps(props);

    this.location = props.location;
    if (props.useExistingResourceGroup !== true) {
      this.resourceGroup = new ResourceGroup(this, 'ResourceGroup', {
        name: props.resourceGroupName,
        location: props.location,
        tags: props.tags,
      });
    }
    // A reference to the created group, so that Terraform creates it before anything placed in it.
    this.resourceGroupName = this.resourceGroup?.name ?? props.resourceGroupName;

    this.logAnalyticsWorkspace = new LogAnalyticsWorkspace(this, 'Resource', {
      name: props.workspaceName,
      location: props.location,
      resourceGroupName: this.resourceGroupName,
      sku: props.sku ?? WorkspaceSku.PER_GB_2018,
      reservationCapacityInGbPerDay: props.reservationCapacityInGbPerDay,
      retentionInDays: props.retentionInDays ?? SENTINEL_INCLUDED_RETENTION_IN_DAYS,
      dailyQuotaGb: props.dailyQuotaGb,
      localAuthenticationEnabled: props.localAuthenticationEnabled ?? false,
      tags: props.tags,
    });
    this.onboarding = new SentinelLogAnalyticsWorkspaceOnboarding(this, 'SentinelOnboarding', {
      workspaceId: this.logAnalyticsWorkspace.id,
    });

    this.workspaceResourceId = this.logAnalyticsWorkspace.id;
    this.workspaceId = this.logAnalyticsWorkspace.workspaceId;
    // The literal name reads better in plans; dependencies come through workspaceResourceId.
    this.workspaceName = props.workspaceName;
    this.sentinelDependency = [this.onboarding];

    for (const [tableName, settings] of Object.entries(props.tableSettings ?? {})) {
      this.addTableSettings(tableName, settings);
    }

    new TerraformOutput(this, 'WorkspaceResourceId', {
      value: this.workspaceResourceId,
      description: `Resource ID of the Log Analytics workspace ${props.workspaceName}`,
    });
    new TerraformOutput(this, 'WorkspaceCustomerId', {
      value: this.workspaceId,
      description: `Workspace (customer) ID of ${props.workspaceName}, used by queries`,
    });

    if (props.localAuthenticationEnabled === true) {
      warn(this, 'localAuthenticationEnabled', 'shared-key authentication is on: anyone with the workspace key can send ' +
        'data through the retired HTTP Data Collector API. Turn it off once no sender needs it');
    }
  }

  /**
   * Turns shared-key (workspace key) authentication on, which the retired HTTP Data Collector API needs, with a
   * synth warning that names who asked for it.
   */
  public enableLocalAuthentication(requestedBy: IConstruct): void {
    this.logAnalyticsWorkspace.localAuthenticationEnabled = true;
    warn(this, 'localAuthenticationEnabled', `shared-key authentication is on for ${requestedBy.node.path}: anyone with the workspace `
      + 'key can send data through the retired HTTP Data Collector API. Turn it off once no sender needs it');
  }

  /**
   * Sets the plan and retention of one of the workspace's tables (`azurerm_log_analytics_workspace_table`).
   * The construct id is `Table<Name>`, so each table is configured once.
   */
  public addTableSettings(tableName: string, settings: TableSettingsOptions): LogAnalyticsWorkspaceTable {
    const field = `tableSettings.${tableName}`;
    const plan = settings.plan ?? TablePlanName.ANALYTICS;
    throwIfInvalid(this, `${field}.plan`, plan === TablePlanName.AUXILIARY
      ? 'the Auxiliary plan applies only to DCR-based custom tables; set it on the CustomTable that declares the table'
      : undefined);
    if (settings.retentionInDays !== undefined && !isUnresolved(settings.retentionInDays)) {
      throwIfInvalid(this, `${field}.retentionInDays`, checkInteractiveRetention(plan, settings.retentionInDays));
    }
    if (settings.totalRetentionInDays !== undefined && !isUnresolved(settings.totalRetentionInDays)) {
      throwIfInvalid(this, `${field}.totalRetentionInDays`, checkTotalRetention(settings.totalRetentionInDays));
      const interactive = settings.retentionInDays;
      throwIfInvalid(this, `${field}.totalRetentionInDays`,
        interactive !== undefined && !isUnresolved(interactive) && settings.totalRetentionInDays < interactive
          ? `must be at least retentionInDays (${interactive}), got ${settings.totalRetentionInDays}`
          : undefined);
    }
    return new LogAnalyticsWorkspaceTable(this, `Table${tableName}`, {
      workspaceId: this.logAnalyticsWorkspace.id,
      name: tableName,
      plan,
      retentionInDays: settings.retentionInDays,
      totalRetentionInDays: settings.totalRetentionInDays,
      dependsOn: [this.onboarding],
    });
  }

  private validateProps(props: SentinelWorkspaceProps): void {
    if (!isUnresolved(props.workspaceName)) {
      throwIfInvalid(this, 'workspaceName', WORKSPACE_NAME.test(props.workspaceName) ? undefined
        : `"${props.workspaceName}" is not a valid workspace name; expected 4 to 63 letters, digits or hyphens, ` +
          'starting and ending with a letter or digit');
    }
    if (props.retentionInDays !== undefined && !isUnresolved(props.retentionInDays)) {
      throwIfInvalid(this, 'retentionInDays', checkDaysInRange(props.retentionInDays, WORKSPACE_RETENTION_RANGE));
      if (props.retentionInDays < SENTINEL_INCLUDED_RETENTION_IN_DAYS) {
        warn(this, 'retentionInDays', `${props.retentionInDays} days is less than the ${SENTINEL_INCLUDED_RETENTION_IN_DAYS} ` +
          'days Sentinel includes at no extra cost');
      }
    }
    if (props.dailyQuotaGb !== undefined && !isUnresolved(props.dailyQuotaGb)) {
      throwIfInvalid(this, 'dailyQuotaGb', props.dailyQuotaGb > 0 ? undefined
        : `must be a positive number of GB (leave it out for no cap), got ${props.dailyQuotaGb}`);
    }
    const sku = props.sku ?? WorkspaceSku.PER_GB_2018;
    const reservation = props.reservationCapacityInGbPerDay;
    if (sku === WorkspaceSku.CAPACITY_RESERVATION) {
      throwIfInvalid(this, 'reservationCapacityInGbPerDay', reservation === undefined
        ? `is required with sku ${WorkspaceSku.CAPACITY_RESERVATION}; one of ${COMMITMENT_TIERS.join(', ')}`
        : !isUnresolved(reservation) && !COMMITMENT_TIERS.includes(reservation)
          ? `must be one of ${COMMITMENT_TIERS.join(', ')} GB per day, got ${reservation}`
          : undefined);
    } else {
      throwIfInvalid(this, 'reservationCapacityInGbPerDay', reservation === undefined ? undefined
        : `applies only with sku ${WorkspaceSku.CAPACITY_RESERVATION}, but sku is ${sku}`);
    }
  }
}
