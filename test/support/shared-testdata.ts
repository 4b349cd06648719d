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

/** Types in Microsoft's KQL-validation schema files, mapped to ours (the files spell them in any case). */
const MICROSOFT_TYPES: Record<string, TableColumnType> = {
  datetime: 'datetime', string: 'string', int: 'int', bigint: 'long', long: 'long', real: 'real', float: 'real',
  double: 'real', dynamic: 'dynamic', object: 'dynamic', bool: 'boolean', boolean: 'boolean', guid: 'guid',
};

/** Our type for a type name of Microsoft's schema files, or undefined when ours has none (`timespan`). */
export function microsoftColumnType(type: string): TableColumnType | undefined {
  return MICROSOFT_TYPES[type.toLowerCase()];
}

/** The columns of `table-schemas/<file>.json` as written (`{ Name, Properties: [{ Name, Type }] }`, any key case). */
export function microsoftTableFile(file: string): { name: string; properties: Array<{ name: string; type: string }> } {
  const document = JSON.parse(readTestdata(`table-schemas/${file}.json`)) as Record<string, unknown>;
  const properties = (document.Properties ?? document.properties) as Array<Record<string, string>>;
  return {
    name: String(document.Name ?? document.name),
    properties: properties.map((property) => ({ name: property.Name ?? property.name, type: property.Type ?? property.type })),
  };
}

/** A table schema from `table-schemas/<Name>.json`, its types mapped to ours. */
export function microsoftTableSchema(tableName: string): TableSchema {
  const document = microsoftTableFile(tableName);
  const columns: ColumnDefinition[] = document.properties.map((property) => {
    const type = microsoftColumnType(property.type);
    if (type === undefined) {
      throw new Error(`${tableName}.json: unknown type ${property.type} of ${property.name}`);
    }
    return { name: property.name, type };
  });
  return { tableName: document.name, columns };
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
