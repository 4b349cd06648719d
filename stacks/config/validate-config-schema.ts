import Ajv, { ValidateFunction } from 'ajv';
import configSchema from '../../schemas/sentinel.schema.json';
import { DocumentPath } from '../../model/solutions/yaml-source';
import { ConfigProblem } from './config-error';
import { ConfigSource } from './config-source';
import { shapeSchemaErrors } from './schema-error-message';

/**
 * The JSON Schema of sentinel.yaml, generated from the types of `model/config/` (`npm run schema`) and published in
 * `schemas/` for editors (`# yaml-language-server: $schema=...`); the validator uses the same file.
 */
export const SENTINEL_CONFIG_SCHEMA = configSchema;

let validators: { document: ValidateFunction; connector: ValidateFunction } | undefined;

function validatorsOf(): { document: ValidateFunction; connector: ValidateFunction } {
  if (validators === undefined) {
    // strictRequired is off: the `if` of a discriminated union requires a property its `then` declares.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
    ajv.addSchema(configSchema);
    const document = ajv.getSchema(configSchema.$id);
    const connector = ajv.getSchema(`${configSchema.$id}#/definitions/ConnectorConfig`);
    if (document === undefined || connector === undefined) {
      throw new Error(`the config schema ${configSchema.$id} has no ConnectorConfig definition`);
    }
    validators = { document, connector };
  }
  return validators;
}

/** Checks a whole document against the schema: one problem per violation, at its position. */
export function validateConfigDocument(source: ConfigSource): ConfigProblem[] {
  return violationsOf(validatorsOf().document, source.yaml.value, (path, atKey, message) =>
    (atKey ? source.problemAtKey(path, message) : source.problemAt(path, message)));
}

/**
 * Checks one connector (a shared definition merged with a workspace's overrides) against the connector schema;
 * `problemAt` places each violation, given its path inside the connector.
 */
export function validateConnectorConfig(value: unknown, problemAt: (path: DocumentPath, atKey: boolean, message: string) => ConfigProblem): ConfigProblem[] {
  return violationsOf(validatorsOf().connector, value, problemAt);
}

function violationsOf(validate: ValidateFunction, value: unknown,
  problemAt: (path: DocumentPath, atKey: boolean, message: string) => ConfigProblem): ConfigProblem[] {
  if (validate(value)) {
    return [];
  }
  return shapeSchemaErrors(validate.errors ?? []).map((violation) => problemAt(violation.path, violation.atKey, violation.message));
}
