import { templateSequences } from '../terraform/template-text';

/**
 * The dependency graph Terraform builds from a synthesized stack (`cdk.tf.json`): a resource depends on what its
 * `depends_on` lists and on every resource an expression of its arguments refers to (`${azurerm_x.y.id}`, also inside
 * longer expressions and `%{...}` directives). Terraform creates a resource only after everything it depends on,
 * transitively; resources without a path between them are created in parallel.
 */

/** A resource of the document. */
export interface GraphResource {
  /** `<type>.<name>`. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  /** Its arguments, `//` metadata and `depends_on` left out. */
  readonly arguments: Readonly<Record<string, unknown>>;
  /** The construct path cdktf records under `//.metadata.path`, when present. */
  readonly constructPath?: string;
}

/** `type.name` pairs inside an expression (also the first two parts of `type.name.attribute[0].x`). */
const ADDRESS_IN_EXPRESSION = /(?<![A-Za-z0-9_.-])([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z0-9_-]+)/g;

/** The dependency graph of one synthesized stack. */
export class TerraformGraph {
  /** The graph of a synthesized document (`{ resource: { <type>: { <name>: {...} } } }`). */
  public static of(document: unknown): TerraformGraph {
    return new TerraformGraph(resourcesOfDocument(document));
  }

  public readonly resources: readonly GraphResource[];
  private readonly byAddress: ReadonlyMap<string, GraphResource>;
  private readonly dependencies = new Map<string, ReadonlySet<string>>();
  private readonly explicit: ReadonlyMap<string, readonly string[]>;
  private readonly closures = new Map<string, ReadonlySet<string>>();

  private constructor(entries: ReadonlyArray<GraphResource & { readonly dependsOn: readonly string[] }>) {
    this.resources = entries.map(({ dependsOn: _dependsOn, ...resource }) => resource);
    this.byAddress = new Map(this.resources.map((resource) => [resource.address, resource]));
    this.explicit = new Map(entries.map((entry) => [entry.address, entry.dependsOn]));
  }

  public resource(address: string): GraphResource | undefined {
    return this.byAddress.get(address);
  }

  /** The resources of some types, in document order. */
  public ofType(...types: string[]): GraphResource[] {
    return this.resources.filter((resource) => types.includes(resource.type));
  }

  /** What a resource depends on directly: its `depends_on` and the resources its arguments refer to. */
  public directDependencies(address: string): ReadonlySet<string> {
    let found = this.dependencies.get(address);
    if (found === undefined) {
      const resource = this.byAddress.get(address);
      const set = new Set<string>();
      for (const entry of this.explicit.get(address) ?? []) {
        if (this.byAddress.has(entry)) {
          set.add(entry);
        }
      }
      if (resource !== undefined) {
        for (const referenced of this.referencedAddresses(resource.arguments)) {
          set.add(referenced);
        }
      }
      set.delete(address);
      found = set;
      this.dependencies.set(address, found);
    }
    return found;
  }

  /** Every resource Terraform creates before `address`. */
  public dependenciesOf(address: string): ReadonlySet<string> {
    const cached = this.closures.get(address);
    if (cached !== undefined) {
      return cached;
    }
    const seen = new Set<string>();
    const pending = [...this.directDependencies(address)];
    while (pending.length > 0) {
      const next = pending.pop() as string;
      if (!seen.has(next)) {
        seen.add(next);
        pending.push(...this.directDependencies(next));
      }
    }
    this.closures.set(address, seen);
    return seen;
  }

  /** True when Terraform creates `required` before `dependent`. */
  public orders(dependent: string, required: string): boolean {
    return this.dependenciesOf(dependent).has(required);
  }

  /** The addresses of the document's resources that the expressions in a value refer to. */
  public referencedAddresses(value: unknown): Set<string> {
    const found = new Set<string>();
    visitStrings(value, (text) => {
      for (const sequence of templateSequences(text)) {
        for (const match of sequence.expression.matchAll(ADDRESS_IN_EXPRESSION)) {
          const address = `${match[1]}.${match[2]}`;
          if (this.byAddress.has(address)) {
            found.add(address);
          }
        }
      }
    });
    return found;
  }
}

/** Calls `visit` on every string inside a value (object keys included: a map key can hold an expression). */
export function visitStrings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') {
    visit(value);
  } else if (Array.isArray(value)) {
    value.forEach((item) => visitStrings(item, visit));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      visit(key);
      visitStrings(child, visit);
    }
  }
}

function resourcesOfDocument(document: unknown): Array<GraphResource & { readonly dependsOn: readonly string[] }> {
  const byType = isRecord(document) && isRecord(document.resource) ? document.resource : {};
  return Object.entries(byType).flatMap(([type, byName]) => Object.entries(isRecord(byName) ? byName : {}).map(([name, body]) => {
    const { '//': comment, depends_on: dependsOn, ...rest } = isRecord(body) ? body : {};
    const constructPath = isRecord(comment) && isRecord(comment.metadata) && typeof comment.metadata.path === 'string'
      ? comment.metadata.path : undefined;
    return {
      address: `${type}.${name}`, type, name, arguments: rest,
      dependsOn: Array.isArray(dependsOn) ? dependsOn.filter((entry): entry is string => typeof entry === 'string') : [],
      ...(constructPath === undefined ? {} : { constructPath }),
    };
  }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
