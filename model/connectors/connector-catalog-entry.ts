/** The ways data reaches Sentinel, as DESIGN.md lists them. */
export const INGESTION_PATHS = [
  'service-to-service',
  'syslog-ama',
  'cef-ama',
  'custom-logs-ama',
  'logs-ingestion-api',
  'data-collector-api',
  'azure-functions',
  'codeless-connector',
] as const;

/** An ingestion path. */
export type IngestionPath = (typeof INGESTION_PATHS)[number];

/** What each ingestion path is called on the Data connectors page. */
export const INGESTION_PATH_TITLES: Record<IngestionPath, string> = {
  'service-to-service': 'Service to service',
  'syslog-ama': 'Syslog via AMA',
  'cef-ama': 'CEF via AMA',
  'custom-logs-ama': 'Custom logs via AMA',
  'logs-ingestion-api': 'Logs Ingestion API',
  'data-collector-api': 'HTTP Data Collector API (retired)',
  'azure-functions': 'Azure Functions poller',
  'codeless-connector': 'Codeless Connector poller',
};

/** Support tiers, as Sentinel shows them. */
export const SUPPORT_TIERS = ['Microsoft', 'Partner', 'Community'] as const;

/** A support tier. */
export type SupportTier = (typeof SUPPORT_TIERS)[number];

/** Who supports a connector, and how to reach them when something breaks. */
export interface ConnectorSupport {
  readonly tier: SupportTier;
  /** Name of the supporting organisation or person. */
  readonly name?: string;
  /** A support page. */
  readonly link?: string;
  /** A support e-mail address. */
  readonly email?: string;
}

/** One kind of connector: what it is, who supports it, what it fills, what it needs. */
export interface ConnectorCatalogEntry {
  /** Stable identifier, e.g. `Office365` or a user's `ContosoApp`. */
  readonly connectorId: string;
  /** Title as the Data connectors page shows it. */
  readonly title: string;
  /** Who publishes it. */
  readonly publisher: string;
  readonly ingestionPath: IngestionPath;
  /** Tables it fills. */
  readonly tables: readonly string[];
  /** What must be true before it can work (licences, permissions, settings outside Azure). */
  readonly prerequisites: readonly string[];
  readonly support: ConnectorSupport;
  /** A short description. */
  readonly description?: string;
}

/** Microsoft's support contact for the connectors it publishes. */
export const MICROSOFT_SUPPORT: ConnectorSupport = {
  tier: 'Microsoft', name: 'Microsoft Corporation', link: 'https://support.microsoft.com',
};

/**
 * The support of a connector, as Sentinel decides it: Microsoft's own are Microsoft supported; a connector authored
 * elsewhere is Partner supported when it names a contact (a name, and a link or an e-mail), otherwise Community
 * supported.
 */
export function supportFor(publisher: string, contact?: Omit<ConnectorSupport, 'tier'> & { tier?: SupportTier }): ConnectorSupport {
  if (publisher === 'Microsoft') {
    return contact === undefined ? MICROSOFT_SUPPORT : { ...MICROSOFT_SUPPORT, ...contact, tier: 'Microsoft' };
  }
  const reachable = contact?.name !== undefined && (contact.link !== undefined || contact.email !== undefined);
  if (contact?.tier === 'Community' || !reachable) {
    return { ...contact, tier: 'Community' };
  }
  return { ...contact, tier: 'Partner' };
}
