import { INGESTION_PATH_TITLES, IngestionPath } from '../../model/connectors/connector-catalog-entry';
import { ConnectorMetadata } from '../../model/connectors/connector-metadata';
import { inlineCode, shownValue } from './markdown-text';
import { ReviewChange, ReviewNote } from './review-change';
import { valueDifferences } from './resource-pairs';

/** The connectors a synthesized stack records under `//.sentinel.connectors` (JSON from disk: read defensively). */
export function connectorsOf(document: Record<string, unknown> | undefined): ConnectorMetadata[] {
  const sentinel = (document?.['//'] as Record<string, unknown> | undefined)?.sentinel as { connectors?: unknown } | undefined;
  return Array.isArray(sentinel?.connectors) ? (sentinel.connectors as ConnectorMetadata[]) : [];
}

/** The connector's construct id and its catalog title: `LinuxAuth` (Syslog via AMA). */
function subjectOf(connector: ConnectorMetadata): string {
  const id = connector.constructPath.split('/').pop() ?? connector.constructPath;
  return `connector ${inlineCode(id)}${connector.catalogEntry?.title === undefined ? '' : ` (${connector.catalogEntry.title})`}`;
}

function describeConnector(connector: ConnectorMetadata): string {
  const path = connector.catalogEntry?.ingestionPath;
  const tables = connector.catalogEntry?.tables ?? [];
  return `${INGESTION_PATH_TITLES[path as IngestionPath] ?? path ?? 'unknown ingestion path'} into ${tables.map(inlineCode).join(', ') || 'no table'}`;
}

/**
 * Recorded settings and catalog fields that differ. Facilities and levels are left out: the connector's data
 * collection rule spells those out under "Rules and transforms".
 */
function detailNotes(before: ConnectorMetadata, after: ConnectorMetadata): ReviewNote[] {
  const shownByRule = new Set(['facilityNames', 'logLevels', 'dataCollectionRule']);
  const details = valueDifferences(before.details ?? {}, after.details ?? {}).filter((difference) => !shownByRule.has(difference.path.split(/[.[]/)[0]));
  const catalog = valueDifferences(before.catalogEntry ?? {}, after.catalogEntry ?? {});
  return [
    ...details.map((difference) => ({ text: `${inlineCode(difference.path)}: ${shownValue(difference.before)} → ${shownValue(difference.after)}` })),
    ...catalog.map((difference) => ({ text: `catalog ${inlineCode(difference.path)}: ${shownValue(difference.before)} → ${shownValue(difference.after)}` })),
  ];
}

/**
 * Connectors added, removed or changed between two stacks, paired by construct path, from the metadata each
 * connector records (so a connector reads the same whatever resources make it).
 */
export function connectorChanges(base: readonly ConnectorMetadata[], head: readonly ConnectorMetadata[]): ReviewChange[] {
  const changes: ReviewChange[] = [];
  for (const connector of head) {
    const previous = base.find((candidate) => candidate.constructPath === connector.constructPath);
    const subject = subjectOf(connector);
    if (previous === undefined) {
      changes.push({ group: 'connectors', kind: 'added', subject, address: connector.constructPath, notes: [{ text: describeConnector(connector) }], details: [] });
      continue;
    }
    const notes = detailNotes(previous, connector);
    if (notes.length > 0) {
      changes.push({ group: 'connectors', kind: 'changed', subject, address: connector.constructPath, notes, details: [] });
    }
  }
  for (const connector of base.filter((candidate) => !head.some((other) => other.constructPath === candidate.constructPath))) {
    changes.push({
      group: 'connectors', kind: 'removed', subject: subjectOf(connector), address: connector.constructPath,
      notes: [{ text: `${describeConnector(connector)}: no longer collected`, warning: true }], details: [],
    });
  }
  return changes;
}
