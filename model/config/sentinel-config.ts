import { BackendConfig } from './backend-config';
import { ConnectorConfig } from './connector-config';
import { PolicyConfig } from './policy-config';
import { VariableConfig } from './variable-config';
import { WorkspaceConfig } from './workspace-config';

/**
 * The topology config, `sentinel.yaml`: Microsoft Sentinel workspaces and what fills them, one Terraform stack per
 * workspace. The properties are those of the sentinel-cdk constructs.
 */
export interface SentinelConfig {
  /**
   * Terraform variables for values kept out of the config (keys, secrets), referred to as `${var.<name>}` in any
   * string. A stack declares those it refers to.
   *
   * @default - none
   */
  readonly variables?: Record<string, VariableConfig>;
  /**
   * Where the stacks keep their state, unless a workspace says otherwise.
   *
   * @default - a local file per stack, `terraform.<stack>.tfstate`
   */
  readonly backend?: BackendConfig;
  /**
   * Policy suppressions for every stack.
   *
   * @default - none
   */
  readonly policy?: PolicyConfig;
  /**
   * Connectors shared by several workspaces, by name; a workspace's connector refers to one with `use: <name>`.
   *
   * @default - none
   */
  readonly connectorDefinitions?: Record<string, ConnectorConfig>;
  /** The workspaces, by stack name: each is one Terraform stack (`cdktf.out/stacks/<name>`) with its own state. */
  readonly workspaces: Record<string, WorkspaceConfig>;
}
