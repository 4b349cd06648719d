import { admitsInternet, parseAddressPrefix } from '../network/address-prefixes';
import { admitsPort, carriesProtocol, describeRule, isInboundAllow, networkSecurityRules } from './network-security-rules';
import { PolicyInput, PolicyViolation, violationAt } from './policy-input';
import { describeSshAccess, SSH_PORT } from './ssh-open-to-internet';

/** The widest IPv4 prefix accepted as an SSH source: a /16 holds 65,536 addresses. */
export const WIDEST_SSH_IPV4_PREFIX_LENGTH = 16;

/** The widest IPv6 prefix accepted as an SSH source: a /48 is one site. */
export const WIDEST_SSH_IPV6_PREFIX_LENGTH = 48;

/**
 * SSH open to a wide range: a network security rule that admits inbound TCP 22 from an IPv4 prefix shorter than /16
 * or an IPv6 prefix shorter than /48 (but not the whole internet, which {@link checkSshOpenToInternet} reports).
 */
export function checkSshOpenToWideRange(input: PolicyInput): PolicyViolation[] {
  return networkSecurityRules(input)
    .filter((rule) => isInboundAllow(rule) && carriesProtocol(rule, 'Tcp') && admitsPort(rule, SSH_PORT))
    .flatMap((rule) => {
      const wide = rule.sourceAddressPrefixes.filter(isWidePrefix);
      return wide.length === 0 ? [] : [violationAt(rule.declaredBy, `${describeRule(rule)} admits ${describeSshAccess(rule)} `
        + `from "${wide.join('", "')}"; expected IPv4 prefixes of /${WIDEST_SSH_IPV4_PREFIX_LENGTH} `
        + `or longer (IPv6 /${WIDEST_SSH_IPV6_PREFIX_LENGTH} or longer), ideally the administrators' own addresses`)];
    });
}

/** True for a CIDR wider than the limits above that is not the whole internet. */
export function isWidePrefix(prefix: string): boolean {
  const parsed = parseAddressPrefix(prefix);
  if (parsed.kind !== 'range' || admitsInternet(prefix)) {
    return false;
  }
  return parsed.prefixLength < (parsed.family === 6 ? WIDEST_SSH_IPV6_PREFIX_LENGTH : WIDEST_SSH_IPV4_PREFIX_LENGTH);
}
