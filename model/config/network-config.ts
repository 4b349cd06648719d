/** A virtual network created in the stack, with its subnets (for the log forwarders). */
export interface VirtualNetworkConfig {
  /**
   * Name of the virtual network.
   *
   * @minLength 1
   */
  readonly name: string;
  /**
   * Address ranges of the network (CIDRs).
   *
   * @minItems 1
   */
  readonly addressSpace: string[];
  /**
   * Subnets, by name in the config (a forwarder's `subnet` refers to it). Each is a construct of the stack.
   *
   * @default - none
   */
  readonly subnets?: Record<string, SubnetConfig>;
  /**
   * Region.
   *
   * @default - the workspace's region
   * @minLength 1
   */
  readonly location?: string;
  /**
   * Resource group.
   *
   * @default - the workspace's resource group
   * @minLength 1
   */
  readonly resourceGroupName?: string;
  /** @default - none */
  readonly tags?: Record<string, string>;
}

/** A subnet of a virtual network created in the stack. */
export interface SubnetConfig {
  /**
   * Name of the subnet.
   *
   * @minLength 1
   */
  readonly name: string;
  /**
   * Address ranges of the subnet (CIDRs) inside the network's address space.
   *
   * @minItems 1
   */
  readonly addressPrefixes: string[];
}
