import { Construct } from 'constructs';
import { checkLegacyColumns, checkLogType, logsIngestionEquivalentOfLegacyTable, LogsIngestionEquivalent } from '../../model/legacy-data-collector';
import { throwIfInvalid, throwIfInvalidBeforeCreation, warn } from '../private/validation';
import { SentinelWorkspace } from '../sentinel-workspace';
import { userCatalogEntry, UserConnectorDescription } from './logs-ingestion-connector';
import { SentinelConnector } from './sentinel-connector';

/** The day Microsoft retired the HTTP Data Collector API. */
export const DATA_COLLECTOR_API_RETIREMENT = '2026-09-14';

/** Properties for a {@link LegacyDataCollectorConnector}. */
export interface LegacyDataCollectorConnectorProps extends UserConnectorDescription {
  /** The workspace, declared in this app: the connector turns its shared-key authentication on. */
  readonly workspace: SentinelWorkspace;

  /** The `Log-Type` senders post with; the table is `<logType>_CL`. */
  readonly logType: string;

  /**
   * The table's columns as the legacy API created them (`Computer_s`, `Duration_d`, ...), to generate the Logs
   * Ingestion equivalent.
   *
   * @default - none; `logsIngestionEquivalent` is then undefined
   */
  readonly legacyColumns?: string[];

  /**
   * The property senders name in the `time-generated-field` header.
   *
   * @default - TimeGenerated is the time of ingestion
   */
  readonly timeGeneratedField?: string;
}

/**
 * A sender of the retired HTTP Data Collector API (`POST /api/logs` with a SharedKey signature), kept for migration:
 * it turns shared-key authentication on for the workspace, with a synth warning, and generates the Logs Ingestion
 * equivalent of the legacy `_CL` table so the sender can move to a {@link LogsIngestionConnector}:
 *
 * ```ts
 * const legacy = new LegacyDataCollectorConnector(stack, 'ContosoAudit', {
 *   workspace, connectorId: 'ContosoAudit', title: 'Contoso audit (legacy)', logType: 'ContosoAudit',
 *   legacyColumns: ['Computer_s', 'Duration_d', 'Ok_b'],
 * });
 * new LogsIngestionConnector(stack, 'ContosoAuditV2', {
 *   workspace, connectorId: 'ContosoAuditV2', title: 'Contoso audit', ...legacy.logsIngestionEquivalent!,
 * });
 * ```
 */
export class LegacyDataCollectorConnector extends SentinelConnector {
  /** The table the legacy API writes, `<logType>_CL`. */
  public readonly tableName: string;
  /** The Logs Ingestion equivalent of the table, when `legacyColumns` is given. */
  public readonly logsIngestionEquivalent?: LogsIngestionEquivalent;

  constructor(scope: Construct, id: string, props: LegacyDataCollectorConnectorProps) {
    // The table name in the catalog entry comes from the Log-Type: check it first, for the clearer message.
    throwIfInvalidBeforeCreation(scope, id, 'logType', checkLogType(props.logType));
    super(scope, id, props.workspace, userCatalogEntry({ ...props, tableName: `${props.logType}_CL`,
      prerequisites: props.prerequisites ?? ['Shared-key authentication on the workspace', 'The sender holds the workspace key'] },
    'data-collector-api'));
    throwIfInvalid(this, 'legacyColumns', props.legacyColumns === undefined ? undefined : checkLegacyColumns(props.legacyColumns)[0]);
    this.tableName = `${props.logType}_CL`;
    props.workspace.enableLocalAuthentication(this);
    warn(this, 'logType', `the HTTP Data Collector API was retired on ${DATA_COLLECTOR_API_RETIREMENT}; move the sender of `
      + `${this.tableName} to the Logs Ingestion API (see logsIngestionEquivalent)`);
    if (props.legacyColumns !== undefined) {
      this.logsIngestionEquivalent = logsIngestionEquivalentOfLegacyTable(props.logType, props.legacyColumns, props.timeGeneratedField);
    }
  }

  protected connectorDetails(): Record<string, unknown> {
    return { logType: this.tableName.slice(0, -3), tableName: this.tableName };
  }
}
