import { ConnectorCatalogEntry } from './connector-catalog-entry';

/** What every connector records in the synthesized Terraform JSON, under `//.sentinel.connectors`. */
export interface ConnectorMetadata {
  /** Construct path of the connector. */
  readonly constructPath: string;
  /** Terraform address of the workspace's `azurerm_log_analytics_workspace`, when this app declares it. */
  readonly workspace: string;
  /** The connector's catalog entry: title, publisher, path, tables, prerequisites, support. */
  readonly catalogEntry: ConnectorCatalogEntry;
  /** Terraform addresses of every resource the connector made. */
  readonly resources: string[];
  /** Settings worth showing beside the entry (facilities, levels, streams, ...). */
  readonly details: Record<string, unknown>;
}
