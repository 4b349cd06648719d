import { parseAddressPrefix } from '../network/address-prefixes';

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/(\d{1,2}))?$/;

/** Checks that a prefix is an IPv4 address or CIDR, or a service tag; returns a message when it is neither. */
export function checkSourcePrefix(prefix: string): string | undefined {
  const match = IPV4_CIDR.exec(prefix);
  if (match !== null) {
    const octetsValid = match.slice(1, 5).every((octet) => Number(octet) <= 255);
    const lengthValid = match[6] === undefined || Number(match[6]) <= 32;
    return octetsValid && lengthValid ? undefined : `"${prefix}" is not a valid IPv4 address or CIDR`;
  }
  if (prefix.includes(':')) {
    return parseAddressPrefix(prefix).kind === 'range' ? undefined : `"${prefix}" is not a valid IPv6 address or CIDR`;
  }
  if (/^[A-Za-z][A-Za-z0-9.]*$/.test(prefix) || prefix === '*') {
    return undefined;
  }
  return `"${prefix}" is neither an IPv4 address or CIDR (10.1.0.0/16) nor a service tag (VirtualNetwork)`;
}
