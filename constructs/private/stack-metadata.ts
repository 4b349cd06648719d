import { Lazy, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * What this toolkit records in each synthesized stack under `//.sentinel`, so that tools (the `connectors` command,
 * the emulator) can read connectors and forwarders from the Terraform JSON alone. Terraform ignores `//` keys.
 */
export type StackMetadataSection = 'connectors' | 'forwarders';

const sectionsByStack = new WeakMap<TerraformStack, Map<StackMetadataSection, Array<() => unknown>>>();

/** Adds an entry to a section of `//.sentinel` in the stack of `scope`; `produce` runs when the stack synthesizes. */
export function recordInStackMetadata(scope: IConstruct, section: StackMetadataSection, produce: () => unknown): void {
  const stack = TerraformStack.of(scope);
  let sections = sectionsByStack.get(stack);
  if (sections === undefined) {
    const created = new Map<StackMetadataSection, Array<() => unknown>>();
    sections = created;
    sectionsByStack.set(stack, created);
    stack.addOverride('//.sentinel', Lazy.anyValue({
      produce: () => Object.fromEntries([...created].map(([name, producers]) => [name, producers.map((entry) => entry())])),
    }));
  }
  const producers = sections.get(section) ?? [];
  producers.push(produce);
  sections.set(section, producers);
}
