import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import analyticRuleSchema from '../../solutions/schemas/analytic-rule.schema.json';
import automationRuleSchema from '../../solutions/schemas/automation-rule.schema.json';
import huntingQuerySchema from '../../solutions/schemas/hunting-query.schema.json';
import parserSchema from '../../solutions/schemas/parser.schema.json';
import solutionSchema from '../../solutions/schemas/solution.schema.json';
import { SolutionProblem } from './solution-problem';
import { DocumentPath, YamlSource } from './yaml-source';

/**
 * The JSON Schemas of a solution's files. They are published in `solutions/schemas/` for editors (the YAML language
 * server reads `# yaml-language-server: $schema=...`); the loader validates with the same files.
 */
export const SOLUTION_SCHEMAS = {
  'solution': solutionSchema,
  'analytic-rule': analyticRuleSchema,
  'hunting-query': huntingQuerySchema,
  'parser': parserSchema,
  'automation-rule': automationRuleSchema,
} as const;

/** Which schema a document is checked against. */
export type SolutionSchemaName = keyof typeof SOLUTION_SCHEMAS;

/** How a document's unknown top-level properties are reported. */
export interface SchemaValidationOptions {
  /**
   * Content in Microsoft's formats carries properties this toolkit does not use (and Microsoft adds new ones), so a
   * real rule must still load: those are warnings. In solution.yaml an unknown property is a typo: an error.
   */
  readonly unknownTopLevelProperty: 'error' | 'warning';

  /**
   * Microsoft's content writes what the API names in other spellings (`kind: scheduled`, `Credential Access`) and
   * `null` for a property it leaves out. With this on, an enum value that differs from one the schema allows only in
   * case, spaces, `_` or `-` is read as that value with a warning (the resource is sent in the API's spelling), and a
   * `null` where the schema takes no null is read as absent. Entity types get the same treatment (`entity-types.ts`).
   *
   * @default false
   */
  readonly microsoftSpellings?: boolean;
}

/** Passes of respelling at most: each fixes every value ajv reports, and fixing one may uncover another below it. */
const MAX_RESPELLING_PASSES = 8;

const validators = new Map<SolutionSchemaName, ValidateFunction>();

function validatorFor(name: SolutionSchemaName): ValidateFunction {
  let validate = validators.get(name);
  if (validate === undefined) {
    // strictRequired is off: `then` blocks list properties declared beside the `if`, which strict mode cannot see.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats(ajv, ['uri', 'email', 'date-time']);
    validate = ajv.compile(SOLUTION_SCHEMAS[name]);
    validators.set(name, validate);
  }
  return validate;
}

/** Checks a parsed YAML document against a schema; every problem names the file, the position, the path and the rule. */
export function validateAgainstSchema(name: SolutionSchemaName, source: YamlSource, options: SchemaValidationOptions): SolutionProblem[] {
  const validate = validatorFor(name);
  const respelled: SolutionProblem[] = [];
  let valid = validate(source.value);
  for (let pass = 0; !valid && options.microsoftSpellings === true && pass < MAX_RESPELLING_PASSES; pass++) {
    if (!respell(validate.errors ?? [], source, respelled)) {
      break;
    }
    valid = validate(source.value);
  }
  respelled.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  if (valid) {
    return respelled;
  }
  const problems: SolutionProblem[] = [...respelled];
  const seen = new Set<string>();
  // The branches of `anyOf` report why each failed; the `anyOf` error itself says what is wanted.
  for (const error of (validate.errors ?? []).filter((candidate) => !candidate.schemaPath.includes('/anyOf/'))) {
    const problem = problemOf(error, source, options);
    const key = problem === undefined ? '' : `${problem.line}:${problem.column}:${problem.path}:${problem.message}`;
    if (problem !== undefined && !seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

function looseSpelling(text: string): string {
  return text.replace(/[\s_-]/g, '').toLowerCase();
}

/**
 * Rewrites in `source.value` each enum value ajv refused that matches an allowed one loosely (with a warning in
 * `problems`), and removes each `null` of an object's property that the schema does not take. True when it changed
 * something.
 */
function respell(errors: readonly ErrorObject[], source: YamlSource, problems: SolutionProblem[]): boolean {
  let changed = false;
  for (const error of errors) {
    const path = pathOf(error.instancePath);
    const key = path[path.length - 1];
    const parent = path.length === 0 ? undefined : valueAt(source.value, path.slice(0, -1));
    if (parent === undefined || typeof parent !== 'object' || parent === null || key === undefined) {
      continue;
    }
    const container = parent as Record<string | number, unknown>;
    const value = container[key];
    if (error.keyword === 'enum' && typeof value === 'string') {
      const allowed = (error.params.allowedValues as unknown[]).filter((candidate): candidate is string => typeof candidate === 'string');
      const match = allowed.find((candidate) => looseSpelling(candidate) === looseSpelling(value));
      if (match !== undefined && match !== value) {
        container[key] = match;
        problems.push({ ...source.locate(path), severity: 'warning', message: `"${value}" is sent as "${match}", its spelling in the API` });
        changed = true;
      }
    } else if (error.keyword === 'type' && value === null && !Array.isArray(parent)) {
      delete container[key];
      changed = true;
    }
  }
  return changed;
}

function valueAt(root: unknown, path: DocumentPath): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) {
      return undefined;
    }
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** The path of an ajv `instancePath` (`/entityMappings/0/identifier`), with indexes as numbers. */
function pathOf(instancePath: string): DocumentPath {
  return instancePath.split('/').slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function problemOf(error: ErrorObject, source: YamlSource, options: SchemaValidationOptions): SolutionProblem | undefined {
  const path = pathOf(error.instancePath);
  if (error.propertyName !== undefined) {
    return { ...source.locateKey([...path, error.propertyName]), severity: 'error', message: messageOf({ ...error, data: error.propertyName }) };
  }
  switch (error.keyword) {
    case 'if':
    case 'allOf':
    case 'propertyNames':
      // The wrappers of conditional schemas: the errors of the branch that failed are reported on their own.
      return undefined;
    case 'anyOf':
      return { ...source.locate(path), severity: 'error', message: 'Partner support needs a name, and a link or an e-mail address' };
    case 'required':
      return { ...source.locate(path), severity: 'error', message: `is missing the required property "${String(error.params.missingProperty)}"` };
    case 'additionalProperties': {
      const property = String(error.params.additionalProperty);
      const topLevel = path.length === 0;
      const severity = topLevel ? options.unknownTopLevelProperty : 'error';
      return {
        ...source.locateKey([...path, property]), severity,
        message: severity === 'warning' ? 'is not a property this toolkit knows; it is ignored' : 'is not an allowed property here',
      };
    }
    default:
      return { ...source.locate(path), severity: 'error', message: messageOf(error) };
  }
}

function messageOf(error: ErrorObject): string {
  const got = error.data === undefined ? '' : ` (got ${JSON.stringify(error.data)})`;
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  switch (error.keyword) {
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}${got}`;
    case 'const':
      return `must be ${JSON.stringify(error.params.allowedValue)}${got}`;
    case 'type':
      return `must be ${String(error.params.type).replace(',', ' or ')}${got}`;
    case 'pattern':
      return `must be ${description ?? `text matching ${String(error.params.pattern)}`}${got}`;
    default:
      return `${error.message ?? error.keyword}${got}`;
  }
}
