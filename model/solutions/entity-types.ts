/**
 * Entity types an analytic rule maps columns to, as azurerm 4.55 accepts them (`entity_type`, the 2022-10-01-preview
 * `EntityMappingType`), with the identifiers Sentinel knows for each (Azure-Sentinel's
 * `.script/tests/detectionTemplateSchemaValidation` list `EntityMappingIdentifiers`).
 */
export const ENTITY_IDENTIFIERS = {
  Account: ['Name', 'FullName', 'NTDomain', 'DnsDomain', 'UPNSuffix', 'Sid', 'AadTenantId', 'AadUserId', 'PUID', 'IsDomainJoined',
    'DisplayName', 'ObjectGuid', 'CloudAppAccountId'],
  AzureResource: ['ResourceId'],
  CloudApplication: ['AppId', 'Name', 'InstanceName'],
  DNS: ['DomainName'],
  File: ['Directory', 'Name'],
  FileHash: ['Algorithm', 'Value'],
  Host: ['DnsDomain', 'NTDomain', 'HostName', 'FullName', 'NetBiosName', 'AzureID', 'OMSAgentID', 'OSFamily', 'OSVersion', 'IsDomainJoined'],
  IP: ['Address'],
  Mailbox: ['MailboxPrimaryAddress', 'DisplayName', 'Upn', 'ExternalDirectoryObjectId', 'RiskLevel'],
  MailCluster: ['NetworkMessageIds', 'CountByDeliveryStatus', 'CountByThreatType', 'CountByProtectionStatus', 'Threats', 'Query',
    'QueryTime', 'MailCount', 'IsVolumeAnomaly', 'Source', 'ClusterSourceIdentifier', 'ClusterSourceType', 'ClusterQueryStartTime',
    'ClusterQueryEndTime', 'ClusterGroup'],
  MailMessage: ['Recipient', 'Urls', 'Threats', 'Sender', 'P1Sender', 'P1SenderDisplayName', 'P1SenderDomain', 'SenderIP', 'P2Sender',
    'P2SenderDisplayName', 'P2SenderDomain', 'ReceivedDate', 'NetworkMessageId', 'InternetMessageId', 'Subject', 'BodyFingerprintBin1',
    'BodyFingerprintBin2', 'BodyFingerprintBin3', 'BodyFingerprintBin4', 'BodyFingerprintBin5', 'AntispamDirection', 'DeliveryAction',
    'DeliveryLocation', 'Language', 'ThreatDetectionMethods'],
  Malware: ['Name', 'Category'],
  Process: ['ProcessId', 'CommandLine', 'ElevationToken', 'CreationTimeUtc'],
  RegistryKey: ['Hive', 'Key'],
  RegistryValue: ['Name', 'Value', 'ValueType'],
  SecurityGroup: ['DistinguishedName', 'SID', 'ObjectGuid'],
  SubmissionMail: ['NetworkMessageId', 'Timestamp', 'Recipient', 'Sender', 'SenderIp', 'Subject', 'ReportType', 'SubmissionId',
    'SubmissionDate', 'Submitter'],
  URL: ['Url'],
} as const;

/** An entity type as azurerm spells it. */
export type EntityType = keyof typeof ENTITY_IDENTIFIERS;

/** Every entity type azurerm accepts. */
export const ENTITY_TYPES = Object.keys(ENTITY_IDENTIFIERS) as EntityType[];

/** How a written entity type resolves: exactly, with Azure's spelling differing from the text, or not at all. */
export type EntityTypeResolution =
  | { readonly kind: 'exact'; readonly entityType: EntityType }
  | { readonly kind: 'respelled'; readonly entityType: EntityType }
  | { readonly kind: 'unknown' };

const BY_LOOSE_SPELLING = new Map(ENTITY_TYPES.map((type) => [looseSpelling(type), type]));

function looseSpelling(text: string): string {
  return text.replace(/[\s_-]/g, '').toLowerCase();
}

/**
 * The azurerm entity type of a written one. Microsoft's own rules are not always spelled as the API wants them
 * (`Azure resource` in the Syslog solution's SSH brute-force rule): a spelling that differs only in case, spaces,
 * `_` or `-` resolves to Azure's, so that the rule loads, and the caller warns.
 */
export function resolveEntityType(written: string): EntityTypeResolution {
  if ((ENTITY_TYPES as readonly string[]).includes(written)) {
    return { kind: 'exact', entityType: written as EntityType };
  }
  const entityType = BY_LOOSE_SPELLING.get(looseSpelling(written));
  return entityType === undefined ? { kind: 'unknown' } : { kind: 'respelled', entityType };
}

/** True when Sentinel knows `identifier` for entities of `entityType`. */
export function isEntityIdentifier(entityType: EntityType, identifier: string): boolean {
  return (ENTITY_IDENTIFIERS[entityType] as readonly string[]).includes(identifier);
}
