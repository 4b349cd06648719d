import { SolutionLoadError } from '../../model/solutions/solution-problem';
import { DocumentPath, formatDocumentPath } from '../../model/solutions/yaml-source';
import { ConfigEntry, valueAt } from './config-entry';
import { ConfigProblem } from './config-error';
import { ConfigSource } from './config-source';

/** `[<construct path>] <text>`, as constructs and cdktf word their errors and warnings. */
const CONSTRUCT_MESSAGE = /^\s*\[([^\]]+)\] (.*)$/;

/** `field: message`, the start of every message of this toolkit's constructs (`a, b: ...` when several fields). */
const FIELD_MESSAGE = /^([A-Za-z_$][\w$.[\]-]*)(?:, [A-Za-z_$][\w$.[\]-]*)*: (.*)$/;

/** `<construct path>: <message>`, as the policy words a finding in its stack's validation. */
const NESTED_CONSTRUCT_MESSAGE = /^([\w.-]+(?:\/[\w.-]+)+): (.*)$/;

/** A Kusto diagnostic, `line L, column C: message (CODE)`. */
const KQL_POSITION = /^line (\d+), column (\d+): (.*)$/;

/**
 * Knows which config entry made which construct, so that what a construct says (a `ConfigurationError`, a validation
 * error or a warning at synth, `[<construct path>] <field>: <message>`) is reported at the line of the config value it
 * came from: the field's value when the entry writes it (in a shared definition, or a `.kql` file with the Kusto
 * position), else the entry.
 */
export class ConfigLocator {
  private readonly entries = new Map<string, ConfigEntry<unknown>>();
  private readonly fieldResolvers = new Map<string, (field: string) => DocumentPath | undefined>();

  constructor(private readonly source: ConfigSource) {}

  /** Records that the construct at `constructPath` was made from `entry`. */
  public register(constructPath: string, entry: ConfigEntry<unknown>): void {
    this.entries.set(constructPath, entry);
  }

  /**
   * Records where the fields a construct names in its messages are written, for fields that are not properties of one
   * entry (the policy suppressions of a stack, gathered from the top level and the workspace).
   */
  public registerFields(constructPath: string, resolve: (field: string) => DocumentPath | undefined): void {
    this.fieldResolvers.set(constructPath, resolve);
  }

  /** The problems an error thrown while building `entry` stands for. */
  public problemsOfBuildError(error: unknown, entry: ConfigEntry<unknown>, constructPath: string): ConfigProblem[] {
    // A solution's problems are at the lines of its own files, whether the solution threw them or its construct did.
    const solutionError = error instanceof SolutionLoadError ? error : (error as Error | undefined)?.cause;
    if (solutionError instanceof SolutionLoadError) {
      return solutionError.problems.filter((problem) => problem.severity === 'error').map((problem) => ({
        file: problem.file, line: problem.line ?? 1, column: problem.column ?? 1, path: problem.path ?? '', message: problem.message,
      }));
    }
    const text = error instanceof Error ? error.message : String(error);
    const match = CONSTRUCT_MESSAGE.exec(text.split('\n')[0]);
    return [match === null ? this.problemAtEntry(entry, constructPath, text.split('\n')[0]) : this.problemOf(match[1], match[2])];
  }

  /** The problems of a failed cdktf validation or synthesis: one per `[<construct path>] ...` line. */
  public problemsOfSynthError(error: unknown): ConfigProblem[] {
    const text = error instanceof Error ? error.message : String(error);
    const problems = text.split('\n').flatMap((line) => {
      const match = CONSTRUCT_MESSAGE.exec(line);
      return match === null ? [] : [this.problemOf(match[1], match[2])];
    });
    if (problems.length === 0) {
      throw error;
    }
    return problems;
  }

  /** A problem for `text` (`field: message`, or any message) that the construct at `constructPath` reports. */
  public problemOf(constructPath: string, text: string): ConfigProblem {
    const nested = NESTED_CONSTRUCT_MESSAGE.exec(text);
    if (nested !== null) {
      return this.problemOf(nested[1], nested[2]);
    }
    const resolvedField = FIELD_MESSAGE.exec(text);
    const resolvedPath = resolvedField === null ? undefined : this.fieldResolvers.get(constructPath)?.(resolvedField[1]);
    if (resolvedField !== null && resolvedPath !== undefined) {
      return this.source.problemAt(resolvedPath, resolvedField[2]);
    }
    const { entry, entryPath } = this.entryOf(constructPath);
    if (entry === undefined) {
      return { file: this.source.file, line: 1, column: 1, path: '', message: `[${constructPath}] ${text}` };
    }
    const fieldMatch = FIELD_MESSAGE.exec(text);
    if (fieldMatch === null) {
      return this.problemAtEntry(entry, constructPath, text, entryPath);
    }
    const [, field, message] = fieldMatch;
    const documentPath = this.documentPathOf(entry, field);
    if (documentPath === undefined) {
      return this.problemAtEntry(entry, constructPath, text, entryPath);
    }
    const kql = KQL_POSITION.exec(message);
    const isTransform = documentPath[documentPath.length - 1] === 'transformKql' || documentPath[documentPath.length - 1] === 'transformKqlFile';
    if (kql !== null && isTransform) {
      return this.transformProblem(entry, documentPath, Number(kql[1]), Number(kql[2]), kql[3]);
    }
    return this.source.problemAt(documentPath, message);
  }

  /** The entry of the construct or of its closest registered parent. */
  private entryOf(constructPath: string): { entry?: ConfigEntry<unknown>; entryPath?: string } {
    const segments = constructPath.split('/');
    for (let length = segments.length; length > 0; length--) {
      const candidate = segments.slice(0, length).join('/');
      const entry = this.entries.get(candidate);
      if (entry !== undefined) {
        return { entry, entryPath: candidate };
      }
    }
    return {};
  }

  /**
   * Where a construct's field is written: the field itself (`tableSettings.Syslog.retentionInDays`), its `.kql` file
   * (a rule's `dataFlows[1].transformKqlFile` for `dataFlows[1].transformKql`), or a property of the entry named like its
   * last part (a connector's `transformKql` for its rule's `dataFlows[0].transformKql`).
   */
  private documentPathOf(entry: ConfigEntry<unknown>, field: string): DocumentPath | undefined {
    const segments: Array<string | number> = field.split(/\.|\[(\d+)\]/).filter((segment) => segment !== undefined && segment !== '')
      .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
    const document = this.source.yaml.value;
    const exact = [...entry.pathOf(String(segments[0])), ...segments.slice(1)];
    if (valueAt(document, exact) !== undefined) {
      return exact;
    }
    // A transformation inside the entry kept in a file: a rule's `dataFlows[1].transformKql` is written as its
    // `dataFlows[1].transformKqlFile`.
    const inFile = exact.length > 1 && exact[exact.length - 1] === 'transformKql' ? [...exact.slice(0, -1), 'transformKqlFile'] : undefined;
    if (inFile !== undefined && valueAt(document, inFile) !== undefined) {
      return inFile;
    }
    const last = [...segments].reverse().find((segment): segment is string => typeof segment === 'string');
    if (last === undefined) {
      return undefined;
    }
    for (const property of last === 'transformKql' ? ['transformKql', 'transformKqlFile'] : [last]) {
      const candidate = entry.pathOf(property);
      if (valueAt(document, candidate) !== undefined) {
        return candidate;
      }
    }
    return undefined;
  }

  /** A Kusto diagnostic of a transformation: in its `.kql` file, or at its place in the YAML. */
  private transformProblem(entry: ConfigEntry<unknown>, documentPath: DocumentPath, line: number, column: number, message: string): ConfigProblem {
    const written = formatDocumentPath(documentPath);
    const nested = entry.nestedTransformFiles?.find((candidate) => formatDocumentPath(candidate.documentPath) === written);
    if (nested !== undefined) {
      return { file: nested.file, line, column, path: '', message };
    }
    if (entry.transformFile !== undefined && documentPath[documentPath.length - 1] === 'transformKqlFile') {
      return { file: entry.transformFile, line, column, path: '', message };
    }
    const origin = this.source.yaml.textOrigin(documentPath).map(line, column);
    return { ...this.source.problemAt(documentPath, message), line: origin.line, column: origin.column };
  }

  private problemAtEntry(entry: ConfigEntry<unknown>, constructPath: string, text: string, entryPath?: string): ConfigProblem {
    const inner = entryPath === undefined || entryPath === constructPath ? '' : `${constructPath.slice(entryPath.length + 1)}: `;
    return this.source.problemAt(entry.documentPath, `${inner}${text}`);
  }
}
