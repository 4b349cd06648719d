import { INGESTION_PATHS, SUPPORT_TIERS } from './connector-catalog-entry';

/**
 * JSON Schema of a connector catalog entry. Partner support needs a contact (a name, and a link or an e-mail);
 * Microsoft support is for connectors Microsoft publishes.
 */
export const CONNECTOR_CATALOG_ENTRY_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://sentinel-cdk.dev/schemas/connector-catalog-entry.schema.json',
  title: 'Sentinel connector catalog entry',
  type: 'object',
  additionalProperties: false,
  required: ['connectorId', 'title', 'publisher', 'ingestionPath', 'tables', 'prerequisites', 'support'],
  properties: {
    connectorId: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,127}$', description: 'Stable identifier' },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    publisher: { type: 'string', minLength: 1, maxLength: 200 },
    ingestionPath: { enum: [...INGESTION_PATHS] },
    tables: {
      type: 'array', minItems: 1, uniqueItems: true,
      items: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
    },
    prerequisites: { type: 'array', items: { type: 'string', minLength: 1 } },
    description: { type: 'string' },
    support: {
      type: 'object',
      additionalProperties: false,
      required: ['tier'],
      properties: {
        tier: { enum: [...SUPPORT_TIERS] },
        name: { type: 'string', minLength: 1 },
        link: { type: 'string', format: 'uri', pattern: '^https?://' },
        email: { type: 'string', format: 'email' },
      },
      if: { properties: { tier: { const: 'Partner' } } },
      then: { required: ['name'], anyOf: [{ required: ['link'] }, { required: ['email'] }] },
    },
  },
  if: { properties: { support: { type: 'object', properties: { tier: { const: 'Microsoft' } } } } },
  then: { properties: { publisher: { const: 'Microsoft' } } },
} as const;
