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
  | { readonly kind: 'range'; readonly family: 4 | 6; readonly first: bigint; readonly last: bigint }
  | { readonly kind: 'tag'; readonly tag: string };

const EVERYTHING = new Set(['*', 'any', '0.0.0.0/0', '::/0']);

/** Parses an IPv4 address into a number, or undefined. */
function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) {
    return undefined;
  }
  return parts.reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

/** Parses an IPv6 address (with `::` and an optional trailing IPv4 part) into a number, or undefined. */
function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) {
    return undefined;
  }
  const groups = (half: string): string[] | undefined => {
    if (half === '') {
      return [];
    }
    const parts = half.split(':');
    const last = parts[parts.length - 1];
    if (last.includes('.')) {
      const ipv4 = parseIpv4(last);
      if (ipv4 === undefined) {
        return undefined;
      }
      parts.splice(parts.length - 1, 1, (ipv4 >> 16n).toString(16), (ipv4 & 0xffffn).toString(16));
    }
    return parts.every((part) => /^[0-9a-f]{1,4}$/i.test(part)) ? parts : undefined;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (head === undefined || tail === undefined) {
    return undefined;
  }
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) {
    return undefined;
  }
  return [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail]
    .reduce((value, part) => (value << 16n) | BigInt(parseInt(part, 16)), 0n);
}

/** Understands one prefix as Azure accepts it in an NSG rule. */
export function parseAddressPrefix(text: string): AddressPrefix {
  const prefix = text.trim();
  if (EVERYTHING.has(prefix.toLowerCase())) {
    return { kind: 'everything' };
  }
  if (prefix.toLowerCase() === 'internet') {
    return { kind: 'internet' };
  }
  const [address, length, ...rest] = prefix.split('/');
  const family = address.includes(':') ? 6 : 4;
  const value = family === 4 ? parseIpv4(address) : parseIpv6(address);
  const bits = family === 4 ? 32 : 128;
  const prefixLength = length === undefined ? bits : /^\d{1,3}$/.test(length) ? Number(length) : Number.NaN;
  if (value === undefined || rest.length > 0 || !(prefixLength >= 0 && prefixLength <= bits)) {
    return { kind: 'tag', tag: prefix.toLowerCase() };
  }
  const hostBits = BigInt(bits - prefixLength);
  const first = (value >> hostBits) << hostBits;
  return { kind: 'range', family, first, last: first + (1n << hostBits) - 1n };
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

/** True when a prefix admits every address of the internet (`*`, `Any`, `Internet`, `0.0.0.0/0`, `::/0`). */
export function admitsInternet(prefix: string): boolean {
  const parsed = parseAddressPrefix(prefix);
  return parsed.kind === 'everything' || parsed.kind === 'internet';
}
