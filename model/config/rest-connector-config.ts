import { StreamColumnConfig, TableColumnConfig } from './column-config';
import { TablePlanNameConfig } from './custom-table-config';
import { TransformConfig } from './transform-config';
import { UserConnectorDescriptionConfig } from './user-connector-description-config';

/** What a source pushing through the Logs Ingestion API needs: stream, table, transformation and endpoint. */
export interface PolledStreamConfig extends UserConnectorDescriptionConfig, TransformConfig {
  /** The stream senders post to, `Custom-<Name>`. */
  readonly streamName: string;
  /**
   * The columns of the records senders post.
   *
   * @minItems 1
   */
  readonly streamColumns: StreamColumnConfig[];
  /** The destination table: a custom `_CL` table, or a built-in table such as `CommonSecurityLog`. */
  readonly tableName: string;
  /**
   * Columns of the custom table, to create it here.
   *
   * @default - the table exists already (a custom table of the workspace, or a built-in one)
   */
  readonly tableColumns?: TableColumnConfig[];
  /** @default "Analytics" */
  readonly tablePlan?: TablePlanNameConfig;
  /**
   * The endpoint senders use, by its name under `dataCollectionEndpoints`.
   *
   * @default - a new endpoint for this connector
   */
  readonly dataCollectionEndpoint?: string;
}

/** A source pushing records through the Logs Ingestion API (`LogsIngestionConnector`). */
export interface LogsIngestionConnectorConfig extends PolledStreamConfig {
  /** Logs Ingestion API (REST push). */
  readonly kind: 'logsIngestion';
  /**
   * Object IDs of the service principals or managed identities allowed to send.
   *
   * @default - none
   */
  readonly senderPrincipalIds?: string[];
}

/** A sender of the retired HTTP Data Collector API, kept for migration (`LegacyDataCollectorConnector`). */
export interface DataCollectorConnectorConfig extends UserConnectorDescriptionConfig {
  /** HTTP Data Collector API (retired 14 September 2026); turns shared-key authentication on. */
  readonly kind: 'dataCollector';
  /** The `Log-Type` senders post with; the table is `<logType>_CL`. */
  readonly logType: string;
  /**
   * The table's columns as the legacy API created them (`Computer_s`, `Duration_d`, ...).
   *
   * @default - none
   */
  readonly legacyColumns?: string[];
  /**
   * The property senders name in the `time-generated-field` header.
   *
   * @default - TimeGenerated is the time of ingestion
   */
  readonly timeGeneratedField?: string;
}

/** A secret a function reads from Key Vault through an app setting reference. */
export interface KeyVaultSecretReferenceConfig {
  /** URI of the secret, `https://<vault>.vault.azure.net/secrets/<name>`, or a variable holding it. Never the value. */
  readonly keyVaultSecretId: string;
  /**
   * Resource ID of the vault, to give the function's identity `Key Vault Secrets User` on it.
   *
   * @default - no role assignment
   */
  readonly keyVaultId?: string;
}

/** An Azure Functions poller of a REST API (`FunctionConnector`). */
export interface FunctionConnectorConfig extends PolledStreamConfig {
  /** Azure Functions poller (REST pull). */
  readonly kind: 'function';
  /** Language runtime of the poller's code, as Azure's `linuxFxVersion` names it. */
  readonly runtime: 'PYTHON|3.11' | 'NODE|20' | 'POWERSHELL|7.4';
  /**
   * HTTPS URL of the code package (`WEBSITE_RUN_FROM_PACKAGE`).
   *
   * @default - no package; deploy the code separately
   */
  readonly packageUrl?: string;
  /**
   * The poller's own settings; secrets go in `keyVaultSecrets`.
   *
   * @default - none
   */
  readonly appSettings?: Record<string, string>;
  /**
   * Settings whose values are Key Vault secrets, by setting name.
   *
   * @default - none
   */
  readonly keyVaultSecrets?: Record<string, KeyVaultSecretReferenceConfig>;
  /**
   * Name of the function app (its host name), unique in Azure.
   *
   * @default - the workspace name and the connector id, lower case
   */
  readonly functionAppName?: string;
  /**
   * Name of the function's storage account: 3 to 24 lower-case letters or digits.
   *
   * @default - from the connector id and the construct's address
   */
  readonly storageAccountName?: string;
  /**
   * SKU of the Linux service plan.
   *
   * @default "Y1"
   */
  readonly skuName?: string;
  /** @default - none */
  readonly tags?: Record<string, string>;
}
