import ipaddr, { IPv4, IPv6 } from 'ipaddr.js';

/**
 * NSG source address prefixes as sets of addresses, so a change of prefixes can be judged by what it admits: a
 * widened rule admits addresses it did not before, a narrowed one stops admitting some. CIDRs of both families are
 * compared as ranges; `*`, `Any`, `0.0.0.0/0` and `::/0` admit every address; `Internet` admits every address that
 * any CIDR could name; other service tags (`VirtualNetwork`, `AzureLoadBalancer`, ...) only compare equal to themselves.
 */

/** One prefix, understood. */
type AddressPrefix =
  | { readonly kind: 'everything' }
  | { readonly kind: 'internet' }
  | { readonly kind: 'range'; readonly family: 4 | 6; readonly first: bigint; readonly last: bigint; readonly prefixLength: number }
  | { readonly kind: 'tag'; readonly tag: string };

const EVERYTHING = new Set(['*', 'any', '0.0.0.0/0', '::/0']);

/** An address's bytes as one number. */
function addressValue(address: IPv4 | IPv6): bigint {
  return address.toByteArray().reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

/** Understands one prefix as Azure accepts it in an NSG rule: a CIDR or an address of either family, or a tag. */
export function parseAddressPrefix(text: string): AddressPrefix {
  const prefix = text.trim();
  if (EVERYTHING.has(prefix.toLowerCase())) {
    return { kind: 'everything' };
  }
  if (prefix.toLowerCase() === 'internet') {
    return { kind: 'internet' };
  }
  let address: IPv4 | IPv6;
  let prefixLength: number;
  try {
    [address, prefixLength] = prefix.includes('/') ? ipaddr.parseCIDR(prefix) : [ipaddr.parse(prefix), Number.NaN];
  } catch {
    return { kind: 'tag', tag: prefix.toLowerCase() };
  }
  // ipaddr.js also reads the old shorthands (`10.1`, octal, hexadecimal) that Azure refuses: only dotted decimal.
  if (address.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(prefix.split('/')[0])) {
    return { kind: 'tag', tag: prefix.toLowerCase() };
  }
  const family = address.kind() === 'ipv4' ? 4 : 6;
  const bits = family === 4 ? 32 : 128;
  const hostBits = BigInt(bits - (Number.isNaN(prefixLength) ? bits : prefixLength));
  const first = (addressValue(address) >> hostBits) << hostBits;
  return { kind: 'range', family, first, last: first + (1n << hostBits) - 1n, prefixLength: bits - Number(hostBits) };
}

/** True when the prefixes of `set` admit every address that `prefix` admits. */
function covers(set: readonly AddressPrefix[], prefix: AddressPrefix): boolean {
  if (set.some((member) => member.kind === 'everything')) {
    return true;
  }
  switch (prefix.kind) {
    case 'everything':
      return false;
    case 'internet':
      return set.some((member) => member.kind === 'internet');
    case 'tag':
      return set.some((member) => member.kind === 'tag' && member.tag === prefix.tag);
    case 'range': {
      if (set.some((member) => member.kind === 'internet')) {
        return true;
      }
      const ranges = set.filter((member): member is Extract<AddressPrefix, { kind: 'range' }> => member.kind === 'range' && member.family === prefix.family)
        .sort((left, right) => (left.first < right.first ? -1 : left.first > right.first ? 1 : 0));
      let next = prefix.first;
      for (const range of ranges) {
        if (range.first > next) {
          break;
        }
        if (range.last >= next) {
          next = range.last + 1n;
        }
        if (next > prefix.last) {
          return true;
        }
      }
      return false;
    }
  }
}

/** How a change of prefixes changes what they admit. */
export interface AddressPrefixChange {
  /** Prefixes of `after` that admit addresses `before` did not (empty when not widened). */
  readonly widenedBy: string[];
  /** Prefixes of `before` whose addresses `after` no longer all admits (empty when not narrowed). */
  readonly narrowedBy: string[];
}

/** Compares two lists of NSG source prefixes by the addresses they admit. */
export function compareAddressPrefixes(before: readonly string[], after: readonly string[]): AddressPrefixChange {
  const parsedBefore = before.map(parseAddressPrefix);
  const parsedAfter = after.map(parseAddressPrefix);
  return {
    widenedBy: after.filter((_, index) => !covers(parsedBefore, parsedAfter[index])),
    narrowedBy: before.filter((_, index) => !covers(parsedAfter, parsedBefore[index])),
  };
}

/**
 * True when a prefix admits every address of the internet (`*`, `Any`, `Internet`, `0.0.0.0/0`, `::/0`, and any other
 * CIDR of length 0, such as `10.0.0.0/0`).
 */
export function admitsInternet(prefix: string): boolean {
  const parsed = parseAddressPrefix(prefix);
  return parsed.kind === 'everything' || parsed.kind === 'internet' || (parsed.kind === 'range' && parsed.prefixLength === 0);
}
