import { TableSchema } from './table-schema';

/**
 * Syslog events collected by the Azure Monitor Agent (stream `Microsoft-Syslog`).
 *
 * Columns and types as Microsoft lists them in Azure/Azure-Sentinel
 * `.script/tests/KqlvalidationsTests/CustomTables/Syslog.json` (BigInt is `long`, Float is `real`).
 * Reserved columns are filled by Log Analytics itself; a transformation cannot write them.
 */
export const SYSLOG_TABLE: TableSchema = {
  tableName: 'Syslog',
  columns: [
    { name: 'TimeGenerated', type: 'datetime' },
    { name: 'Computer', type: 'string' },
    { name: 'EventTime', type: 'datetime' },
    { name: 'Facility', type: 'string' },
    { name: 'HostName', type: 'string' },
    { name: 'SeverityLevel', type: 'string' },
    { name: 'SyslogMessage', type: 'string' },
    { name: 'ProcessID', type: 'int' },
    { name: 'HostIP', type: 'string' },
    { name: 'ProcessName', type: 'string' },
    { name: 'CollectorHostName', type: 'string' },
    { name: 'SourceSystem', type: 'string' },
    { name: 'TenantId', type: 'string', reserved: true },
    { name: 'MG', type: 'string', reserved: true },
    { name: 'TimeCollected', type: 'datetime', reserved: true },
    { name: 'ManagementGroupName', type: 'string', reserved: true },
    { name: 'Type', type: 'string', reserved: true },
    { name: '_ResourceId', type: 'string', reserved: true },
    { name: '_SubscriptionId', type: 'string', reserved: true },
    { name: '_BilledSize', type: 'real', reserved: true },
    { name: '_IsBillable', type: 'string', reserved: true },
    { name: '_ItemId', type: 'string', reserved: true },
  ],
};
