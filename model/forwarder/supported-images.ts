/** A marketplace image of a Linux distribution. */
export interface ForwarderImageReference {
  readonly publisher: string;
  readonly offer: string;
  readonly sku: string;
  /** @default 'latest' */
  readonly version?: string;
}

/** A distribution the Azure Monitor Agent supports, with the marketplace image used for it. */
export interface SupportedDistribution {
  readonly distribution: string;
  readonly image: Required<ForwarderImageReference>;
}

/**
 * Distributions that the Azure Monitor Agent supports on x64 (Azure Monitor, "Azure Monitor Agent supported operating
 * systems") and that ship rsyslog, with their Azure marketplace images.
 */
export const SUPPORTED_FORWARDER_DISTRIBUTIONS: readonly SupportedDistribution[] = [
  { distribution: 'Ubuntu 24.04', image: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' } },
  { distribution: 'Ubuntu 22.04', image: { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2', version: 'latest' } },
  { distribution: 'Ubuntu 20.04', image: { publisher: 'Canonical', offer: '0001-com-ubuntu-server-focal', sku: '20_04-lts-gen2', version: 'latest' } },
  { distribution: 'Debian 12', image: { publisher: 'Debian', offer: 'debian-12', sku: '12-gen2', version: 'latest' } },
  { distribution: 'Debian 11', image: { publisher: 'Debian', offer: 'debian-11', sku: '11-gen2', version: 'latest' } },
  { distribution: 'Red Hat Enterprise Linux 9', image: { publisher: 'RedHat', offer: 'RHEL', sku: '9-lvm-gen2', version: 'latest' } },
  { distribution: 'Red Hat Enterprise Linux 8', image: { publisher: 'RedHat', offer: 'RHEL', sku: '8-lvm-gen2', version: 'latest' } },
  { distribution: 'AlmaLinux 9', image: { publisher: 'almalinux', offer: 'almalinux-x86_64', sku: '9-gen2', version: 'latest' } },
  { distribution: 'SUSE Linux Enterprise Server 15 SP5', image: { publisher: 'SUSE', offer: 'sles-15-sp5', sku: 'gen2', version: 'latest' } },
];

/** The supported distribution an image reference is, or undefined (compared without case, version ignored). */
export function supportedDistributionOf(image: ForwarderImageReference): SupportedDistribution | undefined {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return SUPPORTED_FORWARDER_DISTRIBUTIONS.find((candidate) => same(candidate.image.publisher, image.publisher)
    && same(candidate.image.offer, image.offer) && same(candidate.image.sku, image.sku));
}
