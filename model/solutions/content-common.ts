import { TextOrigin } from './yaml-source';

/** A KQL text of a content file (a rule's `query`, a parser's `FunctionQuery`) and where it sits in the file. */
export interface ContentText {
  readonly text: string;
  readonly origin: TextOrigin;
  /** The field that holds it, e.g. `query`. */
  readonly field: string;
}

/** A connector a rule or hunting query says it needs, and the tables it expects from it. */
export interface RequiredDataConnector {
  readonly connectorId: string;
  readonly dataTypes: readonly string[];
}

/** `requiredDataConnectors` as written, with absent lists read as empty. */
export function requiredDataConnectorsOf(value: unknown): RequiredDataConnector[] {
  const entries = (value ?? []) as Array<{ connectorId: string; dataTypes?: string[] | null }>;
  return entries.map((entry) => ({ connectorId: entry.connectorId, dataTypes: entry.dataTypes ?? [] }));
}

/**
 * The description as Sentinel shows it. Azure-Sentinel writes descriptions as `|` blocks wrapping the text in single
 * quotes (`'Identifies ...'`), a convention from its first rules; the quotes are not part of the text.
 */
export function descriptionText(written: string): string {
  const trimmed = written.trim();
  return trimmed.length >= 2 && trimmed.startsWith('\'') && trimmed.endsWith('\'') ? trimmed.slice(1, -1).trim() : trimmed;
}

/**
 * The techniques azurerm can send: `T1071.001` is a sub-technique, which the alert rules API that azurerm 4.55 uses
 * (2022-10-01-preview) has no field for; its parent `T1071` is sent instead, once.
 */
export function parentTechniques(relevantTechniques: readonly string[]): string[] {
  return [...new Set(relevantTechniques.map((technique) => technique.split('.')[0]))];
}

/** The tables named in `requiredDataConnectors[].dataTypes`, once each. */
export function requiredTables(connectors: readonly RequiredDataConnector[]): string[] {
  return [...new Set(connectors.flatMap((connector) => connector.dataTypes))];
}
