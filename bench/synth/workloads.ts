/**
 * The two versions of the same topology that the synth benchmark compares: N workspaces each with a full set of
 * this toolkit's constructs, and the same resources written directly with the azurerm provider classes.
 */
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { LogAnalyticsWorkspaceTable } from '@cdktf/provider-azurerm/lib/log-analytics-workspace-table';
import { LogAnalyticsWorkspaceTableCustomLog } from '@cdktf/provider-azurerm/lib/log-analytics-workspace-table-custom-log';
import { MonitorDataCollectionEndpoint } from '@cdktf/provider-azurerm/lib/monitor-data-collection-endpoint';
import { MonitorDataCollectionRule } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule';
import { MonitorDataCollectionRuleAssociation } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { SentinelLogAnalyticsWorkspaceOnboarding } from '@cdktf/provider-azurerm/lib/sentinel-log-analytics-workspace-onboarding';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { addAzurermProvider } from '../../constructs/azurerm-provider';
import { CustomTable } from '../../constructs/custom-table';
import { DataCollectionEndpoint } from '../../constructs/data-collection-endpoint';
import { DataCollectionRule } from '../../constructs/data-collection-rule';
import { DataCollectionRuleAssociation } from '../../constructs/data-collection-rule-association';
import { SentinelWorkspace } from '../../constructs/sentinel-workspace';

const FORWARDER_VM = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-forwarders/providers/Microsoft.Compute/virtualMachines/fwd-01';
const CEF_TRANSFORM = 'source | where Activity !has "heartbeat" and DeviceEventClassID != "keepalive"';
const APP_TRANSFORM = 'source | parse RawData with Level:string " user=" UserName:string " msg=" Message:string | project-away RawData';
const APP_COLUMNS = [
  { name: 'TimeGenerated', type: 'datetime' as const },
  { name: 'Level', type: 'string' as const },
  { name: 'UserName', type: 'string' as const },
  { name: 'Message', type: 'string' as const },
];
const ALL_FROM = (level: string) => ['Debug', 'Info', 'Notice', 'Warning', 'Error', 'Critical', 'Alert', 'Emergency']
  .slice(['Debug', 'Info', 'Notice', 'Warning', 'Error', 'Critical', 'Alert', 'Emergency'].indexOf(level));

/** Workspace `index` with this toolkit's constructs. */
function constructsWorkspace(stack: TerraformStack, index: number): void {
  const scope = new Construct(stack, `Customer${index}`);
  const workspace = new SentinelWorkspace(scope, 'Sentinel', {
    workspaceName: `customer-${index}-sentinel`, resourceGroupName: `rg-customer-${index}`, location: 'westeurope',
    tableSettings: { Syslog: { retentionInDays: 90, totalRetentionInDays: 365 } },
  });
  const endpoint = new DataCollectionEndpoint(scope, 'Endpoint', { workspace });
  const table = new CustomTable(scope, 'AppTable', { workspace, tableName: 'ContosoApp_CL', columns: APP_COLUMNS });
  const syslog = new DataCollectionRule(scope, 'SyslogAndCef', {
    workspace,
    syslogDataSources: [
      { name: 'linux-auth', facilityNames: ['auth', 'authpriv'], minimumLevel: 'Info' },
      { name: 'cef', stream: 'Microsoft-CommonSecurityLog', facilityNames: ['local4'], minimumLevel: 'Warning' },
    ],
    dataFlows: [
      { streams: ['Microsoft-Syslog'] },
      { streams: ['Microsoft-CommonSecurityLog'], transformKql: CEF_TRANSFORM },
    ],
  });
  new DataCollectionRule(scope, 'ContosoApp', {
    workspace, dataCollectionEndpoint: endpoint,
    streamDeclarations: { 'Custom-ContosoAppRaw': [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }] },
    dataFlows: [{ streams: ['Custom-ContosoAppRaw'], outputStream: table.outputStreamName, transformKql: APP_TRANSFORM }],
  });
  new DataCollectionRuleAssociation(scope, 'ForwarderSyslog', { targetResourceId: FORWARDER_VM, dataCollectionRule: syslog });
}

/** The same workspace written with the raw provider classes. */
function rawWorkspace(stack: TerraformStack, index: number): void {
  const scope = new Construct(stack, `Customer${index}`);
  const group = new ResourceGroup(scope, 'ResourceGroup', { name: `rg-customer-${index}`, location: 'westeurope' });
  const workspace = new LogAnalyticsWorkspace(scope, 'Workspace', {
    name: `customer-${index}-sentinel`, location: 'westeurope', resourceGroupName: group.name, sku: 'PerGB2018',
    retentionInDays: 90, localAuthenticationEnabled: false,
  });
  const onboarding = new SentinelLogAnalyticsWorkspaceOnboarding(scope, 'Onboarding', { workspaceId: workspace.id });
  new TerraformOutput(scope, 'WorkspaceResourceId', { value: workspace.id });
  new TerraformOutput(scope, 'WorkspaceCustomerId', { value: workspace.workspaceId });
  new LogAnalyticsWorkspaceTable(scope, 'SyslogTable', {
    workspaceId: workspace.id, name: 'Syslog', plan: 'Analytics', retentionInDays: 90, totalRetentionInDays: 365, dependsOn: [onboarding],
  });
  const endpoint = new MonitorDataCollectionEndpoint(scope, 'Endpoint', {
    name: `customer-${index}-sentinel-dce`, location: 'westeurope', resourceGroupName: group.name, publicNetworkAccessEnabled: true,
  });
  new LogAnalyticsWorkspaceTableCustomLog(scope, 'AppTable', {
    workspaceId: workspace.id, name: 'ContosoApp_CL', plan: 'Analytics', column: APP_COLUMNS,
  });
  const destinations = { logAnalytics: [{ name: 'sentinelWorkspace', workspaceResourceId: workspace.id }] };
  const syslog = new MonitorDataCollectionRule(scope, 'SyslogAndCef', {
    name: `customer-${index}-sentinel-SyslogAndCef`, location: 'westeurope', resourceGroupName: group.name, kind: 'Linux',
    destinations,
    dataSources: {
      syslog: [
        { name: 'linux-auth', streams: ['Microsoft-Syslog'], facilityNames: ['auth', 'authpriv'], logLevels: ALL_FROM('Info') },
        { name: 'cef', streams: ['Microsoft-CommonSecurityLog'], facilityNames: ['local4'], logLevels: ALL_FROM('Warning') },
      ],
    },
    dataFlow: [
      { streams: ['Microsoft-Syslog'], destinations: ['sentinelWorkspace'] },
      { streams: ['Microsoft-CommonSecurityLog'], destinations: ['sentinelWorkspace'], transformKql: CEF_TRANSFORM },
    ],
    dependsOn: [onboarding],
  });
  new MonitorDataCollectionRule(scope, 'ContosoApp', {
    name: `customer-${index}-sentinel-ContosoApp`, location: 'westeurope', resourceGroupName: group.name,
    dataCollectionEndpointId: endpoint.id, destinations,
    streamDeclaration: [{ streamName: 'Custom-ContosoAppRaw', column: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }] }],
    dataFlow: [{ streams: ['Custom-ContosoAppRaw'], destinations: ['sentinelWorkspace'], outputStream: 'Custom-ContosoApp_CL', transformKql: APP_TRANSFORM }],
    dependsOn: [onboarding],
  });
  new MonitorDataCollectionRuleAssociation(scope, 'ForwarderSyslog', {
    targetResourceId: FORWARDER_VM, dataCollectionRuleId: syslog.id, name: syslog.name,
  });
}

/** Which version of the topology to build. */
export type Variant = 'constructs' | 'raw';

/** Adds `workspaces` workspaces of the given variant to a stack. */
export function buildTopology(stack: TerraformStack, variant: Variant, workspaces: number): void {
  if (variant === 'constructs') {
    addAzurermProvider(stack);
  } else {
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    stack.addOverride('terraform.required_providers.azurerm.version', '~> 4.55');
  }
  for (let index = 0; index < workspaces; index++) {
    (variant === 'constructs' ? constructsWorkspace : rawWorkspace)(stack, index);
  }
}
