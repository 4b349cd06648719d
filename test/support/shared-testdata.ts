import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ColumnDefinition, TableColumnType, TableSchema } from '../../model/tables/table-schema';

/** `shared/testdata`, which sits beside the repository (in CI too). */
export const SHARED_TESTDATA = path.resolve(__dirname, '..', '..', '..', 'shared', 'testdata');

/** Reads a file of the shared test data; fails loudly when the folder is missing. */
export function readTestdata(relativePath: string): string {
  const file = path.join(SHARED_TESTDATA, relativePath);
  if (!existsSync(file)) {
    throw new Error(`shared test data not found: ${relativePath} (expected the shared/ folder beside the repository)`);
  }
  return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}

/** Types in Microsoft's KQL-validation schema files, mapped to ours. */
const MICROSOFT_TYPES: Record<string, TableColumnType> = {
  datetime: 'datetime', string: 'string', int: 'int', bigint: 'long', long: 'long', real: 'real', float: 'real',
  double: 'real', dynamic: 'dynamic', bool: 'boolean', boolean: 'boolean', guid: 'guid',
};

/** A table schema from `table-schemas/<Name>.json` (Microsoft's `{ Name, Properties: [{ Name, Type }] }`). */
export function microsoftTableSchema(tableName: string): TableSchema {
  const document = JSON.parse(readTestdata(`table-schemas/${tableName}.json`)) as {
    Name: string; Properties: Array<{ Name: string; Type: string }>;
  };
  const columns: ColumnDefinition[] = document.Properties.map((property) => {
    const type = MICROSOFT_TYPES[property.Type.toLowerCase()];
    if (type === undefined) {
      throw new Error(`${tableName}.json: unknown type ${property.Type} of ${property.Name}`);
    }
    return { name: property.Name, type };
  });
  return { tableName: document.Name, columns };
}

/** A data collection rule of `sentinel-content/dcr/` (an ARM fragment, sometimes wrapped in an array). */
export interface TestdataDataCollectionRule {
  properties: {
    streamDeclarations: Record<string, { columns: Array<{ name: string; type: string }> }>;
    dataFlows: Array<{ streams: string[]; outputStream: string; transformKql: string; destinations: string[] }>;
  };
}

export function readTestdataDataCollectionRule(relativePath: string): TestdataDataCollectionRule {
  const parsed = JSON.parse(readTestdata(relativePath));
  return Array.isArray(parsed) ? parsed[0] : parsed;
}
