import { forwarderMachines, forwarderNetwork } from './forwarder-machines';
import { describePorts, describeRule, internetSources, isInboundAllow, networkSecurityRules } from './network-security-rules';
import { PolicyInput, PolicyViolation } from './policy-input';

/**
 * A log forwarder reachable from the internet: a network security group on its network interface or subnet admits
 * inbound traffic from `*`, `Internet`, `Any`, `0.0.0.0/0` or `::/0`, or one of its network interfaces has a public
 * IP. Forwarders are those declared as such and every machine a rule with a syslog data source is associated with.
 */
export function checkForwarderOpenToInternet(input: PolicyInput): PolicyViolation[] {
  const rules = networkSecurityRules(input).filter(isInboundAllow);
  return forwarderMachines(input).flatMap((forwarder) => {
    const network = forwarderNetwork(input, forwarder);
    const where = { constructPath: forwarder.constructPath, resourceAddress: forwarder.resourceAddress };
    const openRules = rules.filter((rule) => rule.networkSecurityGroupAddress !== undefined
      && network.networkSecurityGroupAddresses.includes(rule.networkSecurityGroupAddress) && internetSources(rule).length > 0);
    return [
      ...openRules.map((rule) => ({
        ...where,
        message: `${describeRule(rule)} admits inbound ${describePorts(rule)} from "${internetSources(rule).join('", "')}" `
          + `to the forwarder ${forwarder.resourceAddress}; expected only the devices' own prefixes (e.g. "10.20.0.0/16")`,
      })),
      ...network.publicIpAttachments.map((attachment) => ({
        ...where,
        message: `${attachment} gives the forwarder ${forwarder.resourceAddress} a public IP; expected devices to reach it over a `
          + 'private network (VPN, ExpressRoute, peering) with no public IP',
      })),
    ];
  });
}
