import { builtInTable } from './tables/builtin-tables';
import { TableSchema } from './tables/table-schema';

/** Prefix of a stream that a DCR declares itself, or that writes a custom table. */
export const CUSTOM_STREAM_PREFIX = 'Custom-';

/** Prefix of a stream that Azure defines (agent sources, built-in tables). */
export const MICROSOFT_STREAM_PREFIX = 'Microsoft-';

/** Stream of syslog events collected by the Azure Monitor Agent. */
export const SYSLOG_STREAM = 'Microsoft-Syslog';

/** Prefix of the streams of a workspace transformation rule: `Microsoft-Table-<Table>`, what reaches that table. */
export const WORKSPACE_TRANSFORMATION_STREAM_PREFIX = 'Microsoft-Table-';

/** Stream of CEF events collected by the Azure Monitor Agent. */
export const COMMON_SECURITY_LOG_STREAM = 'Microsoft-CommonSecurityLog';

/** Streams a syslog data source may send to. */
export const SYSLOG_SOURCE_STREAMS = [SYSLOG_STREAM, COMMON_SECURITY_LOG_STREAM, 'Microsoft-CiscoAsa'] as const;

/** A stream name that a syslog data source accepts. */
export type SyslogSourceStream = (typeof SYSLOG_SOURCE_STREAMS)[number];

/** A declared stream: `Custom-` then a letter, then letters, digits, underscores or hyphens. */
const DECLARED_STREAM_NAME = /^Custom-[A-Za-z][A-Za-z0-9_-]{0,254}$/;

/** Checks the name of a stream declaration. Returns a message when invalid. */
export function checkDeclaredStreamName(streamName: string): string | undefined {
  if (DECLARED_STREAM_NAME.test(streamName)) {
    return undefined;
  }
  return `"${streamName}" is not a valid declared stream name; a stream declaration must be named ` +
    `"${CUSTOM_STREAM_PREFIX}<Name>" with a letter first, then letters, digits, "_" or "-" (e.g. "Custom-MyAppEvents")`;
}

/**
 * The table an output stream writes: `Custom-MyApp_CL` writes `MyApp_CL`, `Microsoft-Syslog` writes `Syslog`.
 * Returns undefined when the name has neither prefix.
 */
export function tableNameOfOutputStream(outputStream: string): string | undefined {
  if (outputStream.startsWith(CUSTOM_STREAM_PREFIX)) {
    return outputStream.slice(CUSTOM_STREAM_PREFIX.length);
  }
  if (outputStream.startsWith(MICROSOFT_STREAM_PREFIX)) {
    return outputStream.slice(MICROSOFT_STREAM_PREFIX.length);
  }
  return undefined;
}

/** The output stream that writes `tableName`: `Custom-X_CL` for a custom table, otherwise `Microsoft-X`. */
export function outputStreamOfTable(tableName: string): string {
  return tableName.endsWith('_CL') ? `${CUSTOM_STREAM_PREFIX}${tableName}` : `${MICROSOFT_STREAM_PREFIX}${tableName}`;
}

/**
 * The schema of a stream Azure defines (`Microsoft-Syslog`, `Microsoft-CommonSecurityLog`): the columns of its table.
 * Returns undefined for streams the model does not know.
 */
export function microsoftStreamSchema(streamName: string): TableSchema | undefined {
  if (!streamName.startsWith(MICROSOFT_STREAM_PREFIX)) {
    return undefined;
  }
  return builtInTable(streamName.slice(MICROSOFT_STREAM_PREFIX.length));
}
