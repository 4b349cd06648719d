import { TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import {
  AwsCloudTrailConnector, AwsS3Connector, AwsS3DestinationTable, checkPastDateTime, DefenderForCloudAppsConnector,
  DefenderForCloudConnector, DefenderForEndpointConnector, DefenderForIdentityConnector, DefenderForIotConnector,
  DefenderForOffice365Connector, DefenderXdrConnector, Dynamics365Connector, EntraIdProtectionConnector,
  MicrosoftThreatIntelligenceConnector, Office365Connector, Office365InsiderRiskManagementConnector, Office365ProjectConnector,
  PollingFrequency, PowerBiConnector, ServiceConnector, ThreatIntelligencePlatformsConnector, ThreatIntelligenceTaxiiConnector,
  ThreatIntelligenceTaxiiConnectorProps,
} from '../../../constructs/connectors/service-to-service';
import { SentinelWorkspace } from '../../../constructs/sentinel-workspace';
import { newWorkspaceStack, onlyResource, synth, synthError, synthWithMetadata, warningsOf } from '../../support/synth';

const ONBOARDING = 'azurerm_sentinel_log_analytics_workspace_onboarding.Sentinel_SentinelOnboarding_2D7913B4';
const WORKSPACE_RESOURCE_ID = '${azurerm_log_analytics_workspace.Sentinel_64DAE5A3.id}';
const TENANT = '0d3b6e2a-5a4f-4c1e-9b7d-2f6a8c1e4b90';
const SUBSCRIPTION = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const ROLE = 'arn:aws:iam::123456789012:role/MicrosoftSentinelRole';
const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/sentinel-guardduty';
const TAXII: Omit<ThreatIntelligenceTaxiiConnectorProps, 'workspace'> = {
  displayName: 'Contoso phishing feed', apiRootUrl: 'https://taxii.contoso.com/api/v21/', collectionId: 'phishing-indicators',
};
/** Tomorrow, as an RFC 3339 date-time without fractional seconds. */
const TOMORROW = new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

type MakeConnector = (stack: TerraformStack, workspace: SentinelWorkspace) => ServiceConnector<TerraformResource>;

/** The message a construction throws; fails when it does not throw. */
function errorOf(construct: () => unknown): string {
  try {
    construct();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the construct was made, but a configuration error was expected');
}

const every: Array<{ name: string; make: MakeConnector; type: string; connectorId: string; expected: Record<string, unknown> }> = [
  { name: 'EntraIdProtectionConnector', type: 'azure_active_directory', connectorId: 'AzureActiveDirectory', expected: { tenant_id: TENANT },
    make: (stack, workspace) => new EntraIdProtectionConnector(stack, 'Connector', { workspace, tenantId: TENANT }) },
  { name: 'DefenderForIdentityConnector', type: 'azure_advanced_threat_protection', connectorId: 'AzureAdvancedThreatProtection',
    expected: {}, make: (stack, workspace) => new DefenderForIdentityConnector(stack, 'Connector', { workspace }) },
  { name: 'DefenderForCloudConnector', type: 'azure_security_center', connectorId: 'AzureSecurityCenter',
    expected: { subscription_id: SUBSCRIPTION },
    make: (stack, workspace) => new DefenderForCloudConnector(stack, 'Connector', { workspace, subscriptionId: SUBSCRIPTION }) },
  { name: 'AwsCloudTrailConnector', type: 'aws_cloud_trail', connectorId: 'AmazonWebServicesCloudTrail', expected: { aws_role_arn: ROLE },
    make: (stack, workspace) => new AwsCloudTrailConnector(stack, 'Connector', { workspace, awsRoleArn: ROLE }) },
  { name: 'AwsS3Connector', type: 'aws_s3', connectorId: 'AmazonWebServicesS3',
    expected: { aws_role_arn: ROLE, sqs_urls: [QUEUE], destination_table: 'AWSGuardDuty' },
    make: (stack, workspace) => new AwsS3Connector(stack, 'Connector', {
      workspace, awsRoleArn: ROLE, sqsUrls: [QUEUE], destinationTable: AwsS3DestinationTable.AWS_GUARD_DUTY,
    }) },
  { name: 'Dynamics365Connector', type: 'dynamics_365', connectorId: 'Dynamics365', expected: {},
    make: (stack, workspace) => new Dynamics365Connector(stack, 'Connector', { workspace }) },
  { name: 'DefenderForIotConnector', type: 'iot', connectorId: 'IOT', expected: { subscription_id: SUBSCRIPTION },
    make: (stack, workspace) => new DefenderForIotConnector(stack, 'Connector', { workspace, subscriptionId: SUBSCRIPTION }) },
  { name: 'DefenderForCloudAppsConnector', type: 'microsoft_cloud_app_security', connectorId: 'MicrosoftCloudAppSecurity',
    expected: { alerts_enabled: true, discovery_logs_enabled: false },
    make: (stack, workspace) => new DefenderForCloudAppsConnector(stack, 'Connector', { workspace }) },
  { name: 'DefenderForEndpointConnector', type: 'microsoft_defender_advanced_threat_protection',
    connectorId: 'MicrosoftDefenderAdvancedThreatProtection', expected: { tenant_id: TENANT },
    make: (stack, workspace) => new DefenderForEndpointConnector(stack, 'Connector', { workspace, tenantId: TENANT }) },
  { name: 'MicrosoftThreatIntelligenceConnector', type: 'microsoft_threat_intelligence', connectorId: 'MicrosoftThreatIntelligence',
    expected: { microsoft_emerging_threat_feed_lookback_date: '2024-01-01T00:00:00Z' },
    make: (stack, workspace) => new MicrosoftThreatIntelligenceConnector(stack, 'Connector', {
      workspace, microsoftEmergingThreatFeedLookbackDate: '2024-01-01T00:00:00Z',
    }) },
  { name: 'DefenderXdrConnector', type: 'microsoft_threat_protection', connectorId: 'MicrosoftThreatProtection', expected: {},
    make: (stack, workspace) => new DefenderXdrConnector(stack, 'Connector', { workspace }) },
  { name: 'Office365Connector', type: 'office_365', connectorId: 'Office365',
    expected: { exchange_enabled: true, sharepoint_enabled: true, teams_enabled: true },
    make: (stack, workspace) => new Office365Connector(stack, 'Connector', { workspace }) },
  { name: 'Office365ProjectConnector', type: 'office_365_project', connectorId: 'Office365Project', expected: {},
    make: (stack, workspace) => new Office365ProjectConnector(stack, 'Connector', { workspace }) },
  { name: 'DefenderForOffice365Connector', type: 'office_atp', connectorId: 'OfficeATP', expected: {},
    make: (stack, workspace) => new DefenderForOffice365Connector(stack, 'Connector', { workspace }) },
  { name: 'Office365InsiderRiskManagementConnector', type: 'office_irm', connectorId: 'OfficeIRM', expected: { tenant_id: TENANT },
    make: (stack, workspace) => new Office365InsiderRiskManagementConnector(stack, 'Connector', { workspace, tenantId: TENANT }) },
  { name: 'PowerBiConnector', type: 'office_power_bi', connectorId: 'OfficePowerBI', expected: {},
    make: (stack, workspace) => new PowerBiConnector(stack, 'Connector', { workspace }) },
  { name: 'ThreatIntelligencePlatformsConnector', type: 'threat_intelligence', connectorId: 'ThreatIntelligence',
    expected: { lookback_date: '2024-06-01T00:00:00+02:00' },
    make: (stack, workspace) => new ThreatIntelligencePlatformsConnector(stack, 'Connector', {
      workspace, lookbackDate: '2024-06-01T00:00:00+02:00',
    }) },
  { name: 'ThreatIntelligenceTaxiiConnector', type: 'threat_intelligence_taxii', connectorId: 'ThreatIntelligenceTaxii',
    expected: {
      display_name: 'Contoso phishing feed', api_root_url: 'https://taxii.contoso.com/api/v21/', collection_id: 'phishing-indicators',
      polling_frequency: 'OnceAnHour',
    },
    make: (stack, workspace) => new ThreatIntelligenceTaxiiConnector(stack, 'Connector', { workspace, ...TAXII }) },
];

describe('service-to-service connectors', () => {
  test.each(every)('$name makes its azurerm resource, named after the connector id, after onboarding', ({ make, type, connectorId, expected }) => {
    const { stack, workspace } = newWorkspaceStack();
    const connector = make(stack, workspace);
    const resource = onlyResource(synth(stack), `azurerm_sentinel_data_connector_${type}`);
    expect(resource).toEqual({
      name: connectorId,
      log_analytics_workspace_id: WORKSPACE_RESOURCE_ID,
      depends_on: [ONBOARDING],
      ...expected,
    });
    expect(connector.node.findChild('Resource')).toBe(connector.resource);
    expect(connector.catalogEntry.connectorId).toBe(connectorId);
    expect(workspace.connectors).toEqual([connector]);
    expect(warningsOf(stack)).toEqual([]);
  });

  test('workspace.addConnector makes a connector under the workspace and registers it', () => {
    const { stack, workspace } = newWorkspaceStack();
    const connector = workspace.addConnector(Office365Connector, 'Office365', { teamsEnabled: false, connectorName: 'office-365' });
    expect(connector.node.path).toBe('test/Sentinel/Office365');
    expect(workspace.connectors).toEqual([connector]);
    expect(onlyResource(synth(stack), 'azurerm_sentinel_data_connector_office_365')).toMatchObject({
      name: 'office-365', exchange_enabled: true, sharepoint_enabled: true, teams_enabled: false,
    });
  });

  test('records each catalog entry and its settings in the Terraform JSON', () => {
    const { stack, workspace } = newWorkspaceStack();
    workspace.addConnector(Office365Connector, 'Office365', { sharepointEnabled: false });
    new AwsS3Connector(stack, 'VpcFlow', {
      workspace, awsRoleArn: ROLE, sqsUrls: [QUEUE], destinationTable: AwsS3DestinationTable.AWS_VPC_FLOW,
    });
    new DefenderForCloudAppsConnector(stack, 'CloudApps', { workspace, alertsEnabled: false, discoveryLogsEnabled: true });
    new ThreatIntelligenceTaxiiConnector(stack, 'Taxii', { workspace, ...TAXII, pollingFrequency: PollingFrequency.ONCE_A_DAY });
    const [office, s3, cloudApps, taxii] = synthWithMetadata(stack)['//']?.sentinel?.connectors ?? [];
    expect(office).toEqual({
      constructPath: 'test/Sentinel/Office365',
      workspace: 'azurerm_log_analytics_workspace.Sentinel_64DAE5A3',
      catalogEntry: expect.objectContaining({
        connectorId: 'Office365', title: 'Microsoft 365 (formerly Office 365)', ingestionPath: 'service-to-service',
        tables: ['OfficeActivity'], support: expect.objectContaining({ tier: 'Microsoft' }),
      }),
      resources: ['azurerm_sentinel_data_connector_office_365.Sentinel_Office365_83EEC759'],
      details: { dataTypes: { exchangeEnabled: true, sharepointEnabled: false, teamsEnabled: true } },
    });
    expect(s3.catalogEntry.tables).toEqual(['AWSVPCFlow']);
    expect(s3.details).toEqual({ destinationTable: 'AWSVPCFlow', sqsUrls: [QUEUE] });
    expect(cloudApps.catalogEntry.tables).toEqual(['McasShadowItReporting']);
    expect(taxii.details).toEqual({
      displayName: 'Contoso phishing feed', apiRootUrl: 'https://taxii.contoso.com/api/v21/', collectionId: 'phishing-indicators',
      pollingFrequency: 'OnceADay',
    });
  });

  test('warns about a literal TAXII password, not about one from a variable', () => {
    const { stack, workspace } = newWorkspaceStack();
    new ThreatIntelligenceTaxiiConnector(stack, 'Literal', {
      workspace, ...TAXII, connectorName: 'taxii-literal', userName: 'sentinel', password: 'hunter2',
    });
    const password = new TerraformVariable(stack, 'TaxiiPassword', { type: 'string', sensitive: true });
    new ThreatIntelligenceTaxiiConnector(stack, 'FromVariable', {
      workspace, ...TAXII, connectorName: 'taxii-variable', userName: 'sentinel', password: password.stringValue,
    });
    expect(warningsOf(stack)).toEqual([
      '[test/Literal] password: is a literal, so it lands in the synthesized Terraform JSON and in Terraform state; pass it from a '
        + 'sensitive TerraformVariable so it stays out of code and synthesized files (state keeps it either way: protect the backend)',
    ]);
    expect(synth(stack).resource.azurerm_sentinel_data_connector_threat_intelligence_taxii).toBeDefined();
  });

  test('accepts role ARNs of the GovCloud and China partitions', () => {
    const { stack, workspace } = newWorkspaceStack();
    new AwsCloudTrailConnector(stack, 'GovCloud', { workspace, connectorName: 'gov', awsRoleArn: 'arn:aws-us-gov:iam::123456789012:role/Sentinel' });
    new AwsCloudTrailConnector(stack, 'China', { workspace, connectorName: 'cn', awsRoleArn: 'arn:aws-cn:iam::123456789012:role/Sentinel' });
    expect(() => synth(stack)).not.toThrow();
  });

  test('skips the checks of values that only Terraform knows', () => {
    const { stack, workspace } = newWorkspaceStack();
    const text = (id: string) => new TerraformVariable(stack, id, { type: 'string' }).stringValue;
    new EntraIdProtectionConnector(stack, 'EntraId', { workspace, tenantId: text('Tenant') });
    new AwsCloudTrailConnector(stack, 'CloudTrail', { workspace, awsRoleArn: text('Role') });
    new ThreatIntelligencePlatformsConnector(stack, 'Platforms', { workspace, lookbackDate: text('Since') });
    new ThreatIntelligenceTaxiiConnector(stack, 'Taxii', { workspace, ...TAXII, apiRootUrl: text('ApiRoot') });
    expect(workspace.connectors).toHaveLength(4);
  });

  describe('checkPastDateTime', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    test.each(['2024-12-31T23:59:59Z', '2024-02-29T12:00:00.123456Z', '2025-01-01T00:30:00+01:00', '1970-01-01T00:00:00Z'])(
      'accepts %s', (value) => expect(checkPastDateTime(value, now)).toBeUndefined());
    test.each(['2024-02-30T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01', '2024-01-01 00:00:00Z', '2024-01-01T00:00:00+25:00'])(
      'refuses %s', (value) => expect(checkPastDateTime(value, now)).toBe(`must be an RFC 3339 date-time such as 2024-01-31T00:00:00Z, got "${value}"`));
    test('refuses a date-time after now, its offset counted', () => {
      expect(checkPastDateTime('2024-12-31T23:30:00-01:00', now))
        .toBe('must not be in the future (Sentinel imports what was published from this date on), got "2024-12-31T23:30:00-01:00"');
    });
  });

  const failures: Array<[string, MakeConnector, string]> = [
    ['fails on a tenant ID that is not a GUID',
      (stack, workspace) => new EntraIdProtectionConnector(stack, 'Bad', { workspace, tenantId: 'contoso.onmicrosoft.com' }),
      '[test/Bad] tenantId: must be a GUID (8-4-4-4-12 hexadecimal digits, e.g. 00000000-0000-0000-0000-000000000000), '
        + 'got "contoso.onmicrosoft.com"'],
    ['fails on a subscription ID that is not a GUID',
      (stack, workspace) => new DefenderForCloudConnector(stack, 'Bad', { workspace, subscriptionId: 'production' }),
      '[test/Bad] subscriptionId: must be a GUID (8-4-4-4-12 hexadecimal digits, e.g. 00000000-0000-0000-0000-000000000000), got "production"'],
    ['fails on an empty connector name',
      (stack, workspace) => new DefenderXdrConnector(stack, 'Bad', { workspace, connectorName: ' ' }),
      '[test/Bad] connectorName: must not be empty; leave it out to use the connector id'],
    ['fails on an AWS ARN that is not a role\'s',
      (stack, workspace) => new AwsCloudTrailConnector(stack, 'Bad', { workspace, awsRoleArn: 'arn:aws:iam::123456789012:user/sentinel' }),
      '[test/Bad] awsRoleArn: must be an IAM role ARN, arn:aws:iam::<12-digit account>:role/<path/name>, '
        + 'got "arn:aws:iam::123456789012:user/sentinel"'],
    ['fails on an AWS S3 role ARN with a short account',
      (stack, workspace) => new AwsS3Connector(stack, 'Bad', {
        workspace, awsRoleArn: 'arn:aws:iam::12345:role/Sentinel', sqsUrls: [QUEUE], destinationTable: AwsS3DestinationTable.AWS_CLOUD_TRAIL,
      }),
      '[test/Bad] awsRoleArn: must be an IAM role ARN, arn:aws:iam::<12-digit account>:role/<path/name>, got "arn:aws:iam::12345:role/Sentinel"'],
    ['fails on AWS S3 without queues',
      (stack, workspace) => new AwsS3Connector(stack, 'Bad', {
        workspace, awsRoleArn: ROLE, sqsUrls: [], destinationTable: AwsS3DestinationTable.AWS_CLOUD_TRAIL,
      }),
      '[test/Bad] sqsUrls: must list at least one SQS queue URL, https://sqs.<region>.amazonaws.com/<12-digit account>/<queue>, got none'],
    ['fails on an AWS S3 queue URL that is not SQS\'s',
      (stack, workspace) => new AwsS3Connector(stack, 'Bad', {
        workspace, awsRoleArn: ROLE, sqsUrls: [QUEUE, 'https://s3.amazonaws.com/bucket'], destinationTable: AwsS3DestinationTable.AWS_CLOUD_TRAIL,
      }),
      '[test/Bad] sqsUrls[1]: must be an SQS queue URL, https://sqs.<region>.amazonaws.com/<12-digit account>/<queue>, '
        + 'got "https://s3.amazonaws.com/bucket"'],
    ['fails on an AWS S3 destination table the connector does not fill',
      (stack, workspace) => new AwsS3Connector(stack, 'Bad', {
        workspace, awsRoleArn: ROLE, sqsUrls: [QUEUE], destinationTable: 'AWSWAF' as AwsS3DestinationTable,
      }),
      '[test/Bad] destinationTable: must be one of AWSCloudTrail, AWSGuardDuty, AWSVPCFlow, AWSCloudWatch, got "AWSWAF"'],
    ['fails on Office 365 with every data type off',
      (stack, workspace) => new Office365Connector(stack, 'Bad', {
        workspace, exchangeEnabled: false, sharepointEnabled: false, teamsEnabled: false,
      }),
      '[test/Bad] exchangeEnabled, sharepointEnabled, teamsEnabled: at least one must be true, got exchangeEnabled: false, '
        + 'sharepointEnabled: false, teamsEnabled: false; Azure does not create a connector with no data type enabled'],
    ['fails on Defender for Cloud Apps with every data type off',
      (stack, workspace) => new DefenderForCloudAppsConnector(stack, 'Bad', { workspace, alertsEnabled: false }),
      '[test/Bad] alertsEnabled, discoveryLogsEnabled: at least one must be true, got alertsEnabled: false, discoveryLogsEnabled: false; '
        + 'Azure does not create a connector with no data type enabled'],
  ];

  test.each(failures)('%s', (_name, make, message) => {
    const { stack, workspace } = newWorkspaceStack();
    expect(errorOf(() => make(stack, workspace))).toBe(message);
  });

  const lookbackDates: Array<[string, string, (stack: TerraformStack, workspace: SentinelWorkspace, date: string) => unknown]> = [
    ['MicrosoftThreatIntelligenceConnector', 'microsoftEmergingThreatFeedLookbackDate', (stack, workspace, date) =>
      new MicrosoftThreatIntelligenceConnector(stack, 'Bad', { workspace, microsoftEmergingThreatFeedLookbackDate: date })],
    ['ThreatIntelligencePlatformsConnector', 'lookbackDate', (stack, workspace, date) =>
      new ThreatIntelligencePlatformsConnector(stack, 'Bad', { workspace, lookbackDate: date })],
    ['ThreatIntelligenceTaxiiConnector', 'lookbackDate', (stack, workspace, date) =>
      new ThreatIntelligenceTaxiiConnector(stack, 'Bad', { workspace, ...TAXII, lookbackDate: date })],
  ];

  test.each(lookbackDates)('fails on a %s lookback date that is not an RFC 3339 date-time', (_name, field, make) => {
    const { stack, workspace } = newWorkspaceStack();
    expect(errorOf(() => make(stack, workspace, '2024-01-31'))).toBe(
      `[test/Bad] ${field}: must be an RFC 3339 date-time such as 2024-01-31T00:00:00Z, got "2024-01-31"`);
  });

  test.each(lookbackDates)('fails on a %s lookback date in the future', (_name, field, make) => {
    const { stack, workspace } = newWorkspaceStack();
    expect(errorOf(() => make(stack, workspace, TOMORROW))).toBe(
      `[test/Bad] ${field}: must not be in the future (Sentinel imports what was published from this date on), got "${TOMORROW}"`);
  });

  const taxiiFailures: Array<[string, Partial<ThreatIntelligenceTaxiiConnectorProps>, string]> = [
    ['fails on a TAXII API root over plain http', { apiRootUrl: 'http://taxii.contoso.com/api/v21/' },
      'apiRootUrl: must be the https URL of the TAXII server\'s API root, e.g. https://taxii.example.com/api/v21/, '
        + 'got "http://taxii.contoso.com/api/v21/"'],
    ['fails on an empty TAXII collection ID', { collectionId: '' },
      'collectionId: must not be empty; give the ID of the collection to import, got ""'],
    ['fails on an empty TAXII display name', { displayName: '  ' },
      'displayName: must not be empty; give the name the Data connectors page shows, got "  "'],
    ['fails on an empty TAXII user name', { userName: '', password: 'hunter2' },
      'userName: must not be empty; leave userName and password out for a server without authentication, got ""'],
    ['fails on a TAXII user name without a password', { userName: 'sentinel' },
      'password: is required with userName: give both for a server with basic authentication, or neither, got none'],
    ['fails on a TAXII password without a user name', { password: 'hunter2' },
      'userName: is required with password: give both for a server with basic authentication, or neither, got none'],
    ['fails on a TAXII polling frequency Azure does not know', { pollingFrequency: 'Hourly' as PollingFrequency },
      'pollingFrequency: must be one of OnceAMinute, OnceAnHour, OnceADay, got "Hourly"'],
    ['fails on a TAXII tenant ID that is not a GUID', { tenantId: '{0d3b6e2a-5a4f-4c1e-9b7d-2f6a8c1e4b90}' },
      'tenantId: must be a GUID (8-4-4-4-12 hexadecimal digits, e.g. 00000000-0000-0000-0000-000000000000), '
        + 'got "{0d3b6e2a-5a4f-4c1e-9b7d-2f6a8c1e4b90}"'],
  ];

  test.each(taxiiFailures)('%s', (_name, overrides, message) => {
    const { stack, workspace } = newWorkspaceStack();
    expect(errorOf(() => new ThreatIntelligenceTaxiiConnector(stack, 'Bad', { workspace, ...TAXII, ...overrides })))
      .toBe(`[test/Bad] ${message}`);
  });

  test('fails when two connectors of a workspace share a name', () => {
    const { stack, workspace } = newWorkspaceStack();
    new ThreatIntelligenceTaxiiConnector(stack, 'First', { workspace, ...TAXII });
    new ThreatIntelligenceTaxiiConnector(stack, 'Second', { workspace, ...TAXII, collectionId: 'malware-indicators' });
    expect(synthError(stack)).toContain('[test/Second] connectorName: "ThreatIntelligenceTaxii" is also the name of test/First in workspace '
      + 'test/Sentinel; data connector names are unique in a workspace, so set connectorName on one of them');
  });
});
