import { Aspects, dependable, IAspect, ITerraformDependable, TerraformResource, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';

/** What a resource must depend on, asked when its stack synthesizes. */
interface Producer {
  readonly resource: TerraformResource;
  readonly produce: () => readonly ITerraformDependable[];
}

/**
 * Adds the dependencies of its stack's resources once every construct of the app exists: cdktf visits the stack first
 * when it synthesizes, before it validates and writes anything. Each dependency is added to the resource's own
 * `dependsOn` list, once, so that `depends_on` stays a plain list (an override appends to it as cdktf's overrides do).
 */
class LateDependencies implements IAspect {
  private static readonly byStack = new WeakMap<TerraformStack, LateDependencies>();

  public static of(stack: TerraformStack): LateDependencies {
    let aspect = LateDependencies.byStack.get(stack);
    if (aspect === undefined) {
      aspect = new LateDependencies(stack);
      LateDependencies.byStack.set(stack, aspect);
      Aspects.of(stack).add(aspect);
    }
    return aspect;
  }

  public readonly producers: Producer[] = [];
  private readonly added = new WeakMap<TerraformResource, Set<ITerraformDependable>>();

  private constructor(private readonly stack: TerraformStack) {}

  public visit(node: IConstruct): void {
    if (node === this.stack) {
      this.apply();
    }
  }

  /** Adds what the producers return now; what was added before is not added again. */
  public apply(): void {
    for (const { resource, produce } of this.producers) {
      const added = this.added.get(resource) ?? new Set<ITerraformDependable>();
      this.added.set(resource, added);
      for (const other of produce()) {
        // Only within the stack: a reference across stacks is an output of the other stack, not an edge of this graph.
        if (other !== resource && !added.has(other) && (!Construct.isConstruct(other) || TerraformStack.of(other) === this.stack)) {
          added.add(other);
          resource.dependsOn = [...(resource.dependsOn ?? []), dependable(other)];
        }
      }
    }
  }
}

/**
 * Adds the late dependencies of a stack's resources now, for a check that reads the stack before cdktf's Aspects run
 * (a validation run on its own). Harmless when they are in already.
 */
export function addLateDependencies(stack: TerraformStack): void {
  LateDependencies.of(stack).apply();
}

/**
 * Makes `resource` depend on what `produce` returns when the stack synthesizes, once every construct of the app
 * exists (a rule declared before the table it writes, a rule whose parser another solution installs).
 */
export function dependOnWhenSynthesized(resource: TerraformResource, produce: () => readonly ITerraformDependable[]): void {
  LateDependencies.of(TerraformStack.of(resource)).producers.push({ resource, produce });
}
