import { TerraformVariable } from 'cdktf';
import { FunctionConnector, FunctionConnectorProps, FunctionRuntime } from '../../../constructs/connectors/function-connector';
import { DataCollectionEndpoint } from '../../../constructs/data-collection-endpoint';
import { CustomTable } from '../../../constructs/custom-table';
import {
  newWorkspaceStack, onlyResource, resourcesOf, synth, synthError, synthWithMetadata, warningsOf,
} from '../../support/synth';

const RESOURCE_GROUP = '${azurerm_resource_group.Sentinel_ResourceGroup_3D1E09A4.name}';
const PRINCIPAL = '${azurerm_linux_function_app.Poller_8D8A3186.identity[0].principal_id}';
const VAULT_ID = '/subscriptions/s/resourceGroups/rg-secrets/providers/Microsoft.KeyVault/vaults/kv-contoso';
const SECRET_URI = 'https://kv-contoso.vault.azure.net/secrets/contoso-api-key';

const baseProps: Omit<FunctionConnectorProps, 'workspace'> = {
  connectorId: 'ContosoPoller',
  title: 'Contoso audit log',
  runtime: FunctionRuntime.PYTHON_3_11,
  streamName: 'Custom-ContosoAudit',
  streamColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }],
  tableName: 'ContosoAudit_CL',
  tableColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Message', type: 'string' }],
  transformKql: 'source | project TimeGenerated, Message = RawData',
};

function pollerStack(props: Partial<FunctionConnectorProps> = {}) {
  const { stack, workspace } = newWorkspaceStack();
  const connector = new FunctionConnector(stack, 'Poller', { workspace, ...baseProps, ...props });
  return { stack, workspace, connector };
}

describe('FunctionConnector', () => {
  test('makes a storage account, a Linux consumption plan and a function app with its identity, HTTPS only', () => {
    const { stack } = pollerStack({ packageUrl: 'https://github.com/contoso/poller/releases/download/v1.2.0/poller.zip' });
    const synthesized = synth(stack);
    expect(onlyResource(synthesized, 'azurerm_storage_account')).toEqual({
      name: expect.stringMatching(/^contosopoller[0-9a-f]{8}$/),
      location: 'westeurope',
      resource_group_name: RESOURCE_GROUP,
      account_tier: 'Standard',
      account_replication_type: 'LRS',
      min_tls_version: 'TLS1_2',
      allow_nested_items_to_be_public: false,
      https_traffic_only_enabled: true,
    });
    expect(onlyResource(synthesized, 'azurerm_service_plan')).toEqual({
      name: 'contoso-sentinel-contosopoller-plan',
      location: 'westeurope',
      resource_group_name: RESOURCE_GROUP,
      os_type: 'Linux',
      sku_name: 'Y1',
    });
    expect(onlyResource(synthesized, 'azurerm_linux_function_app')).toEqual({
      name: 'contoso-sentinel-contosopoller',
      location: 'westeurope',
      resource_group_name: RESOURCE_GROUP,
      service_plan_id: '${azurerm_service_plan.Poller_Plan_7BBC694D.id}',
      storage_account_name: '${azurerm_storage_account.Poller_Storage_68DDB3EF.name}',
      storage_account_access_key: '${azurerm_storage_account.Poller_Storage_68DDB3EF.primary_access_key}',
      functions_extension_version: '~4',
      https_only: true,
      ftp_publish_basic_authentication_enabled: false,
      identity: { type: 'SystemAssigned' },
      site_config: { application_stack: { python_version: '3.11' }, ftps_state: 'Disabled', minimum_tls_version: '1.2' },
      app_settings: {
        DATA_COLLECTION_ENDPOINT: '${azurerm_monitor_data_collection_endpoint.Poller_Endpoint_7BFDE5FD.logs_ingestion_endpoint}',
        DATA_COLLECTION_RULE_ID: '${azurerm_monitor_data_collection_rule.Poller_Rule_02AA55E6.immutable_id}',
        STREAM_NAME: 'Custom-ContosoAudit',
        WEBSITE_RUN_FROM_PACKAGE: 'https://github.com/contoso/poller/releases/download/v1.2.0/poller.zip',
      },
    });
    expect(warningsOf(stack)).toEqual([]);
  });

  test('sends through its own endpoint, table and rule, and lets the function\'s identity publish to the rule', () => {
    const synthesized = synth(pollerStack().stack);
    expect(onlyResource(synthesized, 'azurerm_monitor_data_collection_endpoint')).toMatchObject({ name: 'contoso-sentinel-ContosoPoller-dce' });
    expect(onlyResource(synthesized, 'azurerm_log_analytics_workspace_table_custom_log')).toMatchObject({
      name: 'ContosoAudit_CL', column: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Message', type: 'string' }],
    });
    expect(onlyResource(synthesized, 'azurerm_monitor_data_collection_rule')).toMatchObject({
      name: 'contoso-sentinel-ContosoPoller',
      description: 'Contoso audit log: records the function posts to the Logs Ingestion API',
      data_collection_endpoint_id: '${azurerm_monitor_data_collection_endpoint.Poller_Endpoint_7BFDE5FD.id}',
      stream_declaration: [{ stream_name: 'Custom-ContosoAudit', column: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }] }],
      data_flow: [{
        streams: ['Custom-ContosoAudit'], output_stream: 'Custom-ContosoAudit_CL', destinations: ['sentinelWorkspace'],
        transform_kql: 'source | project TimeGenerated, Message = RawData',
      }],
    });
    expect(onlyResource(synthesized, 'azurerm_role_assignment')).toEqual({
      scope: '${azurerm_monitor_data_collection_rule.Poller_Rule_02AA55E6.id}',
      role_definition_name: 'Monitoring Metrics Publisher',
      principal_id: PRINCIPAL,
      description: 'Send records to test/Poller/Rule through the Logs Ingestion API',
    });
  });

  test('writes the user\'s settings, turns Key Vault secrets into references and lets the identity read each vault once', () => {
    const { stack, workspace } = newWorkspaceStack();
    const otherVaultId = new TerraformVariable(stack, 'otherVaultId', { type: 'string' });
    const rotatingSecret = new TerraformVariable(stack, 'rotatingSecretId', { type: 'string' });
    new FunctionConnector(stack, 'Poller', {
      workspace, ...baseProps,
      appSettings: { CONTOSO_API_URL: 'https://api.contoso.com', POLL_INTERVAL_MINUTES: '5' },
      keyVaultSecrets: {
        CONTOSO_API_KEY: { keyVaultSecretId: SECRET_URI, keyVaultId: VAULT_ID },
        CONTOSO_CLIENT_SECRET: { keyVaultSecretId: 'https://KV-CONTOSO.vault.azure.net/secrets/client-secret/0123456789abcdef0123456789abcdef', keyVaultId: VAULT_ID },
        CONTOSO_SIGNING_KEY: { keyVaultSecretId: rotatingSecret.stringValue, keyVaultId: otherVaultId.stringValue },
        SHARED_TOKEN: { keyVaultSecretId: 'https://kv-shared.vault.azure.net/secrets/token' },
      },
    });
    const synthesized = synth(stack);
    expect(onlyResource(synthesized, 'azurerm_linux_function_app').app_settings).toEqual({
      CONTOSO_API_URL: 'https://api.contoso.com',
      POLL_INTERVAL_MINUTES: '5',
      CONTOSO_API_KEY: `@Microsoft.KeyVault(SecretUri=${SECRET_URI})`,
      CONTOSO_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=https://KV-CONTOSO.vault.azure.net/secrets/client-secret/0123456789abcdef0123456789abcdef)',
      CONTOSO_SIGNING_KEY: '@Microsoft.KeyVault(SecretUri=${var.rotatingSecretId})',
      SHARED_TOKEN: '@Microsoft.KeyVault(SecretUri=https://kv-shared.vault.azure.net/secrets/token)',
      DATA_COLLECTION_ENDPOINT: expect.any(String),
      DATA_COLLECTION_RULE_ID: expect.any(String),
      STREAM_NAME: 'Custom-ContosoAudit',
    });
    const description = 'Let the function app of test/Poller read the secrets its settings refer to';
    expect(resourcesOf(synthesized, 'azurerm_role_assignment').filter((role) => role.role_definition_name === 'Key Vault Secrets User')).toEqual([
      { scope: VAULT_ID, role_definition_name: 'Key Vault Secrets User', principal_id: PRINCIPAL, description },
      { scope: '${var.otherVaultId}', role_definition_name: 'Key Vault Secrets User', principal_id: PRINCIPAL, description },
    ]);
    expect(warningsOf(stack)).toEqual([]);
  });

  test.each([
    [FunctionRuntime.NODE_20, { node_version: '20' }],
    [FunctionRuntime.POWERSHELL_7_4, { powershell_core_version: '7.4' }],
  ])('runs %s', (runtime, applicationStack) => {
    const synthesized = synth(pollerStack({ runtime }).stack);
    expect(onlyResource(synthesized, 'azurerm_linux_function_app')).toMatchObject({ site_config: { application_stack: applicationStack } });
  });

  test('takes its names, plan, tags and an existing endpoint and table', () => {
    const { stack, workspace } = newWorkspaceStack();
    const endpoint = new DataCollectionEndpoint(stack, 'SharedEndpoint', { workspace });
    // The table is declared elsewhere in the app; the connector's rule is created after it.
    new CustomTable(stack, 'SharedTable', { workspace, tableName: 'ContosoShared_CL', columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }] });
    new FunctionConnector(stack, 'Poller', {
      workspace, ...baseProps, tableColumns: undefined, transformKql: undefined, tableName: 'ContosoShared_CL',
      dataCollectionEndpoint: endpoint, functionAppName: 'func-contoso-audit', storageAccountName: 'stcontosoaudit',
      skuName: 'EP1', tags: { owner: 'secops' },
    });
    const synthesized = synth(stack);
    expect(onlyResource(synthesized, 'azurerm_monitor_data_collection_endpoint')).toMatchObject({ name: 'contoso-sentinel-dce' });
    expect(resourcesOf(synthesized, 'azurerm_log_analytics_workspace_table_custom_log')).toHaveLength(1);
    expect(onlyResource(synthesized, 'azurerm_monitor_data_collection_rule').depends_on).toContain('azurerm_log_analytics_workspace_table_custom_log.SharedTable_4302FE67');
    expect(onlyResource(synthesized, 'azurerm_storage_account')).toMatchObject({ name: 'stcontosoaudit', tags: { owner: 'secops' } });
    expect(onlyResource(synthesized, 'azurerm_service_plan')).toMatchObject({ name: 'func-contoso-audit-plan', sku_name: 'EP1', tags: { owner: 'secops' } });
    expect(onlyResource(synthesized, 'azurerm_linux_function_app')).toMatchObject({
      name: 'func-contoso-audit', tags: { owner: 'secops' },
      app_settings: { DATA_COLLECTION_ENDPOINT: '${azurerm_monitor_data_collection_endpoint.SharedEndpoint_8FCE75B3.logs_ingestion_endpoint}' },
    });
  });

  test('records its catalog entry as an Azure Functions poller, with every resource it made', () => {
    const metadata = synthWithMetadata(pollerStack({ publisher: 'Contoso' }).stack)['//']?.sentinel?.connectors;
    expect(metadata).toEqual([{
      constructPath: 'test/Poller',
      workspace: 'azurerm_log_analytics_workspace.Sentinel_64DAE5A3',
      catalogEntry: {
        connectorId: 'ContosoPoller', title: 'Contoso audit log', publisher: 'Contoso', ingestionPath: 'azure-functions',
        tables: ['ContosoAudit_CL'], prerequisites: [], support: { tier: 'Community' },
      },
      resources: [
        'azurerm_monitor_data_collection_endpoint.Poller_Endpoint_7BFDE5FD',
        'azurerm_log_analytics_workspace_table_custom_log.Poller_Table_1168CB8E',
        'azurerm_monitor_data_collection_rule.Poller_Rule_02AA55E6',
        'azurerm_role_assignment.Poller_Rule_FunctionApp_06CC6284',
        'azurerm_storage_account.Poller_Storage_68DDB3EF',
        'azurerm_service_plan.Poller_Plan_7BBC694D',
        'azurerm_linux_function_app.Poller_8D8A3186',
      ],
      details: { streamName: 'Custom-ContosoAudit', functionAppName: 'contoso-sentinel-contosopoller', runtime: 'PYTHON|3.11' },
    }]);
  });

  test('warns about a setting that looks like a secret written in clear', () => {
    const { stack } = pollerStack({ appSettings: { CONTOSO_API_TOKEN: 'abc123', CONTOSO_API_URL: 'https://api.contoso.com' } });
    synth(stack);
    expect(warningsOf(stack)).toEqual([
      '[test/Poller] appSettings.CONTOSO_API_TOKEN: looks like a secret written in clear into the function app\'s settings and the '
        + 'Terraform state; put it in Key Vault and list it in keyVaultSecrets',
    ]);
  });
});

describe('FunctionConnector fails at synth', () => {
  test('fails on a secret value given where a Key Vault secret URI belongs, without repeating the value', () => {
    const message = synthErrorOf({ keyVaultSecrets: { CONTOSO_API_KEY: { keyVaultSecretId: 'sk-live-0123456789' } } });
    expect(message).toContain('[test/Poller] keyVaultSecrets.CONTOSO_API_KEY.keyVaultSecretId: is not a Key Vault secret URI '
      + '(https://<vault>.vault.azure.net/secrets/<name>[/<version>])');
    expect(message).not.toContain('sk-live-0123456789');
  });

  test.each<[string, Partial<FunctionConnectorProps>, string]>([
    ['an http secret URI', { keyVaultSecrets: { API_KEY: { keyVaultSecretId: 'http://kv-contoso.vault.azure.net/secrets/api-key' } } },
      'keyVaultSecrets.API_KEY.keyVaultSecretId: is not a Key Vault secret URI'],
    ['a vault ID of another type', { keyVaultSecrets: { API_KEY: { keyVaultSecretId: SECRET_URI, keyVaultId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/kv' } } },
      'keyVaultSecrets.API_KEY.keyVaultId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/kv" is not a Microsoft.KeyVault/vaults resource ID'],
    ['a vault other than the secret\'s', { keyVaultSecrets: { API_KEY: { keyVaultSecretId: SECRET_URI, keyVaultId: VAULT_ID.replace('kv-contoso', 'kv-other') } } },
      'keyVaultSecrets.API_KEY.keyVaultId: names the vault "kv-other", but the secret is in the vault "kv-contoso"'],
    ['a package over http', { packageUrl: 'http://example.com/poller.zip' },
      'packageUrl: must be an https:// URL'],
    ['a setting the construct writes', { appSettings: { STREAM_NAME: 'Custom-Other' } },
      'appSettings.STREAM_NAME: is set by this construct (DATA_COLLECTION_ENDPOINT, DATA_COLLECTION_RULE_ID, STREAM_NAME, '
        + 'WEBSITE_RUN_FROM_PACKAGE, FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION, AzureWebJobsStorage); choose another name'],
    ['a secret named as a setting the provider writes', { keyVaultSecrets: { AzureWebJobsStorage: { keyVaultSecretId: SECRET_URI } } },
      'keyVaultSecrets.AzureWebJobsStorage: is set by this construct'],
    ['a setting given twice', { appSettings: { API_KEY: 'x' }, keyVaultSecrets: { API_KEY: { keyVaultSecretId: SECRET_URI } } },
      'appSettings.API_KEY: is also in keyVaultSecrets; give each setting once'],
    ['an invalid setting name', { appSettings: { 'CONTOSO-URL': 'https://api.contoso.com' } },
      'appSettings.CONTOSO-URL: is not a valid app setting name'],
    ['a default function app name over 60 characters', { connectorId: 'ContosoAuditLogPollerForTheWholeGroupOfCompaniesWorldwide' },
      'functionAppName: "contoso-sentinel-contosoauditlogpollerforthewholegroupofcompaniesworldwide" is not a valid function app name'],
    ['an invalid storage account name', { storageAccountName: 'St-Contoso' },
      'storageAccountName: "St-Contoso" is not a valid storage account name; expected 3 to 24 lower-case letters or digits'],
    ['a stream the rule cannot declare', { streamName: 'ContosoAudit' },
      'streamName: "ContosoAudit" must start with "Custom-"'],
  ])('fails on %s', (_case, props, expected) => {
    expect(synthErrorOf(props)).toContain(`[test/Poller] ${expected}`);
  });
});

/** The message of the error that declaring or synthesizing the connector raises. */
function synthErrorOf(props: Partial<FunctionConnectorProps>): string {
  try {
    return synthError(pollerStack(props).stack);
  } catch (error) {
    return (error as Error).message;
  }
}
