import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ConnectorCatalogEntry } from './connector-catalog-entry';
import { CONNECTOR_CATALOG_ENTRY_SCHEMA } from './connector-catalog-schema';

let validateEntry: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (validateEntry === undefined) {
    // strictRequired is off: the Partner rule lists properties inside if/then, which ajv's strict mode cannot see.
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats(ajv, ['uri', 'email']);
    validateEntry = ajv.compile(CONNECTOR_CATALOG_ENTRY_SCHEMA);
  }
  return validateEntry;
}

/** One ajv error as `<path>: <what is expected>`. */
export function formatSchemaError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(entry)' : error.instancePath.slice(1).replace(/\//g, '.');
  switch (error.keyword) {
    case 'required':
      return `${where}: is missing the required property "${String(error.params.missingProperty)}"`;
    case 'additionalProperties':
      return `${where}: has an unknown property "${String(error.params.additionalProperty)}"`;
    case 'enum':
      return `${where}: ${error.message} (${(error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')})`;
    case 'const':
      return `${where}: must be ${JSON.stringify(error.params.allowedValue)}`;
    default:
      return `${where}: ${error.message ?? error.keyword}`;
  }
}

/**
 * Checks a catalog entry against {@link CONNECTOR_CATALOG_ENTRY_SCHEMA}; returns every problem, each naming the
 * path inside the entry and what is expected. The `if`/`anyOf` wrappers ajv adds are left out.
 */
export function checkConnectorCatalogEntry(entry: ConnectorCatalogEntry | unknown): string[] {
  const validate = validator();
  if (validate(entry)) {
    return [];
  }
  return (validate.errors ?? [])
    .filter((error) => error.keyword !== 'if' && error.keyword !== 'anyOf' && !error.schemaPath.includes('/anyOf/'))
    .map(formatSchemaError)
    .concat((validate.errors ?? []).some((error) => error.keyword === 'anyOf' && error.instancePath === '/support')
      ? ['support: Partner support needs a link or an e-mail address']
      : []);
}
