import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { LocalBackend, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { addAzurermProvider } from '../constructs/azurerm-provider';
import { CefConnector } from '../constructs/connectors/cef-connector';
import { CodelessConnector } from '../constructs/connectors/codeless-connector';
import { CustomLogConnector } from '../constructs/connectors/custom-log-connector';
import { FunctionConnector, FunctionRuntime } from '../constructs/connectors/function-connector';
import { LogsIngestionConnector } from '../constructs/connectors/logs-ingestion-connector';
import { DefenderXdrConnector } from '../constructs/connectors/service-to-service/defender-xdr-connector';
import { Office365Connector } from '../constructs/connectors/service-to-service/office-365-connector';
import { SyslogConnector } from '../constructs/connectors/syslog-connector';
import { DataCollectionEndpoint } from '../constructs/data-collection-endpoint';
import { AmaForwarder } from '../constructs/forwarder/ama-forwarder';
import { SentinelWorkspace } from '../constructs/sentinel-workspace';
import { shippedSolutionDirectory } from '../constructs/solutions/load-solution';
import { SolutionPackage } from '../constructs/solutions/solution-package';

/** Settings of the example topology that a reader may want to change. */
export interface ExampleStackProps {
  /** @default 'westeurope' */
  readonly location?: string;
  /** @default 'contoso-sentinel' */
  readonly workspaceName?: string;
}

/**
 * The example topology, one connector of each ingestion path:
 * - Microsoft 365 and Defender XDR (service to service);
 * - a log forwarder receiving Linux authentication syslog into `Syslog` and CEF from security appliances into
 *   `CommonSecurityLog`, dropping their heartbeats (Syslog and CEF via AMA);
 * - Contoso's web server access logs read from files (custom logs via AMA);
 * - Contoso's application posting raw lines that a transformation parses (Logs Ingestion API), installed from the
 *   `custom-rest-source` solution template with its parser, rule and hunting query;
 * - an Azure Functions poller and a Codeless Connector poller of Contoso's audit API (REST pull);
 * - the shipped solutions for Linux authentication over Syslog, CEF and Palo Alto Networks firewalls over CEF, on the
 *   Syslog and CEF connectors above.
 *
 * Secrets and keys come from Terraform variables (`TF_VAR_...`), never from the code.
 */
export class ExampleStack extends TerraformStack {
  public readonly workspace: SentinelWorkspace;
  public readonly endpoint: DataCollectionEndpoint;
  public readonly forwarder: AmaForwarder;
  public readonly syslog: SyslogConnector;
  public readonly cef: CefConnector;
  public readonly application: LogsIngestionConnector;
  /** The solutions installed in the workspace. */
  public readonly solutions: SolutionPackage[];

  constructor(scope: Construct, id: string, props: ExampleStackProps = {}) {
    super(scope, id);
    addAzurermProvider(this);
    // State next to cdktf.json (Terraform runs in cdktf.out/stacks/<id>/), as a path relative to the stack.
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    const location = props.location ?? 'westeurope';

    const sshPublicKey = new TerraformVariable(this, 'forwarder_admin_ssh_public_key', {
      type: 'string', description: 'Public SSH key of the log forwarder administrators',
    });
    const auditApiKey = new TerraformVariable(this, 'contoso_audit_api_key', {
      type: 'string', sensitive: true, description: 'API key of the Contoso audit API, for the codeless poller',
    });
    const auditApiKeySecretUri = new TerraformVariable(this, 'contoso_audit_api_key_secret_uri', {
      type: 'string', description: 'Key Vault secret URI of the same API key, for the Functions poller',
    });

    this.workspace = new SentinelWorkspace(this, 'Sentinel', {
      workspaceName: props.workspaceName ?? 'contoso-sentinel',
      resourceGroupName: 'rg-contoso-sentinel',
      location,
      tableSettings: {
        // Keep authentication events for a year; the last 90 days stay interactive.
        Syslog: { retentionInDays: 90, totalRetentionInDays: 365 },
      },
      tags: { workload: 'sentinel' },
    });
    this.endpoint = new DataCollectionEndpoint(this, 'Endpoint', { workspace: this.workspace });

    // Service to service.
    this.workspace.addConnector(Office365Connector, 'Office365', { exchangeEnabled: true, sharepointEnabled: true, teamsEnabled: true });
    this.workspace.addConnector(DefenderXdrConnector, 'DefenderXdr', {});

    // Syslog and CEF through a log forwarder in its own subnet, reachable from the on-premises ranges only.
    const network = new VirtualNetwork(this, 'ForwarderNetwork', {
      name: 'vnet-contoso-forwarders', location, resourceGroupName: this.workspace.resourceGroupName, addressSpace: ['10.50.0.0/16'],
    });
    const subnet = new Subnet(this, 'ForwarderSubnet', {
      name: 'forwarders', resourceGroupName: this.workspace.resourceGroupName, virtualNetworkName: network.name,
      addressPrefixes: ['10.50.1.0/24'],
    });
    this.forwarder = new AmaForwarder(this, 'Forwarder', {
      workspace: this.workspace,
      forwarderName: 'fwd-contoso-weu',
      subnetId: subnet.id,
      sourceAddressPrefixes: ['10.0.0.0/8', '192.168.0.0/16'],
      adminSshPublicKeys: [sshPublicKey.stringValue],
      expectedEventsPerSecond: 3_000,
    });
    this.syslog = this.workspace.addConnector(SyslogConnector, 'LinuxAuth', {
      facilityNames: ['auth', 'authpriv'], minimumLevel: 'Info',
    });
    this.cef = this.workspace.addConnector(CefConnector, 'SecurityAppliances', {
      facilityNames: ['local4'], minimumLevel: 'Warning',
      // Appliances send a heartbeat every few seconds; nobody hunts on those.
      transformKql: 'source | where Activity !has "heartbeat" and DeviceEventClassID != "keepalive"',
    });
    this.forwarder.attachConnector(this.syslog);
    this.forwarder.attachConnector(this.cef);

    // Custom text logs: the web servers' access logs, parsed into typed columns.
    this.workspace.addConnector(CustomLogConnector, 'ContosoWeb', {
      connectorId: 'ContosoWeb', title: 'Contoso web server access logs', publisher: 'Contoso',
      support: { name: 'Contoso SOC', email: 'soc@contoso.com' },
      dataCollectionEndpoint: this.endpoint,
      tableName: 'ContosoWeb_CL',
      tableColumns: [
        { name: 'TimeGenerated', type: 'datetime' },
        { name: 'ClientIP', type: 'string' },
        { name: 'Method', type: 'string' },
        { name: 'Path', type: 'string' },
        { name: 'Status', type: 'int' },
        { name: 'Computer', type: 'string' },
      ],
      filePatterns: ['/var/log/contoso/access*.log'],
      transformKql: 'source | parse RawData with ClientIP:string " - - [" * "] \\"" Method:string " " Path:string " " * "\\" " Status:int " " * '
        + '| project TimeGenerated, ClientIP, Method, Path, Status, Computer',
    });

    // REST push: Contoso's application posts raw lines; the rule parses them into the table's columns. The connector,
    // its table and the content over it come from the solution template for a team's own REST feed.
    const contosoApp = new SolutionPackage(this, 'ContosoAppSolution', {
      workspace: this.workspace,
      solution: shippedSolutionDirectory('custom-rest-source'),
      connectorSettings: { ContosoApp: { dataCollectionEndpoint: this.endpoint } },
    });
    this.application = contosoApp.connector('ContosoApp') as LogsIngestionConnector;

    // REST pull, twice over the same audit API: an Azure Functions poller and a Codeless Connector poller.
    const auditStream = {
      dataCollectionEndpoint: this.endpoint,
      streamColumns: [
        { name: 'eventTime', type: 'datetime' as const },
        { name: 'actor', type: 'string' as const },
        { name: 'action', type: 'string' as const },
      ],
      tableColumns: [
        { name: 'TimeGenerated', type: 'datetime' as const },
        { name: 'Actor', type: 'string' as const },
        { name: 'Action', type: 'string' as const },
      ],
      transformKql: 'source | project TimeGenerated = eventTime, Actor = actor, Action = action',
    };
    this.workspace.addConnector(FunctionConnector, 'ContosoAuditFunction', {
      ...auditStream,
      connectorId: 'ContosoAuditFunction', title: 'Contoso audit API (Functions)', publisher: 'Contoso',
      support: { name: 'Contoso SOC', email: 'soc@contoso.com' },
      streamName: 'Custom-ContosoAuditFunction', tableName: 'ContosoAuditFunction_CL',
      runtime: FunctionRuntime.PYTHON_3_11,
      appSettings: { CONTOSO_AUDIT_URL: 'https://api.contoso.com/v1/audit', POLL_INTERVAL_MINUTES: '5' },
      keyVaultSecrets: { CONTOSO_AUDIT_API_KEY: { keyVaultSecretId: auditApiKeySecretUri.stringValue } },
    });
    this.workspace.addConnector(CodelessConnector, 'ContosoAuditCodeless', {
      ...auditStream,
      connectorId: 'ContosoAuditCodeless', title: 'Contoso audit API (Codeless)', publisher: 'Contoso',
      support: { name: 'Contoso SOC', email: 'soc@contoso.com' },
      description: 'Audit events of the Contoso API, polled every five minutes.',
      streamName: 'Custom-ContosoAuditCodeless', tableName: 'ContosoAuditCodeless_CL',
      auth: { type: 'APIKey', apiKey: auditApiKey.stringValue, apiKeyName: 'Authorization', apiKeyIdentifier: 'Bearer' },
      request: {
        apiEndpoint: 'https://api.contoso.com/v1/audit', httpMethod: 'GET', queryWindowInMin: 5, rateLimitQPS: 10, retryCount: 3,
        timeoutInSeconds: 60, queryTimeFormat: 'yyyy-MM-ddTHH:mm:ssZ', startTimeAttributeName: 'since', endTimeAttributeName: 'until',
      },
      paging: { pagingType: 'NextPageToken', nextPageTokenJsonPath: '$.next', nextPageParaName: 'cursor', pageSize: 500, pageSizeParameterName: 'limit' },
      response: { eventsJsonPaths: ['$.events'], format: 'json' },
    });

    // Content for the Syslog and CEF the forwarder collects; each solution uses the connector above instead of making
    // its own, so that no event is collected twice.
    this.solutions = [
      contosoApp,
      new SolutionPackage(this, 'SyslogSolution', {
        workspace: this.workspace, solution: shippedSolutionDirectory('syslog'), connectors: { LinuxAuth: this.syslog },
      }),
      new SolutionPackage(this, 'CefSolution', {
        workspace: this.workspace, solution: shippedSolutionDirectory('common-event-format'), connectors: { CefAppliances: this.cef },
      }),
      new SolutionPackage(this, 'PaloAltoSolution', {
        workspace: this.workspace, solution: shippedSolutionDirectory('palo-alto-networks'), connectors: { PaloAltoFirewalls: this.cef },
        parameters: { portScanThreshold: '100' },
      }),
    ];
  }
}
