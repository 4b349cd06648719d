import { TerraformResourceEntry, wholeReference } from '../../emulator/topology/terraform-document';
import { inlineCode } from './markdown-text';
import { nameOf, ResourceMeaning, ReviewContext } from './resource-meaning';

/** The Azure name of the resource a reference argument points at, or the argument's last path segment. */
function referencedName(resource: TerraformResourceEntry, argument: string, context: ReviewContext): string {
  const value = resource.arguments[argument];
  const address = wholeReference(value)?.address;
  const target = address === undefined ? undefined : context.head.get(address) ?? context.base.get(address);
  return target !== undefined ? nameOf(target) : typeof value === 'string' ? value.split('/').pop() ?? value : '?';
}

/** What an association links: `rule \`x\`` or `endpoint \`x\``. */
function associated(resource: TerraformResourceEntry, context: ReviewContext): string {
  return resource.arguments.data_collection_rule_id === undefined
    ? `endpoint ${inlineCode(referencedName(resource, 'data_collection_endpoint_id', context))}`
    : `rule ${inlineCode(referencedName(resource, 'data_collection_rule_id', context))}`;
}

/** Rule associations: which machine applies which rule (or which endpoint). */
export const dataCollectionRuleAssociationMeaning: ResourceMeaning = {
  group: 'rules-and-transforms',
  subject: (resource, context) => `data collection rule association: ${associated(resource, context)} on `
    + inlineCode(referencedName(resource, 'target_resource_id', context)),
  summary: (_resource, _context, kind) => (kind === 'removed' ? [{ text: 'the machine stops applying it: those events are no longer collected', warning: true }] : []),
};

/** Data collection endpoints. */
export const dataCollectionEndpointMeaning: ResourceMeaning = {
  group: 'rules-and-transforms',
  subject: (resource) => `data collection endpoint ${inlineCode(nameOf(resource))}`,
};
