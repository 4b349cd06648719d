#!/usr/bin/env node
'use strict';
// Generates schemas/sentinel.schema.json, the JSON Schema of sentinel.yaml, from the TypeScript types in model/config/
// (ts-json-schema-generator), so that the schema editors complete and the validator checks can never drift from the
// types the stack builder compiles against. `npm run schema` writes it; test/schemas/ checks that the committed file is
// what this script generates.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const SCHEMA_FILE = path.join(root, 'schemas', 'sentinel.schema.json');

/** Applies `visit` to every schema object below `node`, depth first. */
function walk(node, visit) {
  if (Array.isArray(node)) {
    node.forEach((item) => walk(item, visit));
  } else if (node !== null && typeof node === 'object') {
    visit(node);
    Object.values(node).forEach((child) => walk(child, visit));
  }
}

/**
 * `@default - <behaviour>` documents what happens without a value; it is not a value an editor may insert. It moves to
 * the end of the description.
 */
function moveBehaviourDefaults(schema) {
  walk(schema, (node) => {
    if (typeof node.default === 'string' && node.default.startsWith('- ')) {
      const behaviour = node.default.slice(2);
      delete node.default;
      node.description = `${node.description === undefined ? '' : `${node.description} `}Default: ${behaviour}.`;
    }
  });
}

/**
 * A workspace's connector is a shared definition when it has `use`, otherwise a connector of a kind. The union the
 * generator writes as `anyOf` becomes `if`/`then`/`else`, so that a validator reports the errors of one branch only and
 * editors complete the properties of the kind.
 */
function discriminateConnectorReferences(schema) {
  const configRef = '#/definitions/ConnectorConfig';
  const referenceRef = '#/definitions/ConnectorReference';
  walk(schema, (node) => {
    const branches = node.anyOf;
    if (Array.isArray(branches) && branches.length === 2 && branches[0].$ref === configRef && branches[1].$ref === referenceRef) {
      delete node.anyOf;
      Object.assign(node, { if: { type: 'object', required: ['use'] }, then: { $ref: referenceRef }, else: { $ref: configRef } });
    }
  });
}

/**
 * The generator writes a discriminated union as `allOf` of `if: { properties: { kind: { const } } }`, which holds when
 * `kind` is missing; each `if` then also requires the discriminator, so that an entry without `kind` gets one error.
 */
function requireDiscriminators(schema) {
  walk(schema, (node) => {
    const condition = node.if;
    if (condition !== undefined && condition.required === undefined && condition.properties !== undefined) {
      const discriminators = Object.entries(condition.properties).filter(([, property]) => property.const !== undefined);
      if (discriminators.length === 1) {
        const [name, property] = discriminators[0];
        node.if = { properties: { [name]: { const: property.const } }, required: [name] };
      }
    }
  });
}

/** The schema of sentinel.yaml, as generated from model/config/. */
function generateConfigSchema() {
  const { createGenerator } = require('ts-json-schema-generator');
  const generator = createGenerator({
    path: path.join(root, 'model', 'config', 'sentinel-config.ts'),
    tsconfig: path.join(root, 'tsconfig.json'),
    type: 'SentinelConfig',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    additionalProperties: false,
    skipTypeCheck: true,
    sortProps: false,
  });
  const generated = generator.createSchema('SentinelConfig');
  moveBehaviourDefaults(generated);
  requireDiscriminators(generated);
  discriminateConnectorReferences(generated);
  return {
    $schema: generated.$schema,
    $id: 'https://sentinel-cdk.dev/schemas/sentinel.schema.json',
    title: 'sentinel-cdk topology (sentinel.yaml)',
    $ref: generated.$ref,
    definitions: generated.definitions,
  };
}

/** The schema as the committed file holds it. */
function formatConfigSchema(schema) {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

module.exports = { SCHEMA_FILE, generateConfigSchema, formatConfigSchema };

if (require.main === module) {
  fs.writeFileSync(SCHEMA_FILE, formatConfigSchema(generateConfigSchema()));
  console.log(`Wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
