import { EmulatedWorkspace, EmulatorTopology } from '../../emulator/topology/load-topology';
import { COMMON_SECURITY_LOG_TABLE } from '../../model/tables/common-security-log';
import { SYSLOG_TABLE } from '../../model/tables/syslog';

/**
 * A small topology for the Data connectors page's tests: a CEF connector fed by a forwarder, whose title is written to
 * break out of HTML and of Mermaid labels, and a service-to-service connector whose support link is a script.
 */
export const START = new Date('2026-11-25T12:00:10Z');
export const HOSTILE_TITLE = 'Firewalls "<script>alert(1)</script>" & #quot; `x`';

export const workspace: EmulatedWorkspace = {
  address: 'azurerm_log_analytics_workspace.W', workspaceName: 'soc', customerId: '11111111-2222-4333-8444-555555555555',
  resourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/soc',
  tables: new Map([['Syslog', SYSLOG_TABLE], ['CommonSecurityLog', COMMON_SECURITY_LOG_TABLE]]),
  localAuthenticationEnabled: false, primarySharedKey: 'cHJpbWFyeQ==', secondarySharedKey: 'c2Vjb25kYXJ5',
};

export const topology: EmulatorTopology = {
  stackName: 'soc-test',
  workspaces: [workspace],
  endpoints: [],
  rules: [{
    address: 'azurerm_monitor_data_collection_rule.Cef', ruleName: 'dcr-cef', immutableId: 'dcr-00000000000000000000000000000001',
    streamDeclarations: new Map(),
    syslogSources: [{ name: 'cef', streams: ['Microsoft-CommonSecurityLog'], facilityNames: ['local4'], logLevels: ['Warning', 'Error'] }],
    logFileSources: [],
    dataFlows: [{ streams: ['Microsoft-CommonSecurityLog'], tableName: 'CommonSecurityLog', workspaceAddress: workspace.address,
      transformKql: 'source | where Activity !has "heartbeat"' }],
  }],
  forwarders: [{ key: 'azurerm_linux_virtual_machine.F', forwarderName: 'fwd-<1>', ruleAddresses: ['azurerm_monitor_data_collection_rule.Cef'], syslogPort: 514 }],
  pollers: [],
  connectors: [
    {
      constructPath: 'soc-test/Cef', workspace: workspace.address,
      resources: ['azurerm_monitor_data_collection_rule.Cef'], details: { facilityNames: ['local4'] },
      catalogEntry: {
        connectorId: 'CefAma', title: HOSTILE_TITLE, publisher: 'Microsoft', ingestionPath: 'cef-ama', tables: ['CommonSecurityLog'],
        prerequisites: ['A forwarder'], support: { tier: 'Microsoft', name: 'Microsoft Corporation', link: 'https://support.microsoft.com' },
      },
    },
    {
      constructPath: 'soc-test/Office365', workspace: workspace.address, resources: [], details: {},
      catalogEntry: {
        connectorId: 'Office365', title: 'Microsoft 365', publisher: 'Microsoft', ingestionPath: 'service-to-service',
        tables: ['OfficeActivity'], prerequisites: [],
        // A support link that is a script: the page must not make it a link.
        support: { tier: 'Microsoft', name: 'Microsoft', link: 'javascript:alert(2)' },
      },
    },
  ],
  notEmulated: [],
  problems: [],
};
