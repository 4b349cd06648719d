import { ErrorObject } from 'ajv';
import { closest } from '../../model/closest-name';
import { DocumentPath } from '../../model/solutions/yaml-source';

/** One schema violation, shaped for a person: where, whether at the key, and what is expected. */
export interface SchemaViolation {
  /** Path of the value (or, for an unknown property, of the property). */
  readonly path: DocumentPath;
  /** True when the problem is the property's name rather than its value. */
  readonly atKey: boolean;
  readonly message: string;
}

/**
 * Turns ajv's errors (with `allErrors` and `verbose`) into one message per problem: the wrappers of conditional schemas
 * (`if`, `anyOf` branches) are left out, a wrong type hides the other complaints about the same value, and unknown
 * properties and values come with what is accepted and the closest match.
 */
export function shapeSchemaErrors(errors: readonly ErrorObject[]): SchemaViolation[] {
  const kept = errors.filter((error) => error.keyword !== 'if' && !error.schemaPath.includes('/anyOf/'));
  const anyOfBranches = errors.filter((error) => error.schemaPath.includes('/anyOf/'));
  const typeErrorPaths = new Set(kept.filter((error) => error.keyword === 'type').map((error) => error.instancePath));
  const violations: SchemaViolation[] = [];
  for (const error of kept) {
    if (error.keyword !== 'type' && typeErrorPaths.has(error.instancePath)) {
      continue;
    }
    if (error.keyword === 'anyOf') {
      violations.push(...anyOfViolations(error, anyOfBranches));
      continue;
    }
    violations.push(violationOf(error));
  }
  return violations;
}

/** The path of an ajv `instancePath` (`/workspaces/prod/connectors`), with indexes as numbers. */
export function documentPathOf(instancePath: string): DocumentPath {
  return instancePath.split('/').slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function violationOf(error: ErrorObject): SchemaViolation {
  const path = documentPathOf(error.instancePath);
  switch (error.keyword) {
    case 'required':
      return { path, atKey: false, message: `is missing the required property "${String(error.params.missingProperty)}"` };
    case 'additionalProperties': {
      const property = String(error.params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return { path: [...path, property], atKey: true, message: unknownPropertyMessage(property, allowed, error.parentSchema) };
    }
    default:
      return { path, atKey: false, message: valueMessage(error) };
  }
}

/**
 * A value that matches no branch of an `anyOf` (a distribution name or a marketplace image): when the value has the
 * type of exactly one branch, that branch's own errors; otherwise what the branches accept.
 */
function anyOfViolations(error: ErrorObject, branchErrors: readonly ErrorObject[]): SchemaViolation[] {
  const prefix = `${error.schemaPath}/`;
  const ofThis = branchErrors.filter((candidate) => candidate.schemaPath.startsWith(prefix));
  const branchOf = (candidate: ErrorObject) => candidate.schemaPath.slice(prefix.length).split('/')[0];
  const wrongType = new Set(ofThis.filter((candidate) => candidate.keyword === 'type' && candidate.instancePath === error.instancePath)
    .map(branchOf));
  const branches = [...new Set(ofThis.map(branchOf))];
  const fitting = branches.filter((branch) => !wrongType.has(branch));
  if (fitting.length === 1) {
    return shapeSchemaErrors(ofThis.filter((candidate) => branchOf(candidate) === fitting[0])
      .map((candidate) => ({ ...candidate, schemaPath: candidate.schemaPath.slice(prefix.length) })));
  }
  const accepted = ofThis.filter((candidate) => candidate.instancePath === error.instancePath)
    .map((candidate) => (candidate.keyword === 'enum' ? listOf(candidate.params.allowedValues as unknown[]) : `a ${typeName(candidate)}`));
  return [{ path: documentPathOf(error.instancePath), atKey: false, message: `must be ${[...new Set(accepted)].join(', or ')}${got(error.data)}` }];
}

function typeName(error: ErrorObject): string {
  return error.keyword === 'type' ? String(error.params.type) : error.keyword;
}

function unknownPropertyMessage(property: string, allowed: readonly string[], parentSchema: unknown): string {
  const kind = (parentSchema as { properties?: { kind?: { const?: unknown } } } | undefined)?.properties?.kind?.const;
  const what = typeof kind === 'string' ? `a connector of kind "${kind}"` : 'this section';
  const suggestion = closest(property, allowed);
  return `is not a property of ${what}${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}; `
    + (allowed.length === 0 ? 'it takes no properties' : `expected one of: ${allowed.join(', ')}`);
}

const ARTICLES: Record<string, string> = {
  string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false', object: 'a mapping', array: 'a list',
  null: 'null',
};

function valueMessage(error: ErrorObject): string {
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  switch (error.keyword) {
    case 'type':
      return `must be ${String(error.params.type).split(',').map((type) => ARTICLES[type] ?? type).join(' or ')}${got(error.data)}`;
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]);
      const suggestion = typeof error.data === 'string' ? closest(error.data, allowed.filter((value): value is string => typeof value === 'string')) : undefined;
      return `must be one of ${listOf(allowed)}${got(error.data)}${suggestion === undefined ? '' : `; did you mean "${suggestion}"?`}`;
    }
    case 'const':
      return `must be ${JSON.stringify(error.params.allowedValue)}${got(error.data)}`;
    case 'minItems':
      return `must list at least ${String(error.params.limit)} item${error.params.limit === 1 ? '' : 's'}${got(error.data)}`;
    case 'minLength':
      return error.params.limit === 1 ? 'must not be empty' : `must be at least ${String(error.params.limit)} characters long${got(error.data)}`;
    case 'pattern':
      return `must be ${description ?? `text matching ${String(error.params.pattern)}`}${got(error.data)}`;
    default:
      return `${error.message ?? error.keyword}${got(error.data)}`;
  }
}

function listOf(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

function got(data: unknown): string {
  if (data === undefined) {
    return '';
  }
  const text = JSON.stringify(data);
  return ` (got ${text.length > 60 ? `${text.slice(0, 57)}...` : text})`;
}
