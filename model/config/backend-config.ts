/**
 * Where Terraform keeps the state of a stack. Every stack has its own state, so each workspace can be planned and
 * deployed alone.
 *
 * @discriminator type
 */
export type BackendConfig = LocalBackendConfig | AzurermBackendConfig;

/** State in a local file, `terraform.<stack>.tfstate` beside `cdktf.json` (the default). */
export interface LocalBackendConfig {
  /** A local state file. */
  readonly type: 'local';
}

/**
 * State in a blob of an Azure storage account (Terraform's `azurerm` backend), locked while Terraform runs. Credentials
 * never go here: Terraform authenticates with Entra ID (`az login`, `ARM_*` variables, a managed identity or OIDC).
 */
export interface AzurermBackendConfig {
  /** State in Azure Storage. */
  readonly type: 'azurerm';
  /**
   * Resource group of the storage account.
   *
   * @minLength 1
   */
  readonly resourceGroupName: string;
  /** Name of the storage account: 3 to 24 lower-case letters or digits. */
  readonly storageAccountName: string;
  /** Blob container that holds the state blobs. */
  readonly containerName: string;
  /**
   * Name of the state blob; `{stack}` stands for the stack's name, so one backend setting serves every stack.
   *
   * @default "{stack}.tfstate"
   */
  readonly key?: string;
  /**
   * Subscription of the storage account, a GUID.
   *
   * @default - the subscription Terraform runs with
   */
  readonly subscriptionId?: string;
  /**
   * Tenant of the storage account, a GUID.
   *
   * @default - the tenant Terraform runs with
   */
  readonly tenantId?: string;
  /**
   * Authenticate to the blob with Entra ID instead of the storage account's access key.
   *
   * @default true
   */
  readonly useAzureadAuth?: boolean;
  /**
   * Authenticate with OpenID Connect (workload identity federation, e.g. in a CI pipeline).
   *
   * @default false
   */
  readonly useOidc?: boolean;
  /**
   * Authenticate with a managed identity.
   *
   * @default false
   */
  readonly useMsi?: boolean;
}

/** The placeholder of the stack's name in a backend `key`. */
export const STACK_NAME_PLACEHOLDER = '{stack}';
