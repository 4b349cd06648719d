import {
  admitsPort, carriesProtocol, describePorts, describeRule, internetSources, isInboundAllow, NetworkSecurityRule, networkSecurityRules,
} from './network-security-rules';
import { PolicyInput, PolicyViolation, violationAt } from './policy-input';

/** The SSH port. */
export const SSH_PORT = 22;

/**
 * SSH open to the internet: a network security rule that admits inbound TCP 22 (alone, in a range, or as `*`) from
 * `*`, `Internet`, `Any`, `0.0.0.0/0` or `::/0`.
 */
export function checkSshOpenToInternet(input: PolicyInput): PolicyViolation[] {
  return networkSecurityRules(input)
    .filter((rule) => isInboundAllow(rule) && carriesProtocol(rule, 'Tcp') && admitsPort(rule, SSH_PORT))
    .filter((rule) => internetSources(rule).length > 0)
    .map((rule) => violationAt(rule.declaredBy, `${describeRule(rule)} admits ${describeSshAccess(rule)} from `
      + `"${internetSources(rule).join('", "')}"; expected the administrators' own prefixes, or Azure Bastion`));
}

/** What an SSH rule admits: `inbound SSH (TCP 22)`, or `inbound TCP 20-30, which includes SSH (TCP 22)`. */
export function describeSshAccess(rule: NetworkSecurityRule): string {
  const exactly = rule.destinationPortRanges.length === 1 && rule.destinationPortRanges[0].trim() === String(SSH_PORT)
    && rule.protocol?.toLowerCase() === 'tcp';
  return exactly ? `inbound SSH (TCP ${SSH_PORT})` : `inbound ${describePorts(rule)}, which includes SSH (TCP ${SSH_PORT}),`;
}
