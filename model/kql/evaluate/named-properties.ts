import { KqlValue, Row } from '../values';

/**
 * Rows of wide tables are built with named property stores.
 *
 * V8 keeps an object in fast mode (a hidden class, properties at fixed offsets) only while few properties are added
 * through computed keys (`row[name] = value`): past 16 or so, the object becomes a hash table, which is several times
 * slower to build and to read, and heavier for the garbage collector. A CEF event fills 20 to 40 of
 * CommonSecurityLog's ~150 columns, so rows are built by code in which each column name is a literal (`row["Name"]`,
 * which V8 compiles as a named store, allowed many more fast properties). The names are written with
 * JSON.stringify, so any column name is a safe literal.
 */

/** A function that sets one property of a row, the name fixed. */
export type PropertySetter = (row: Row, value: KqlValue) => void;

/** A setter of the property `name`, compiled as a named store. */
export function namedPropertySetter(name: string): PropertySetter {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the name is a JSON string literal, see above.
  return new Function('row', 'value', `row[${JSON.stringify(name)}] = value;`) as PropertySetter;
}

/** Reads one column's value of an output row from an input row. */
export type ValueOf = (row: Row) => KqlValue;

/**
 * A builder of output rows: column `names[i]` gets `values[i](row)`. With `skipEmpty`, a column whose value is null
 * or empty text is left out (it reads as null or `""` all the same), which keeps the rows of wide, sparse tables
 * small.
 */
export function namedRowBuilder(names: readonly string[], values: readonly ValueOf[], skipEmpty: boolean): (row: Row) => Row {
  const statements = names.map((name, index) => (skipEmpty
    ? `value = value${index}(row); if (value !== null && value !== '') output[${JSON.stringify(name)}] = value;`
    : `output[${JSON.stringify(name)}] = value${index}(row);`));
  const parameters = names.map((_name, index) => `value${index}`);
  const body = `return function build(row) {\n  const output = {};\n  let value;\n  ${statements.join('\n  ')}\n  return output;\n};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- names are JSON string literals, see above.
  const factory = new Function(...parameters, body) as (...functions: ValueOf[]) => (row: Row) => Row;
  return factory(...values);
}
