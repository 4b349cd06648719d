/** Distributions the Azure Monitor Agent supports that a forwarder can run, by name. */
export type ForwarderDistributionName = 'Ubuntu 24.04' | 'Ubuntu 22.04' | 'Debian 12' | 'Red Hat Enterprise Linux 9' | 'AlmaLinux 9';

/** A marketplace image of a Linux distribution the Azure Monitor Agent supports. */
export interface ForwarderMarketplaceImageConfig {
  readonly publisher: string;
  readonly offer: string;
  readonly sku: string;
  /** @default "latest" */
  readonly version?: string;
}

/** TLS settings of the forwarder's syslog listener (RFC 5425). */
export interface ForwarderTlsConfig {
  /** @default 6514 */
  readonly port?: number;
  /** @default "/etc/rsyslog.d/tls/ca.pem" */
  readonly caFile?: string;
  /** @default "/etc/rsyslog.d/tls/cert.pem" */
  readonly certificateFile?: string;
  /** @default "/etc/rsyslog.d/tls/key.pem" */
  readonly keyFile?: string;
}

/**
 * A Linux log forwarder with the Azure Monitor Agent (`AmaForwarder`). Syslog and CEF connectors name it in their
 * `forwarders`, and its agent applies their rules.
 */
export interface ForwarderConfig {
  /**
   * Name of the VM or scale set (and prefix of its other resources).
   *
   * @minLength 1
   */
  readonly forwarderName: string;
  /**
   * The subnet of the forwarder, by its name under `virtualNetworks.<network>.subnets` of this workspace. Give this or
   * `subnetId`.
   *
   * @default - `subnetId`
   */
  readonly subnet?: string;
  /**
   * Resource ID of an existing subnet. Give this or `subnet`.
   *
   * @default - `subnet`
   */
  readonly subnetId?: string;
  /**
   * Address prefixes (CIDRs, addresses or service tags) of the devices that send syslog; only they reach the syslog
   * ports.
   *
   * @minItems 1
   */
  readonly sourceAddressPrefixes: string[];
  /**
   * Admit syslog from the whole internet; needs a public IP too.
   *
   * @default false
   */
  readonly allowSyslogFromInternet?: boolean;
  /**
   * Public SSH keys of the administrators, from variables: `["${var.forwarder_admin_ssh_public_key}"]`.
   *
   * @minItems 1
   */
  readonly adminSshPublicKeys: string[];
  /** @default "azureuser" */
  readonly adminUsername?: string;
  /**
   * Refused: forwarders accept SSH keys only. Accepted here so that the error says so.
   *
   * @default - none
   */
  readonly adminPassword?: string;
  /**
   * Address prefixes allowed to reach SSH (TCP 22).
   *
   * @default - none
   */
  readonly sshSourceAddressPrefixes?: string[];
  /**
   * The image: a supported distribution by name, or a marketplace image.
   *
   * @default "Ubuntu 24.04"
   */
  readonly image?: ForwarderDistributionName | ForwarderMarketplaceImageConfig;
  /**
   * Events per second the forwarder should carry; sizes the VMs. Give this, or `vmSize` and `instanceCount`.
   *
   * @default - from `vmSize` and `instanceCount`
   */
  readonly expectedEventsPerSecond?: number;
  /**
   * Extra capacity for bursts, in percent of `expectedEventsPerSecond`.
   *
   * @default 20
   */
  readonly headroomPercent?: number;
  /**
   * At least two instances in a scale set behind an internal load balancer.
   *
   * @default false
   */
  readonly highAvailability?: boolean;
  /**
   * VM size; overrides the sizing.
   *
   * @default - from `expectedEventsPerSecond`
   */
  readonly vmSize?: string;
  /**
   * Number of instances; overrides the sizing.
   *
   * @default - from `expectedEventsPerSecond`
   */
  readonly instanceCount?: number;
  /**
   * UDP and TCP port of the syslog listener.
   *
   * @default 514
   */
  readonly syslogPort?: number;
  /**
   * Also listen for syslog over TLS; the certificate files must be provisioned on the machines.
   *
   * @default - no TLS listener
   */
  readonly tls?: ForwarderTlsConfig;
  /**
   * Give the forwarder a public IP (single VM only).
   *
   * @default false
   */
  readonly publicIpEnabled?: boolean;
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
