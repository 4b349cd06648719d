import { TerraformResourceEntry } from '../../emulator/topology/terraform-document';
import { admitsInternet, compareAddressPrefixes } from '../../model/network/address-prefixes';
import { unifiedLineDiff } from './kql-diff';
import { inlineCode } from './markdown-text';
import { Interpretation, nameOf, ResourceMeaning, stringArgument } from './resource-meaning';
import { ReviewDetail, ReviewNote } from './review-change';
import { sameValue } from './resource-pairs';

/** An NSG security rule, as a `security_rule` block or an `azurerm_network_security_rule` resource writes it. */
interface SecurityRule {
  name?: string;
  direction?: string;
  access?: string;
  protocol?: string;
  priority?: number;
  source_address_prefix?: string | null;
  source_address_prefixes?: string[] | null;
  destination_port_range?: string | null;
  destination_port_ranges?: string[] | null;
}

function sourcesOf(rule: SecurityRule): string[] {
  return rule.source_address_prefixes ?? (rule.source_address_prefix === undefined || rule.source_address_prefix === null ? [] : [rule.source_address_prefix]);
}

function portsOf(rule: SecurityRule): string[] {
  return rule.destination_port_ranges ?? (rule.destination_port_range === undefined || rule.destination_port_range === null ? [] : [rule.destination_port_range]);
}

const code = (values: readonly string[]) => values.map(inlineCode).join(', ');

function describeRule(rule: SecurityRule): string {
  return `${rule.direction ?? 'Inbound'} ${rule.access ?? 'Allow'} ${rule.protocol ?? '*'} to port ${code(portsOf(rule))} `
    + `from ${code(sourcesOf(rule))} (priority ${String(rule.priority ?? '?')})`;
}

/** An inbound allow rule that admits the internet: worth a warning wherever it appears. */
function opensToInternet(rule: SecurityRule): boolean {
  return (rule.direction ?? 'Inbound') === 'Inbound' && (rule.access ?? 'Allow') === 'Allow' && sourcesOf(rule).some(admitsInternet);
}

/** What a change of one security rule means: sources widened or narrowed by the addresses they admit, ports, access. */
export function securityRuleNotes(where: string, before: SecurityRule, after: SecurityRule): ReviewNote[] {
  const notes: ReviewNote[] = [];
  const allowsInbound = (after.direction ?? 'Inbound') === 'Inbound' && (after.access ?? 'Allow') === 'Allow';
  const { widenedBy, narrowedBy } = compareAddressPrefixes(sourcesOf(before), sourcesOf(after));
  if (widenedBy.length > 0) {
    const internet = widenedBy.some(admitsInternet);
    const verb = allowsInbound ? 'admits' : 'matches';
    notes.push({
      text: `${where}: sources widened (${code(sourcesOf(before))} → ${code(sourcesOf(after))}): now ${verb} `
        + (internet ? 'the whole internet' : `addresses of ${code(widenedBy)} it did not`),
      warning: allowsInbound,
    });
  }
  if (narrowedBy.length > 0) {
    notes.push({ text: `${where}: sources narrowed (${code(sourcesOf(before))} → ${code(sourcesOf(after))}): no longer `
      + `${allowsInbound ? 'admits' : 'matches'} every address of ${code(narrowedBy)}` });
  }
  if (widenedBy.length === 0 && narrowedBy.length === 0 && !sameValue(sourcesOf(before), sourcesOf(after))) {
    notes.push({ text: `${where}: sources rewritten (${code(sourcesOf(before))} → ${code(sourcesOf(after))}), admitting the same addresses` });
  }
  if (!sameValue(portsOf(before), portsOf(after))) {
    notes.push({ text: `${where}: destination ports ${code(portsOf(before))} → ${code(portsOf(after))}`, warning: allowsInbound });
  }
  for (const field of ['direction', 'access', 'protocol', 'priority'] as const) {
    if (before[field] !== after[field]) {
      notes.push({ text: `${where}: ${field} ${String(before[field])} → ${String(after[field])}`, warning: field === 'access' && allowsInbound });
    }
  }
  return notes;
}

function securityRulesOf(resource: TerraformResourceEntry): SecurityRule[] {
  return (resource.arguments.security_rule as SecurityRule[] | undefined) ?? [];
}

function networkSecurityGroupInterpretation(base: TerraformResourceEntry, head: TerraformResourceEntry): Interpretation {
  const before = securityRulesOf(base);
  const after = securityRulesOf(head);
  const notes: ReviewNote[] = [];
  for (const rule of after) {
    const where = `rule ${inlineCode(rule.name ?? '?')}`;
    const previous = before.find((candidate) => candidate.name === rule.name);
    notes.push(...(previous === undefined ? [{ text: `${where} added: ${describeRule(rule)}`, warning: opensToInternet(rule) }]
      : securityRuleNotes(where, previous, rule)));
  }
  for (const rule of before.filter((candidate) => !after.some((other) => other.name === candidate.name))) {
    notes.push({ text: `rule ${inlineCode(rule.name ?? '?')} removed: ${describeRule(rule)}`, warning: rule.access === 'Deny' });
  }
  return { notes, details: [], covered: ['security_rule'] };
}

/** Network security groups of forwarders: their rules by name. */
export const networkSecurityGroupMeaning: ResourceMeaning = {
  group: 'forwarders',
  subject: (resource) => `network security group ${inlineCode(nameOf(resource))}`,
  summary: (resource) => securityRulesOf(resource).map((rule) => ({
    text: `rule ${inlineCode(rule.name ?? '?')}: ${describeRule(rule)}`, warning: opensToInternet(rule),
  })),
  changed: networkSecurityGroupInterpretation,
};

/** A security rule kept as its own resource. */
export const networkSecurityRuleMeaning: ResourceMeaning = {
  group: 'forwarders',
  subject: (resource) => `network security rule ${inlineCode(nameOf(resource))}`,
  summary: (resource) => [{ text: describeRule(resource.arguments as SecurityRule), warning: opensToInternet(resource.arguments as SecurityRule) }],
  changed: (base, head) => ({
    notes: securityRuleNotes('rule', base.arguments as SecurityRule, head.arguments as SecurityRule),
    details: [],
    covered: ['direction', 'access', 'protocol', 'priority', 'source_address_prefix', 'source_address_prefixes', 'destination_port_range',
      'destination_port_ranges'],
  }),
};

/** The cloud-init of a machine, decoded from `custom_data` (base64) when it is a literal. */
function cloudInitOf(resource: TerraformResourceEntry): string | undefined {
  const value = stringArgument(resource, 'custom_data');
  return value === undefined || value.includes('${') ? value : Buffer.from(value, 'base64').toString('utf8');
}

function machineInterpretation(subject: string, base: TerraformResourceEntry, head: TerraformResourceEntry): Interpretation {
  const notes: ReviewNote[] = [];
  const details: ReviewDetail[] = [];
  const sizeField = head.type.endsWith('_scale_set') ? 'sku' : 'size';
  if (base.arguments[sizeField] !== head.arguments[sizeField]) {
    notes.push({ text: `size ${inlineCode(String(base.arguments[sizeField]))} → ${inlineCode(String(head.arguments[sizeField]))}: `
      + 'the machine restarts to resize' });
  }
  if (head.arguments.instances !== base.arguments.instances) {
    notes.push({ text: `instances ${String(base.arguments.instances)} → ${String(head.arguments.instances)}` });
  }
  if (!sameValue(base.arguments.source_image_reference, head.arguments.source_image_reference)) {
    notes.push({ text: `image ${inlineCode(JSON.stringify(base.arguments.source_image_reference))} → `
      + `${inlineCode(JSON.stringify(head.arguments.source_image_reference))}: Terraform re-creates the machine`, warning: true });
  }
  const cloudInitBefore = cloudInitOf(base);
  const cloudInitAfter = cloudInitOf(head);
  if (cloudInitBefore !== cloudInitAfter) {
    notes.push({ text: 'cloud-init (rsyslog configuration) changed: Terraform re-creates the machine (diff in Details)', warning: true });
    details.push({ title: `${subject}: cloud-init`, language: 'diff', text: unifiedLineDiff(cloudInitBefore ?? '', cloudInitAfter ?? '') });
  }
  return { notes, details, covered: [sizeField, 'instances', 'source_image_reference', 'custom_data'] };
}

/** Forwarder machines: size, instances, image, cloud-init. */
export const forwarderMachineMeaning: ResourceMeaning = {
  group: 'forwarders',
  subject: (resource) => `forwarder ${resource.type.endsWith('_scale_set') ? 'scale set' : 'VM'} ${inlineCode(nameOf(resource))}`,
  summary: (resource) => [{ text: `size ${inlineCode(String(resource.arguments.size ?? resource.arguments.sku))}`
    + (resource.arguments.instances === undefined ? '' : `, ${String(resource.arguments.instances)} instances`) }],
  changed: (base, head) => machineInterpretation(forwarderMachineMeaning.subject(head, { base: new Map(), head: new Map() }), base, head),
};
