import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';

// The generator is the npm script's own code (`npm run schema`), so the test checks exactly what the script writes.
const { SCHEMA_FILE, formatConfigSchema, generateConfigSchema } = require('../../scripts/generate-config-schema.js') as {
  SCHEMA_FILE: string; formatConfigSchema(schema: unknown): string; generateConfigSchema(): Record<string, unknown>;
};

describe('schemas/sentinel.schema.json', () => {
  test('is what `npm run schema` generates from the types of model/config/ (run it after changing them)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(formatConfigSchema(generateConfigSchema()));
  });

  test('compiles in ajv\'s strict mode and discriminates connectors by kind, each kind with its own properties', () => {
    const schema = JSON.parse(readFileSync(path.join(__dirname, '../../schemas/sentinel.schema.json'), 'utf8')) as {
      $id: string; definitions: Record<string, { allOf?: Array<{ if: unknown; then: { $ref: string } }>; properties?: Record<string, unknown> }>;
    };
    const ajv = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true });
    expect(() => ajv.compile(schema)).not.toThrow();
    const kinds = schema.definitions.ConnectorConfig.allOf?.map((branch) => branch.if);
    expect(kinds).toContainEqual({ properties: { kind: { const: 'syslog' } }, required: ['kind'] });
    expect(kinds).toHaveLength(25);
    expect(Object.keys(schema.definitions.SyslogConnectorConfig.properties ?? {})).toEqual(expect.arrayContaining([
      'kind', 'facilityNames', 'minimumLevel', 'logLevels', 'transformKql', 'transformKqlFile', 'forwarders',
    ]));
  });

  test('describes a workspace\'s data collection rules with the construct\'s props and a transformation per data flow', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as {
      definitions: Record<string, { properties: Record<string, { $ref?: string; additionalProperties?: unknown }>; required?: string[] }>;
    };
    expect(schema.definitions.WorkspaceConfig.properties.dataCollectionRules.additionalProperties)
      .toEqual({ $ref: '#/definitions/DataCollectionRuleConfig' });
    expect(Object.keys(schema.definitions.DataCollectionRuleConfig.properties)).toEqual(expect.arrayContaining([
      'kind', 'dataCollectionEndpoint', 'streamDeclarations', 'syslogDataSources', 'logFileDataSources', 'dataFlows', 'forwarders',
    ]));
    expect(schema.definitions.DataCollectionRuleConfig.required).toEqual(['dataFlows']);
    expect(Object.keys(schema.definitions.DataFlowConfig.properties)).toEqual(['transformKql', 'transformKqlFile', 'streams', 'outputStream']);
  });

  test('documents behaviour defaults in the description instead of as values an editor would insert', () => {
    const text = readFileSync(SCHEMA_FILE, 'utf8');
    expect(text).not.toMatch(/"default": "- /);
    const schema = JSON.parse(text) as { definitions: Record<string, { properties: Record<string, { description?: string; default?: unknown }> }> };
    expect(schema.definitions.ForwarderConfig.properties.location.description).toBe('Region. Default: the workspace\'s region.');
    expect(schema.definitions.ForwarderConfig.properties.syslogPort.default).toBe(514);
  });
});
