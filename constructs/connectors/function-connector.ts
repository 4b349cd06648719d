import { LinuxFunctionApp, LinuxFunctionAppSiteConfigApplicationStack } from '@cdktf/provider-azurerm/lib/linux-function-app';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ServicePlan } from '@cdktf/provider-azurerm/lib/service-plan';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Construct } from 'constructs';
import { parseAzureResourceId } from '../../model/azure-resource-id';
import { CustomTable } from '../custom-table';
import { IDataCollectionEndpoint } from '../data-collection-endpoint';
import { DataCollectionRule } from '../data-collection-rule';
import { isUnresolved, throwIfInvalid, warn } from '../private/validation';
import { addLogsIngestionResources, PolledStreamProps, userCatalogEntry } from './logs-ingestion-connector';
import { SentinelConnector } from './sentinel-connector';

/** Language runtimes of the function app, as Azure's `linuxFxVersion` names them. */
export enum FunctionRuntime {
  PYTHON_3_11 = 'PYTHON|3.11',
  NODE_20 = 'NODE|20',
  POWERSHELL_7_4 = 'POWERSHELL|7.4',
}

const APPLICATION_STACKS: Record<FunctionRuntime, LinuxFunctionAppSiteConfigApplicationStack> = {
  [FunctionRuntime.PYTHON_3_11]: { pythonVersion: '3.11' },
  [FunctionRuntime.NODE_20]: { nodeVersion: '20' },
  [FunctionRuntime.POWERSHELL_7_4]: { powershellCoreVersion: '7.4' },
};

/** A secret the function reads from Key Vault through an app setting reference. */
export interface KeyVaultSecretReference {
  /**
   * URI of the secret, `https://<vault>.vault.azure.net/secrets/<name>[/<version>]` (an `azurerm_key_vault_secret`'s
   * `versionless_id` follows rotations). Never the secret's value.
   */
  readonly keyVaultSecretId: string;

  /**
   * Resource ID of the vault, to give the function's identity the `Key Vault Secrets User` role on it.
   *
   * @default - no role assignment; the identity must already be allowed to read the secret
   */
  readonly keyVaultId?: string;
}

/** Properties for a {@link FunctionConnector}. */
export interface FunctionConnectorProps extends PolledStreamProps {
  /** Language runtime of the poller's code. */
  readonly runtime: FunctionRuntime;

  /**
   * HTTPS URL of the code package (`WEBSITE_RUN_FROM_PACKAGE`), e.g. a release asset or a blob with a SAS.
   *
   * @default - no package; deploy the code separately (`func azure functionapp publish`, zip deploy)
   */
  readonly packageUrl?: string;

  /**
   * The poller's own settings (API base URL, polling interval, ...). Secrets go in `keyVaultSecrets`.
   *
   * @default - none
   */
  readonly appSettings?: Record<string, string>;

  /**
   * Settings whose values are Key Vault secrets, by setting name. Each becomes
   * `@Microsoft.KeyVault(SecretUri=<keyVaultSecretId>)`, resolved by the function's identity.
   *
   * @default - none
   */
  readonly keyVaultSecrets?: Record<string, KeyVaultSecretReference>;

  /**
   * Name of the function app, which is also its host name (`<name>.azurewebsites.net`): 2 to 60 letters, digits or
   * hyphens, unique in Azure.
   *
   * @default - the workspace name and the connector id, lower case
   */
  readonly functionAppName?: string;

  /**
   * Name of the function's storage account: 3 to 24 lower-case letters or digits, unique in Azure.
   *
   * @default - from the connector id and the construct's address
   */
  readonly storageAccountName?: string;

  /**
   * SKU of the Linux service plan.
   *
   * @default 'Y1' (Consumption)
   */
  readonly skuName?: string;

  /** @default - none */
  readonly tags?: Record<string, string>;
}

/** Settings this construct writes itself; the user's settings may not reuse their names. */
export const FunctionAppSetting = {
  DATA_COLLECTION_ENDPOINT: 'DATA_COLLECTION_ENDPOINT',
  DATA_COLLECTION_RULE_ID: 'DATA_COLLECTION_RULE_ID',
  STREAM_NAME: 'STREAM_NAME',
  WEBSITE_RUN_FROM_PACKAGE: 'WEBSITE_RUN_FROM_PACKAGE',
} as const;

/** Settings that azurerm writes from the function app's arguments. */
const PROVIDER_MANAGED_SETTINGS = ['FUNCTIONS_WORKER_RUNTIME', 'FUNCTIONS_EXTENSION_VERSION', 'AzureWebJobsStorage'];

/** The built-in role that reads secret values. */
export const KEY_VAULT_SECRETS_USER_ROLE = 'Key Vault Secrets User';

/** A Key Vault secret URI in the public, China and US Government clouds. */
const KEY_VAULT_SECRET_URI =
  /^https:\/\/([A-Za-z0-9-]{3,24})\.vault\.(?:azure\.net|azure\.cn|usgovcloudapi\.net)\/secrets\/[A-Za-z0-9-]{1,127}(?:\/[0-9A-Fa-f]{32})?\/?$/;

/** App setting names on Linux: letters, digits, periods and underscores. */
const APP_SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/** Setting names that suggest a secret. */
const SECRET_LIKE_NAME = /secret|password|passwd|token|api_?key|credential/i;

const FUNCTION_APP_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,58}[A-Za-z0-9]$/;
const STORAGE_ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;

/**
 * An Azure Functions poller: a Linux function app that pulls from a source's REST API and pushes the records through
 * the Logs Ingestion API, with its storage account and service plan, and the endpoint, table and rule it sends to.
 *
 * ```ts
 * new FunctionConnector(stack, 'ContosoPoller', {
 *   workspace, connectorId: 'ContosoPoller', title: 'Contoso audit log',
 *   runtime: FunctionRuntime.PYTHON_3_11,
 *   packageUrl: 'https://github.com/contoso/poller/releases/download/v1.2.0/poller.zip',
 *   streamName: 'Custom-ContosoAudit',
 *   streamColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }],
 *   tableName: 'ContosoAudit_CL',
 *   tableColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }],
 *   appSettings: { CONTOSO_API_URL: 'https://api.contoso.com' },
 *   keyVaultSecrets: { CONTOSO_API_KEY: { keyVaultSecretId: secret.versionlessId, keyVaultId: vault.id } },
 * });
 * ```
 *
 * The function's system-assigned identity gets `Monitoring Metrics Publisher` on the rule, and `Key Vault Secrets User`
 * on each vault named in `keyVaultSecrets`. Its code finds where to send in the settings `DATA_COLLECTION_ENDPOINT`,
 * `DATA_COLLECTION_RULE_ID` (the rule's immutable ID) and `STREAM_NAME`. HTTPS only, TLS 1.2, FTPS off.
 */
export class FunctionConnector extends SentinelConnector {
  public readonly dataCollectionEndpoint: IDataCollectionEndpoint;
  public readonly dataCollectionRule: DataCollectionRule;
  /** The table created here, when `tableColumns` is given. */
  public readonly table?: CustomTable;
  public readonly streamName: string;
  public readonly runtime: FunctionRuntime;
  public readonly functionAppName: string;
  /** The `azurerm_storage_account` the Functions runtime keeps its state in. */
  public readonly storageAccount: StorageAccount;
  /** The `azurerm_service_plan`. */
  public readonly servicePlan: ServicePlan;
  /** The `azurerm_linux_function_app`. */
  public readonly functionApp: LinuxFunctionApp;
  /** Object ID of the function app's system-assigned identity. */
  public readonly functionAppPrincipalId: string;

  constructor(scope: Construct, id: string, props: FunctionConnectorProps) {
    super(scope, id, props.workspace, userCatalogEntry(props, 'azure-functions'));
    const functionAppName = props.functionAppName ?? `${props.workspace.workspaceName}-${props.connectorId}`.toLowerCase();
    const storageAccountName = props.storageAccountName
      ?? `${props.connectorId.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 16)}${this.node.addr.slice(0, 8)}`;
    this.checkNames(functionAppName, storageAccountName);
    this.checkPackageUrl(props.packageUrl);
    const secretSettings = this.keyVaultReferences(props.keyVaultSecrets ?? {});
    this.checkAppSettings(props.appSettings ?? {}, secretSettings);

    const stream = addLogsIngestionResources(this, props, 'the function');
    this.dataCollectionEndpoint = stream.dataCollectionEndpoint;
    this.dataCollectionRule = stream.dataCollectionRule;
    this.table = stream.table;
    this.streamName = props.streamName;
    this.runtime = props.runtime;
    this.functionAppName = functionAppName;

    const placement = { location: props.workspace.location, resourceGroupName: props.workspace.resourceGroupName, tags: props.tags };
    this.storageAccount = new StorageAccount(this, 'Storage', {
      ...placement,
      name: storageAccountName,
      accountTier: 'Standard',
      accountReplicationType: 'LRS',
      minTlsVersion: 'TLS1_2',
      allowNestedItemsToBePublic: false,
      httpsTrafficOnlyEnabled: true,
    });
    this.servicePlan = new ServicePlan(this, 'Plan', {
      ...placement, name: `${functionAppName}-plan`, osType: 'Linux', skuName: props.skuName ?? 'Y1',
    });
    this.functionApp = new LinuxFunctionApp(this, 'Resource', {
      ...placement,
      name: functionAppName,
      servicePlanId: this.servicePlan.id,
      storageAccountName: this.storageAccount.name,
      storageAccountAccessKey: this.storageAccount.primaryAccessKey,
      functionsExtensionVersion: '~4',
      httpsOnly: true,
      ftpPublishBasicAuthenticationEnabled: false,
      identity: { type: 'SystemAssigned' },
      siteConfig: { applicationStack: APPLICATION_STACKS[props.runtime], ftpsState: 'Disabled', minimumTlsVersion: '1.2' },
      appSettings: {
        ...props.appSettings,
        ...Object.fromEntries(Object.entries(secretSettings).map(([name, reference]) => [name, reference.setting])),
        [FunctionAppSetting.DATA_COLLECTION_ENDPOINT]: this.dataCollectionEndpoint.logsIngestionEndpoint,
        [FunctionAppSetting.DATA_COLLECTION_RULE_ID]: this.dataCollectionRule.immutableId,
        [FunctionAppSetting.STREAM_NAME]: props.streamName,
        ...(props.packageUrl === undefined ? {} : { [FunctionAppSetting.WEBSITE_RUN_FROM_PACKAGE]: props.packageUrl }),
      },
    });
    this.functionAppPrincipalId = this.functionApp.identity.principalId;

    this.dataCollectionRule.grantIngest('FunctionApp', this.functionAppPrincipalId);
    const vaults = [...new Set(Object.values(secretSettings).flatMap((reference) => reference.keyVaultId ?? []))];
    vaults.forEach((keyVaultId, index) => new RoleAssignment(this, `KeyVaultSecretsUser${index}`, {
      scope: keyVaultId,
      roleDefinitionName: KEY_VAULT_SECRETS_USER_ROLE,
      principalId: this.functionAppPrincipalId,
      description: `Let the function app of ${this.node.path} read the secrets its settings refer to`,
    }));
  }

  protected connectorDetails(): Record<string, unknown> {
    return { streamName: this.streamName, functionAppName: this.functionAppName, runtime: this.runtime };
  }

  private checkNames(functionAppName: string, storageAccountName: string): void {
    if (!isUnresolved(functionAppName)) {
      throwIfInvalid(this, 'functionAppName', FUNCTION_APP_NAME.test(functionAppName) ? undefined
        : `"${functionAppName}" is not a valid function app name; expected 2 to 60 letters, digits or hyphens, starting and ` +
          'ending with a letter or digit (set functionAppName when the default, workspace name and connector id, is too long)');
    }
    if (!isUnresolved(storageAccountName)) {
      throwIfInvalid(this, 'storageAccountName', STORAGE_ACCOUNT_NAME.test(storageAccountName) ? undefined
        : `"${storageAccountName}" is not a valid storage account name; expected 3 to 24 lower-case letters or digits`);
    }
  }

  private checkPackageUrl(packageUrl: string | undefined): void {
    if (packageUrl !== undefined && !isUnresolved(packageUrl)) {
      throwIfInvalid(this, 'packageUrl', packageUrl.startsWith('https://') ? undefined
        : 'must be an https:// URL: the Functions host downloads the package from it, and a SAS in it must not travel in clear');
    }
  }

  /** Checks each secret reference and writes its setting. Messages never repeat a value: it may be a secret. */
  private keyVaultReferences(secrets: Record<string, KeyVaultSecretReference>): Record<string, KeyVaultSecretReference & { setting: string }> {
    return Object.fromEntries(Object.entries(secrets).map(([name, reference]) => {
      const field = `keyVaultSecrets.${name}`;
      const uri = reference.keyVaultSecretId;
      const vaultName = isUnresolved(uri) ? undefined : KEY_VAULT_SECRET_URI.exec(uri)?.[1];
      throwIfInvalid(this, `${field}.keyVaultSecretId`, isUnresolved(uri) || vaultName !== undefined ? undefined
        : 'is not a Key Vault secret URI (https://<vault>.vault.azure.net/secrets/<name>[/<version>]); a secret\'s value ' +
          'never goes into app settings: store it in Key Vault and give its URI (the value received is not repeated here)');
      if (reference.keyVaultId !== undefined && !isUnresolved(reference.keyVaultId)) {
        let keyVaultName: string | undefined;
        try {
          keyVaultName = parseAzureResourceId(reference.keyVaultId, 'Microsoft.KeyVault/vaults').name;
        } catch (error) {
          throwIfInvalid(this, `${field}.keyVaultId`, (error as Error).message);
        }
        throwIfInvalid(this, `${field}.keyVaultId`, vaultName === undefined || keyVaultName?.toLowerCase() === vaultName.toLowerCase()
          ? undefined : `names the vault "${keyVaultName}", but the secret is in the vault "${vaultName}"`);
      }
      return [name, { ...reference, setting: `@Microsoft.KeyVault(SecretUri=${uri})` }];
    }));
  }

  private checkAppSettings(appSettings: Record<string, string>, secretSettings: Record<string, unknown>): void {
    const reserved = [...Object.values(FunctionAppSetting), ...PROVIDER_MANAGED_SETTINGS];
    for (const [source, names] of [['appSettings', Object.keys(appSettings)], ['keyVaultSecrets', Object.keys(secretSettings)]] as const) {
      for (const name of names) {
        throwIfInvalid(this, `${source}.${name}`, APP_SETTING_NAME.test(name) ? undefined
          : 'is not a valid app setting name; expected letters, digits, "_" or ".", not starting with a digit or "."');
        throwIfInvalid(this, `${source}.${name}`, reserved.includes(name)
          ? `is set by this construct (${reserved.join(', ')}); choose another name` : undefined);
      }
    }
    for (const [name, value] of Object.entries(appSettings)) {
      throwIfInvalid(this, `appSettings.${name}`, Object.hasOwn(secretSettings, name) ? 'is also in keyVaultSecrets; give each setting once' : undefined);
      if (SECRET_LIKE_NAME.test(name) && !isUnresolved(value) && !value.startsWith('@Microsoft.KeyVault(')) {
        warn(this, `appSettings.${name}`, 'looks like a secret written in clear into the function app\'s settings and the '
          + 'Terraform state; put it in Key Vault and list it in keyVaultSecrets');
      }
    }
  }
}
