import { Lazy, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * What this toolkit records in each synthesized stack under `//.sentinel`, so that tools (the `connectors` command,
 * the emulator, the `review` command) can read connectors, forwarders, policy findings and intended replacements from the Terraform JSON
 * alone. Terraform ignores `//` keys. `policy` holds one object (`{ findings }`); the other sections are lists.
 */
export type StackMetadataSection = 'connectors' | 'forwarders' | 'policy' | 'intendedReplacements';

/** Sections that hold one value, set with {@link setStackMetadata}, rather than a list of entries. */
const SINGLE_VALUE_SECTIONS: ReadonlySet<StackMetadataSection> = new Set(['policy']);

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
      produce: () => Object.fromEntries([...created].map(([name, producers]) => [name,
        SINGLE_VALUE_SECTIONS.has(name) ? producers[producers.length - 1]() : producers.map((entry) => entry())])),
    }));
  }
  const producers = sections.get(section) ?? [];
  producers.push(produce);
  sections.set(section, producers);
}

/** Sets a single-value section of `//.sentinel` (e.g. `policy`) in the stack of `scope`, replacing an earlier value. */
export function setStackMetadata(scope: IConstruct, section: StackMetadataSection, produce: () => unknown): void {
  recordInStackMetadata(scope, section, produce);
  const producers = sectionsByStack.get(TerraformStack.of(scope))?.get(section) ?? [];
  producers.splice(0, producers.length - 1);
}
