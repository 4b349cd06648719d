import { Lb } from '@cdktf/provider-azurerm/lib/lb';
import { LbBackendAddressPool } from '@cdktf/provider-azurerm/lib/lb-backend-address-pool';
import { LbProbe } from '@cdktf/provider-azurerm/lib/lb-probe';
import { LbRule } from '@cdktf/provider-azurerm/lib/lb-rule';
import { LinuxVirtualMachine } from '@cdktf/provider-azurerm/lib/linux-virtual-machine';
import { LinuxVirtualMachineScaleSet } from '@cdktf/provider-azurerm/lib/linux-virtual-machine-scale-set';
import { NetworkInterface } from '@cdktf/provider-azurerm/lib/network-interface';
import { NetworkInterfaceSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/network-interface-security-group-association';
import { NetworkSecurityGroup, NetworkSecurityGroupSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-group';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { VirtualMachineExtension } from '@cdktf/provider-azurerm/lib/virtual-machine-extension';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { checkSourcePrefix } from '../../model/forwarder/source-addresses';
import { admitsInternet } from '../../model/network/address-prefixes';
import { DEFAULT_HEADROOM_PERCENT, ForwarderSizing, sizeForwarder } from '../../model/forwarder/sizing';
import {
  ForwarderImageReference, SUPPORTED_FORWARDER_DISTRIBUTIONS, supportedDistributionOf,
} from '../../model/forwarder/supported-images';
import { terraformAddress } from '../connectors/sentinel-connector';
import { SyslogAgentConnector } from '../connectors/syslog-agent-connector';
import { recordInStackMetadata } from '../private/stack-metadata';
import { isUnresolved, throwIfInvalid, warn } from '../private/validation';
import { ISentinelWorkspace } from '../sentinel-workspace';
import { ForwarderTlsOptions, renderCloudInit } from './cloud-init';

/** Images of the distributions the Azure Monitor Agent supports, by name. */
export class ForwarderImage {
  public static readonly UBUNTU_24_04 = ForwarderImage.of('Ubuntu 24.04');
  public static readonly UBUNTU_22_04 = ForwarderImage.of('Ubuntu 22.04');
  public static readonly DEBIAN_12 = ForwarderImage.of('Debian 12');
  public static readonly RHEL_9 = ForwarderImage.of('Red Hat Enterprise Linux 9');
  public static readonly ALMALINUX_9 = ForwarderImage.of('AlmaLinux 9');

  /** A marketplace image; synth refuses it unless it is a distribution the Azure Monitor Agent supports. */
  public static fromMarketplace(reference: ForwarderImageReference): ForwarderImage {
    return new ForwarderImage({ version: 'latest', ...reference });
  }

  private static of(distribution: string): ForwarderImage {
    const supported = SUPPORTED_FORWARDER_DISTRIBUTIONS.find((candidate) => candidate.distribution === distribution);
    if (supported === undefined) {
      throw new Error(`no supported distribution named ${distribution}`);
    }
    return new ForwarderImage(supported.image);
  }

  private constructor(public readonly reference: Required<ForwarderImageReference>) {}
}

/** Properties for an {@link AmaForwarder}. */
export interface AmaForwarderProps {
  /** The workspace whose region and resource group the forwarder takes, unless given below. */
  readonly workspace: ISentinelWorkspace;

  /** Name of the VM or scale set (and prefix of its other resources). */
  readonly forwarderName: string;

  /** The subnet the forwarder's network interfaces (and load balancer) live in. */
  readonly subnetId: string;

  /**
   * Address prefixes (CIDRs, addresses or service tags) of the devices that send syslog. Only they reach the
   * syslog ports; `0.0.0.0/0`, `*` and `Internet` are refused unless `allowSyslogFromInternet` is set.
   */
  readonly sourceAddressPrefixes: string[];

  /**
   * Admit syslog from the whole internet. Needs a public IP too; say it only when devices really send over the
   * internet.
   *
   * @default false
   */
  readonly allowSyslogFromInternet?: boolean;

  /** Public SSH keys (`ssh-rsa ...` or `ssh-ed25519 ...`) of the administrators. */
  readonly adminSshPublicKeys: string[];

  /** @default 'azureuser' */
  readonly adminUsername?: string;

  /**
   * Refused: forwarders accept SSH keys only. The property exists so that configuration files that set it get a
   * clear error.
   *
   * @default - none
   */
  readonly adminPassword?: string;

  /**
   * Address prefixes allowed to reach SSH (TCP 22).
   *
   * @default - none: no rule admits SSH beyond Azure's defaults within the virtual network
   */
  readonly sshSourceAddressPrefixes?: string[];

  /**
   * The image; a distribution the Azure Monitor Agent supports.
   *
   * @default ForwarderImage.UBUNTU_24_04
   */
  readonly image?: ForwarderImage;

  /** Events per second the forwarder should carry; sizes the VMs. Give this, or `vmSize` and `instanceCount`. */
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
   * Number of instances; overrides the sizing. More than one makes a scale set behind an internal load balancer.
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
   * Also listen for syslog over TLS (RFC 5425); the certificate files must be provisioned on the machines.
   *
   * @default - no TLS listener
   */
  readonly tls?: ForwarderTlsOptions;

  /**
   * Give the forwarder a public IP (single VM only). Devices normally reach it privately.
   *
   * @default false
   */
  readonly publicIpEnabled?: boolean;

  /**
   * Region.
   *
   * @default - the workspace's region
   */
  readonly location?: string;

  /**
   * Resource group.
   *
   * @default - the workspace's resource group
   */
  readonly resourceGroupName?: string;

  /** @default - none */
  readonly tags?: Record<string, string>;
}

/** What a forwarder records under `//.sentinel.forwarders` in the synthesized Terraform. */
export interface ForwarderMetadata {
  readonly constructPath: string;
  /** Terraform address of the VM or scale set (what rule associations target). */
  readonly resourceAddress: string;
  readonly forwarderName: string;
  readonly form: 'virtual-machine' | 'scale-set';
  readonly vmSize: string;
  readonly instanceCount: number;
  readonly sizing?: ForwarderSizing;
  readonly syslogPort: number;
  readonly tlsPort?: number;
  readonly sourceAddressPrefixes: string[];
  readonly image: Required<ForwarderImageReference>;
  readonly connectors: string[];
}

/** The service tag of Azure's load balancer health probes (NSG "Service tags overview": 168.63.129.16). */
export const LOAD_BALANCER_PROBE_SOURCE = 'AzureLoadBalancer';

const SSH_PUBLIC_KEY = /^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/;
const AMA_EXTENSION = {
  name: 'AzureMonitorLinuxAgent', publisher: 'Microsoft.Azure.Monitor', type: 'AzureMonitorLinuxAgent', typeHandlerVersion: '1.0',
  autoUpgradeMinorVersion: true, automaticUpgradeEnabled: true,
};

/** The most instances a forwarder runs (its scale set; Azure's own limit is 1,000 a scale set). */
const MAX_INSTANCES = 100;

/**
 * A Linux log forwarder with the Azure Monitor Agent: devices send syslog and CEF to it, and the data collection rules
 * of the {@link SyslogConnector}s and {@link CefConnector}s attached to it select what reaches Sentinel.
 *
 * ```ts
 * const forwarder = new AmaForwarder(stack, 'Forwarder', {
 *   workspace, forwarderName: 'fwd-weu', subnetId,
 *   sourceAddressPrefixes: ['10.20.0.0/16'],
 *   adminSshPublicKeys: [sshKey],
 *   expectedEventsPerSecond: 8000,
 * });
 * forwarder.attachConnector(syslog);
 * forwarder.attachConnector(cef);
 * ```
 *
 * Sizing (recorded in the synthesized metadata under `//.sentinel.forwarders`): the expected rate plus headroom
 * (20% by default) picks the smallest of Standard_F2s_v2 (2,500 EPS), Standard_F4s_v2 (5,000) and Standard_F8s_v2
 * (10,000, Microsoft's benchmark machine and per-forwarder design point); beyond that, as many Standard_F8s_v2 as
 * needed. Smaller sizes scale Microsoft's figure by vCPU, an estimate. Several instances, or `highAvailability`,
 * make a scale set behind an internal Standard load balancer; one instance is a VM.
 *
 * Security: system-assigned identity, SSH keys only, no public IP unless asked, boot diagnostics, and an NSG that
 * admits the syslog ports only from `sourceAddressPrefixes` and denies them to everyone else.
 */
export class AmaForwarder extends Construct {
  /** Resource ID of the VM or scale set: what rule associations target. */
  public readonly forwarderResourceId: string;
  /** Terraform address of the VM or scale set, e.g. `azurerm_linux_virtual_machine.Forwarder_E6AEDC44`. */
  public readonly resourceAddress: string;
  /** The address devices send to: the VM's private IP, or the load balancer's frontend. */
  public readonly syslogAddress: string;
  public readonly form: 'virtual-machine' | 'scale-set';
  public readonly vmSize: string;
  public readonly instanceCount: number;
  /** The sizing decision, when the forwarder was sized from `expectedEventsPerSecond`. */
  public readonly sizing?: ForwarderSizing;
  public readonly networkSecurityGroup: NetworkSecurityGroup;
  /** The rendered cloud-init that configures rsyslog. */
  public readonly cloudInit: string;
  private readonly attachedConnectors: SyslogAgentConnector[] = [];

  constructor(scope: Construct, id: string, props: AmaForwarderProps) {
    super(scope, id);
    this.validateProps(props);
    const location = props.location ?? props.workspace.location;
    const resourceGroupName = props.resourceGroupName ?? props.workspace.resourceGroupName;
    const syslogPort = props.syslogPort ?? 514;
    const image = (props.image ?? ForwarderImage.UBUNTU_24_04).reference;

    if (props.expectedEventsPerSecond !== undefined && (props.vmSize === undefined || props.instanceCount === undefined)) {
      this.sizing = sizeForwarder(props.expectedEventsPerSecond, props.headroomPercent ?? DEFAULT_HEADROOM_PERCENT,
        props.highAvailability ?? false);
      throwIfInvalid(this, 'expectedEventsPerSecond', this.sizing.instanceCount <= MAX_INSTANCES ? undefined
        : `${props.expectedEventsPerSecond} events a second would need ${this.sizing.instanceCount} instances of ${this.sizing.vmSize}; a `
          + `forwarder has at most ${MAX_INSTANCES} (split the sources over several forwarders, or check the number)`);
    }
    this.vmSize = props.vmSize ?? this.sizing?.vmSize ?? 'Standard_F8s_v2';
    this.instanceCount = props.instanceCount ?? this.sizing?.instanceCount ?? 1;
    this.form = this.instanceCount > 1 || props.highAvailability === true ? 'scale-set' : 'virtual-machine';
    throwIfInvalid(this, 'instanceCount', props.highAvailability === true && this.instanceCount < 2
      ? `high availability needs at least 2 instances, got ${this.instanceCount}` : undefined);
    throwIfInvalid(this, 'publicIpEnabled', props.publicIpEnabled === true && this.form === 'scale-set'
      ? 'a public IP applies to a single VM; a scale set sits behind an internal load balancer' : undefined);

    this.cloudInit = renderCloudInit({
      forwarderName: props.forwarderName, syslogPort, tls: props.tls,
      eventsPerSecondPerInstance: this.sizing?.eventsPerSecondPerInstance ?? 10_000,
    });
    this.networkSecurityGroup = new NetworkSecurityGroup(this, 'NetworkSecurityGroup', {
      name: `${props.forwarderName}-nsg`, location, resourceGroupName, tags: props.tags,
      securityRule: this.securityRules(props, syslogPort),
    });

    const common = {
      location, resourceGroupName, tags: props.tags,
      adminUsername: props.adminUsername ?? 'azureuser',
      disablePasswordAuthentication: true,
      adminSshKey: props.adminSshPublicKeys.map((publicKey) => ({ username: props.adminUsername ?? 'azureuser', publicKey })),
      customData: Buffer.from(this.cloudInit, 'utf8').toString('base64'),
      identity: { type: 'SystemAssigned' },
      bootDiagnostics: {},
      sourceImageReference: image,
      osDisk: { caching: 'ReadWrite', storageAccountType: 'Premium_LRS', diskSizeGb: 64 },
    };
    if (this.form === 'virtual-machine') {
      const publicIp = props.publicIpEnabled === true ? new PublicIp(this, 'PublicIp', {
        name: `${props.forwarderName}-pip`, location, resourceGroupName, allocationMethod: 'Static', sku: 'Standard', tags: props.tags,
      }) : undefined;
      const networkInterface = new NetworkInterface(this, 'NetworkInterface', {
        name: `${props.forwarderName}-nic`, location, resourceGroupName, tags: props.tags,
        ipConfiguration: [{
          name: 'internal', subnetId: props.subnetId, privateIpAddressAllocation: 'Dynamic', publicIpAddressId: publicIp?.id,
        }],
      });
      new NetworkInterfaceSecurityGroupAssociation(this, 'NetworkSecurityGroupAssociation', {
        networkInterfaceId: networkInterface.id, networkSecurityGroupId: this.networkSecurityGroup.id,
      });
      const machine = new LinuxVirtualMachine(this, 'Resource', {
        ...common, name: props.forwarderName, size: this.vmSize, networkInterfaceIds: [networkInterface.id],
      });
      new VirtualMachineExtension(this, 'AzureMonitorAgent', { ...AMA_EXTENSION, virtualMachineId: machine.id });
      this.forwarderResourceId = machine.id;
      this.resourceAddress = terraformAddress(machine);
      this.syslogAddress = networkInterface.privateIpAddress;
      if (publicIp !== undefined) {
        warn(this, 'publicIpEnabled', 'the forwarder has a public IP; devices normally reach it over a private network');
      }
    } else {
      const balancer = this.loadBalancer(props, location, resourceGroupName, syslogPort);
      const scaleSet = new LinuxVirtualMachineScaleSet(this, 'Resource', {
        ...common,
        name: props.forwarderName,
        sku: this.vmSize,
        instances: this.instanceCount,
        upgradeMode: 'Rolling',
        healthProbeId: balancer.probe.id,
        rollingUpgradePolicy: {
          maxBatchInstancePercent: 50, maxUnhealthyInstancePercent: 50, maxUnhealthyUpgradedInstancePercent: 50,
          pauseTimeBetweenBatches: 'PT2M',
        },
        networkInterface: [{
          name: `${props.forwarderName}-nic`, primary: true, networkSecurityGroupId: this.networkSecurityGroup.id,
          ipConfiguration: [{
            name: 'internal', primary: true, subnetId: props.subnetId, loadBalancerBackendAddressPoolIds: [balancer.pool.id],
          }],
        }],
        extension: [AMA_EXTENSION],
        dependsOn: balancer.rules,
      });
      this.forwarderResourceId = scaleSet.id;
      this.resourceAddress = terraformAddress(scaleSet);
      this.syslogAddress = balancer.loadBalancer.privateIpAddress;
    }

    new TerraformOutput(this, 'SyslogAddress', {
      value: this.syslogAddress,
      description: `Where devices send syslog and CEF (UDP and TCP ${syslogPort}${props.tls === undefined ? '' : `, TLS ${props.tls.port ?? 6514}`})`,
    });
    recordInStackMetadata(this, 'forwarders', (): ForwarderMetadata => ({
      constructPath: this.node.path,
      resourceAddress: this.resourceAddress,
      forwarderName: props.forwarderName,
      form: this.form,
      vmSize: this.vmSize,
      instanceCount: this.instanceCount,
      ...(this.sizing === undefined ? {} : { sizing: this.sizing }),
      syslogPort,
      ...(props.tls === undefined ? {} : { tlsPort: props.tls.port ?? 6514 }),
      sourceAddressPrefixes: props.sourceAddressPrefixes,
      image,
      connectors: this.attachedConnectors.map((connector) => connector.node.path),
    }));
  }

  /** The Syslog and CEF connectors attached so far. */
  public get connectors(): readonly SyslogAgentConnector[] {
    return this.attachedConnectors;
  }

  /** Lets this forwarder's agent apply a Syslog or CEF connector's rule (a rule association). */
  public attachConnector(connector: SyslogAgentConnector): void {
    connector.attachForwarder(this.forwarderResourceId, `Forwarder-${this.node.id}`);
    this.attachedConnectors.push(connector);
  }

  private securityRules(props: AmaForwarderProps, syslogPort: number): NetworkSecurityGroupSecurityRule[] {
    const ports: Array<{ name: string; protocol: string; port: number }> = [
      { name: 'SyslogUdp', protocol: 'Udp', port: syslogPort },
      { name: 'SyslogTcp', protocol: 'Tcp', port: syslogPort },
      ...(props.tls === undefined ? [] : [{ name: 'SyslogTls', protocol: 'Tcp', port: props.tls.port ?? 6514 }]),
    ];
    const rule = (name: string, priority: number, access: string, protocol: string, port: number, sources: string[] | undefined) => ({
      name, priority, direction: 'Inbound', access, protocol, sourcePortRange: '*', destinationPortRange: String(port),
      destinationAddressPrefix: '*',
      ...(sources === undefined ? { sourceAddressPrefix: '*' } : { sourceAddressPrefixes: sources }),
      description: access === 'Allow' ? `${name} from the listed sources` : `${name} from anywhere else`,
    });
    // A scale set sits behind an internal load balancer whose health probe comes from the service tag AzureLoadBalancer
    // (168.63.129.16). Azure's own rule admitting it has priority 65001, after the denies below, so without this rule
    // every instance is marked down and the load balancer forwards nothing.
    const probe = this.form === 'scale-set' ? [{
      ...rule('AllowLoadBalancerProbe', 300, 'Allow', 'Tcp', syslogPort, undefined),
      sourceAddressPrefix: LOAD_BALANCER_PROBE_SOURCE,
      description: `the load balancer's health probe on TCP ${syslogPort}`,
    }] : [];
    return [
      ...ports.map((port, index) => rule(`Allow${port.name}`, 100 + index * 10, 'Allow', port.protocol, port.port, props.sourceAddressPrefixes)),
      ...probe,
      ...(props.sshSourceAddressPrefixes === undefined || props.sshSourceAddressPrefixes.length === 0 ? []
        : [rule('AllowSsh', 200, 'Allow', 'Tcp', 22, props.sshSourceAddressPrefixes)]),
      // Azure's default rules admit the whole virtual network; deny the syslog ports to every source not listed.
      ...ports.map((port, index) => rule(`Deny${port.name}`, 4000 + index * 10, 'Deny', port.protocol, port.port, undefined)),
    ];
  }

  private loadBalancer(props: AmaForwarderProps, location: string, resourceGroupName: string, syslogPort: number) {
    const loadBalancer = new Lb(this, 'LoadBalancer', {
      name: `${props.forwarderName}-lb`, location, resourceGroupName, sku: 'Standard', tags: props.tags,
      frontendIpConfiguration: [{ name: 'syslog', subnetId: props.subnetId, privateIpAddressAllocation: 'Dynamic' }],
    });
    const pool = new LbBackendAddressPool(this, 'BackendPool', { name: 'forwarders', loadbalancerId: loadBalancer.id });
    const probe = new LbProbe(this, 'Probe', {
      name: 'syslog-tcp', loadbalancerId: loadBalancer.id, protocol: 'Tcp', port: syslogPort, intervalInSeconds: 5, numberOfProbes: 2,
    });
    const listeners = [
      { name: 'syslog-udp', protocol: 'Udp', port: syslogPort },
      { name: 'syslog-tcp', protocol: 'Tcp', port: syslogPort },
      ...(props.tls === undefined ? [] : [{ name: 'syslog-tls', protocol: 'Tcp', port: props.tls.port ?? 6514 }]),
    ];
    const rules = listeners.map((listener) => new LbRule(this, `Rule-${listener.name}`, {
      name: listener.name, loadbalancerId: loadBalancer.id, protocol: listener.protocol,
      frontendPort: listener.port, backendPort: listener.port, frontendIpConfigurationName: 'syslog',
      backendAddressPoolIds: [pool.id], probeId: probe.id,
      // Syslog over TCP keeps long sessions; UDP flows stick to a forwarder by source.
      idleTimeoutInMinutes: 30, loadDistribution: listener.protocol === 'Udp' ? 'SourceIP' : 'Default',
    }));
    return { loadBalancer, pool, probe, rules };
  }

  private validateProps(props: AmaForwarderProps): void {
    throwIfInvalid(this, 'adminPassword', props.adminPassword === undefined ? undefined
      : 'password authentication is refused: forwarders accept SSH keys only; remove adminPassword and give adminSshPublicKeys');
    throwIfInvalid(this, 'adminSshPublicKeys', props.adminSshPublicKeys.length === 0 ? 'give at least one public SSH key' : undefined);
    props.adminSshPublicKeys.forEach((key, index) => {
      if (!isUnresolved(key)) {
        throwIfInvalid(this, `adminSshPublicKeys[${index}]`, SSH_PUBLIC_KEY.test(key.trim()) ? undefined
          : `is not a public SSH key; expected "ssh-rsa AAAA...", "ssh-ed25519 AAAA..." or "ecdsa-sha2-nistp256 AAAA..."`);
      }
    });
    throwIfInvalid(this, 'sourceAddressPrefixes', props.sourceAddressPrefixes.length === 0
      ? 'list the address prefixes of the devices that send syslog (e.g. "10.20.0.0/16")' : undefined);
    for (const [field, prefixes] of [['sourceAddressPrefixes', props.sourceAddressPrefixes], ['sshSourceAddressPrefixes', props.sshSourceAddressPrefixes ?? []]] as const) {
      prefixes.forEach((prefix, index) => {
        if (isUnresolved(prefix)) {
          return;
        }
        throwIfInvalid(this, `${field}[${index}]`, checkSourcePrefix(prefix));
        const allowed = field === 'sourceAddressPrefixes' && props.allowSyslogFromInternet === true;
        throwIfInvalid(this, `${field}[${index}]`, admitsInternet(prefix) && !allowed
          ? `"${prefix}" opens the forwarder to the whole internet; list the devices' own prefixes`
            + (field === 'sourceAddressPrefixes' ? ', or set allowSyslogFromInternet: true if that is really intended' : '')
          : undefined);
      });
    }
    if (props.allowSyslogFromInternet === true && props.sourceAddressPrefixes.some(admitsInternet)) {
      warn(this, 'allowSyslogFromInternet', 'the syslog ports admit the whole internet');
    }
    const image = (props.image ?? ForwarderImage.UBUNTU_24_04).reference;
    throwIfInvalid(this, 'image', supportedDistributionOf(image) !== undefined ? undefined
      : `${image.publisher}:${image.offer}:${image.sku} is not a distribution the Azure Monitor Agent supports with this toolkit; use one of `
        + SUPPORTED_FORWARDER_DISTRIBUTIONS.map((candidate) => `${candidate.distribution} (${candidate.image.publisher}:${candidate.image.offer}:${candidate.image.sku})`).join(', '));
    const sized = props.vmSize !== undefined && props.instanceCount !== undefined;
    throwIfInvalid(this, 'expectedEventsPerSecond', props.expectedEventsPerSecond === undefined && !sized
      ? 'give expectedEventsPerSecond to size the forwarder, or both vmSize and instanceCount' : undefined);
    if (props.expectedEventsPerSecond !== undefined) {
      throwIfInvalid(this, 'expectedEventsPerSecond', props.expectedEventsPerSecond > 0 && Number.isFinite(props.expectedEventsPerSecond)
        ? undefined : `must be a positive number, got ${props.expectedEventsPerSecond}`);
    }
    if (props.headroomPercent !== undefined) {
      throwIfInvalid(this, 'headroomPercent', props.headroomPercent >= 0 && props.headroomPercent <= 400 ? undefined
        : `must be from 0 to 400, got ${props.headroomPercent}`);
    }
    if (props.instanceCount !== undefined) {
      throwIfInvalid(this, 'instanceCount', Number.isInteger(props.instanceCount) && props.instanceCount >= 1 && props.instanceCount <= MAX_INSTANCES
        ? undefined : `must be a whole number from 1 to ${MAX_INSTANCES}, got ${props.instanceCount}`);
    }
    const ports = [props.syslogPort, props.tls?.port].filter((port): port is number => port !== undefined);
    ports.forEach((port) => throwIfInvalid(this, port === props.syslogPort ? 'syslogPort' : 'tls.port',
      Number.isInteger(port) && port >= 1 && port <= 65535 && port !== 22 && port !== 28330 ? undefined
        : `must be a port from 1 to 65535 other than 22 (SSH) and 28330 (the agent's own listener), got ${port}`));
    throwIfInvalid(this, 'tls.port', props.tls?.port !== undefined && props.tls.port === (props.syslogPort ?? 514)
      ? 'must differ from syslogPort' : undefined);
  }
}
