import { IResolvable, ITerraformDependable, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { builtInConnector } from '../../../model/connectors/builtin-connectors';
import { ConnectorCatalogEntry } from '../../../model/connectors/connector-catalog-entry';
import { isUnresolved, throwIfInvalid } from '../../private/validation';
import { SentinelConnector, SentinelConnectorProps } from '../sentinel-connector';

/** Properties every service-to-service connector takes. */
export interface ServiceConnectorProps extends SentinelConnectorProps {
  /**
   * Name of the data connector in the workspace. Names are unique in a workspace: give each connector of the
   * same kind its own (two TAXII feeds, one AWS S3 connector per destination table).
   *
   * @default - the connector id, e.g. `Office365`
   */
  readonly connectorName?: string;
}

/** Properties of a connector that reads from a Microsoft Entra tenant. */
export interface TenantConnectorProps extends ServiceConnectorProps {
  /**
   * The Microsoft Entra tenant the connector reads from, a GUID.
   *
   * @default - the tenant of the azurerm provider
   */
  readonly tenantId?: string;
}

/** What the base of every connector reads: a `tenantId` or `subscriptionId`, where the kind has one, must be a GUID. */
export interface ServiceConnectorBaseProps extends TenantConnectorProps {
  /**
   * The Azure subscription the connector reads from (Defender for Cloud, Defender for IoT), a GUID.
   *
   * @default - what the kind's own props document
   */
  readonly subscriptionId?: string;
}

/** What every `azurerm_sentinel_data_connector_*` resource takes, the same for every kind. */
export interface ServiceConnectorResourceConfig {
  readonly name: string;
  readonly logAnalyticsWorkspaceId: string;
  readonly dependsOn: ITerraformDependable[];
}

/** Makes a connector's azurerm resource (construct id `Resource`) from the config every connector shares. */
export type ServiceConnectorResourceFactory<R extends TerraformResource> = (scope: Construct, common: ServiceConnectorResourceConfig) => R;

/**
 * The factory of an azurerm data connector resource with the settings of its kind:
 * `resourceOf(SentinelDataConnectorOffice365, { tenantId, teamsEnabled: false })`. The settings are typed by the class.
 */
export function resourceOf<C extends { name: string; logAnalyticsWorkspaceId: string }, R extends TerraformResource>(
  resourceClass: new (scope: Construct, id: string, config: C) => R,
  settings: Omit<C, 'name' | 'logAnalyticsWorkspaceId'>,
): ServiceConnectorResourceFactory<R> {
  // The settings are C without the common keys, so with them added they are a C; TypeScript cannot follow Omit there.
  return (scope, common) => new resourceClass(scope, 'Resource', { ...settings, ...common } as unknown as C);
}

/** A tenant, subscription or any other Azure ID: 8-4-4-4-12 hexadecimal digits. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An IAM role ARN in any AWS partition (commercial, GovCloud, China): `arn:aws:iam::<12-digit account>:role/<path/name>`. */
const AWS_ROLE_ARN = /^arn:aws(?:-us-gov|-cn)?:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/** RFC 3339 §5.6 `date-time`, as Go's `time.RFC3339` (which azurerm validates with) parses it. */
const RFC_3339_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Why `value` is not an RFC 3339 date-time at or before `now` (milliseconds since the epoch), or undefined when it is.
 * Out-of-range parts (February 30, hour 24, offset +25:00) are refused as Go refuses them, not rolled over.
 */
export function checkPastDateTime(value: string, now: number): string | undefined {
  const match = RFC_3339_DATE_TIME.exec(value);
  const [year, month, day, hour, minute, second] = (match ?? []).slice(1, 7).map(Number);
  const [offsetHours, offsetMinutes] = [Number(match?.[9] ?? 0), Number(match?.[10] ?? 0)];
  const calendar = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const valid = match !== null && calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1
    && calendar.getUTCDate() === day && calendar.getUTCHours() === hour && calendar.getUTCMinutes() === minute
    && calendar.getUTCSeconds() === second && offsetHours < 24 && offsetMinutes < 60;
  if (!valid) {
    return `must be an RFC 3339 date-time such as 2024-01-31T00:00:00Z, got "${value}"`;
  }
  const offset = (match[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const time = calendar.getTime() + Number(match[7] ?? 0) * 1000 - offset;
  return time > now ? `must not be in the future (Sentinel imports what was published from this date on), got "${value}"` : undefined;
}

/**
 * The catalog entry of a connector Microsoft ships, with only `tables` when given (a missing entry is a bug of this
 * library). No tables at all means the connector's settings are wrong, which the connector's own check then reports.
 */
function catalogEntryOf(connectorId: string, tables?: readonly string[]): ConnectorCatalogEntry {
  const entry = builtInConnector(connectorId);
  if (entry === undefined) {
    throw new Error(`no built-in catalog entry for the connector id "${connectorId}"`);
  }
  return tables === undefined || tables.length === 0 ? entry : { ...entry, tables };
}

/**
 * The base of the connectors azurerm turns on with an `azurerm_sentinel_data_connector_*` resource: the catalog entry,
 * the connector name, the resource with the workspace and onboarding dependency every one takes, and the checks they
 * share. A `tenantId` or `subscriptionId` in the props is checked to be a GUID.
 */
export abstract class ServiceConnector<R extends TerraformResource> extends SentinelConnector {
  /** Name of the data connector in the workspace. */
  public readonly connectorName: string;
  /** The `azurerm_sentinel_data_connector_*` resource, construct id `Resource`. */
  public readonly resource: R;

  /** `tables` replaces the catalog's tables when the connector fills only some of them. */
  protected constructor(scope: Construct, id: string, props: ServiceConnectorBaseProps, connectorId: string,
    resource: ServiceConnectorResourceFactory<R>, tables?: readonly string[]) {
    super(scope, id, props.workspace, catalogEntryOf(connectorId, tables));
    this.connectorName = props.connectorName ?? connectorId;
    throwIfInvalid(this, 'connectorName', isUnresolved(this.connectorName) || this.connectorName.trim() !== '' ? undefined
      : 'must not be empty; leave it out to use the connector id');
    this.validateGuid('tenantId', props.tenantId);
    this.validateGuid('subscriptionId', props.subscriptionId);
    // Sentinel refuses connectors of a workspace that is not onboarded yet.
    this.resource = resource(this, {
      name: this.connectorName,
      logAnalyticsWorkspaceId: this.workspace.workspaceResourceId,
      dependsOn: this.workspace.sentinelDependency,
    });
    this.node.addValidation({ validate: () => this.validateNameIsUnique() });
  }

  /** Throws unless the role ARN (when known at synth) is an IAM role's. */
  protected validateAwsRoleArn(value: string): void {
    if (!isUnresolved(value)) {
      throwIfInvalid(this, 'awsRoleArn', AWS_ROLE_ARN.test(value) ? undefined
        : `must be an IAM role ARN, arn:aws:iam::<12-digit account>:role/<path/name>, got "${value}"`);
    }
  }

  /** Throws unless `value` (when given and known at synth) is an RFC 3339 date-time, not in the future. */
  protected validatePastDateTime(field: string, value: string | undefined): void {
    if (value !== undefined && !isUnresolved(value)) {
      throwIfInvalid(this, field, checkPastDateTime(value, Date.now()));
    }
  }

  /** Throws when every data type is off: Azure creates no connector then (azurerm fails only at apply). */
  protected validateAnyDataTypeEnabled(enabled: Record<string, boolean | IResolvable>): void {
    if (Object.values(enabled).every((value) => value === false)) {
      const fields = Object.keys(enabled);
      throwIfInvalid(this, fields.join(', '), `at least one must be true, got ${fields.map((field) => `${field}: false`).join(', ')}; ` +
        'Azure does not create a connector with no data type enabled');
    }
  }

  /** Throws unless `value` (when given and known at synth) is a GUID. */
  private validateGuid(field: string, value: string | undefined): void {
    if (value !== undefined && !isUnresolved(value)) {
      throwIfInvalid(this, field, GUID.test(value) ? undefined
        : `must be a GUID (8-4-4-4-12 hexadecimal digits, e.g. 00000000-0000-0000-0000-000000000000), got "${value}"`);
    }
  }

  private validateNameIsUnique(): string[] {
    const connectors = this.workspace.connectors;
    const sameName = connectors.slice(0, connectors.indexOf(this)).find((other) =>
      other instanceof ServiceConnector && !isUnresolved(this.connectorName) && other.connectorName === this.connectorName);
    return sameName === undefined ? [] : [
      `connectorName: "${this.connectorName}" is also the name of ${sameName.node.path} in workspace ${this.workspace.node.path}; ` +
      'data connector names are unique in a workspace, so set connectorName on one of them',
    ];
  }
}
