import { DocumentPath } from '../../model/solutions/yaml-source';

/**
 * A named entry of the config (a connector, a forwarder, a solution, the workspace itself) with where its properties
 * are written, so that a problem found later (by a construct, at synth) is reported at the right line.
 */
export interface ConfigEntry<T> {
  /** The entry's name: its construct id. */
  readonly name: string;
  /** The entry's value, with shared definitions merged and `.kql` files read. */
  readonly value: T;
  /** Where the entry is written. */
  readonly documentPath: DocumentPath;
  /** Where a top-level property of the entry is written (a shared definition, or the entry itself). */
  pathOf(property: string): DocumentPath;
  /** The `.kql` file the entry's `transformKql` was read from, as messages show it. */
  readonly transformFile?: string;
  /**
   * The `.kql` files of transformations inside the entry (a rule's `dataFlows[1].transformKqlFile`), each with where its
   * `transformKqlFile` is written.
   */
  readonly nestedTransformFiles?: ReadonlyArray<{ readonly documentPath: DocumentPath; readonly file: string }>;
}

/** An entry written in one place. */
export function entryAt<T>(name: string, value: T, documentPath: DocumentPath): ConfigEntry<T> {
  return { name, value, documentPath, pathOf: (property) => [...documentPath, property] };
}

/** The value at `path` inside a plain value, or undefined. */
export function valueAt(value: unknown, path: DocumentPath): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** The entries of an optional map section, in the order they are written. */
export function entriesOf<T>(section: Readonly<Record<string, T>> | undefined, documentPath: DocumentPath): Array<ConfigEntry<T>> {
  return Object.entries(section ?? {}).map(([name, value]) => entryAt(name, value, [...documentPath, name]));
}
