import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { addAzurermProvider } from '../constructs/azurerm-provider';
import { CustomTable } from '../constructs/custom-table';
import { DataCollectionEndpoint } from '../constructs/data-collection-endpoint';
import { DataCollectionRule } from '../constructs/data-collection-rule';
import { SentinelWorkspace, TablePlanName } from '../constructs/sentinel-workspace';

/** Settings of the example topology that a reader may want to change. */
export interface ExampleStackProps {
  /** @default 'westeurope' */
  readonly location?: string;
  /** @default 'contoso-sentinel' */
  readonly workspaceName?: string;
}

/**
 * The example topology: one Sentinel workspace; a rule that collects Linux authentication syslog into `Syslog`
 * and CEF from security appliances into `CommonSecurityLog`, dropping their heartbeats; and a custom table fed
 * through the Logs Ingestion API by an application whose raw lines a transformation parses.
 */
export class ExampleStack extends TerraformStack {
  public readonly workspace: SentinelWorkspace;
  public readonly endpoint: DataCollectionEndpoint;
  public readonly syslogAndCefRule: DataCollectionRule;
  public readonly applicationTable: CustomTable;
  public readonly applicationRule: DataCollectionRule;

  constructor(scope: Construct, id: string, props: ExampleStackProps = {}) {
    super(scope, id);
    addAzurermProvider(this);
    // State next to cdktf.json (Terraform runs in cdktf.out/stacks/<id>/), as a path relative to the stack.
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });

    this.workspace = new SentinelWorkspace(this, 'Sentinel', {
      workspaceName: props.workspaceName ?? 'contoso-sentinel',
      resourceGroupName: 'rg-contoso-sentinel',
      location: props.location ?? 'westeurope',
      tableSettings: {
        // Keep authentication events for a year; the last 90 days stay interactive.
        Syslog: { retentionInDays: 90, totalRetentionInDays: 365 },
      },
      tags: { workload: 'sentinel' },
    });

    this.endpoint = new DataCollectionEndpoint(this, 'Endpoint', { workspace: this.workspace });

    // Syslog (auth, authpriv at Info and above) and CEF (local4 at Warning and above) from the log forwarders.
    this.syslogAndCefRule = new DataCollectionRule(this, 'SyslogAndCef', {
      workspace: this.workspace,
      description: 'Linux authentication syslog and CEF from security appliances',
      syslogDataSources: [
        { name: 'linux-auth', stream: 'Microsoft-Syslog', facilityNames: ['auth', 'authpriv'], minimumLevel: 'Info' },
        { name: 'cef-appliances', stream: 'Microsoft-CommonSecurityLog', facilityNames: ['local4'], minimumLevel: 'Warning' },
      ],
      dataFlows: [
        { streams: ['Microsoft-Syslog'] },
        {
          streams: ['Microsoft-CommonSecurityLog'],
          // Appliances send a heartbeat every few seconds; nobody hunts on those.
          transformKql: 'source | where Activity !has "heartbeat" and DeviceEventClassID != "keepalive"',
        },
      ],
    });

    // An application that posts raw lines to the Logs Ingestion API; the rule parses them into typed columns.
    this.applicationTable = new CustomTable(this, 'ContosoAppTable', {
      workspace: this.workspace,
      tableName: 'ContosoApp_CL',
      plan: TablePlanName.ANALYTICS,
      columns: [
        { name: 'TimeGenerated', type: 'datetime' },
        { name: 'Level', type: 'string' },
        { name: 'UserName', type: 'string', description: 'Account that made the request' },
        { name: 'SourceIP', type: 'string' },
        { name: 'DurationMs', type: 'int' },
        { name: 'Message', type: 'string' },
      ],
    });
    this.applicationRule = new DataCollectionRule(this, 'ContosoApp', {
      workspace: this.workspace,
      dataCollectionEndpoint: this.endpoint,
      description: 'Contoso application events sent through the Logs Ingestion API',
      streamDeclarations: {
        'Custom-ContosoAppRaw': [
          { name: 'TimeGenerated', type: 'datetime' },
          { name: 'RawData', type: 'string' },
        ],
      },
      dataFlows: [{
        streams: ['Custom-ContosoAppRaw'],
        outputStream: this.applicationTable.outputStreamName,
        transformKql: 'source '
          + '| parse RawData with Level:string " user=" UserName:string " src=" SourceIP:string " duration_ms=" DurationMs:int " msg=" Message:string '
          + '| project-away RawData',
      }],
    });
  }
}
