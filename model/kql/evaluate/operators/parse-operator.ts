import { KqlValue, Row } from '../../values';
import { ColumnBinding, OperatorCompiler, scopeOf, withStep } from '../compile-context';
import { InvalidRegexError, NotEmulatedError } from '../errors';
import { compileScalar } from '../expressions/compile-scalar';
import { literalValue } from '../expressions/literal-value';
import { listElements, namedParameter, syntaxClass, tableColumns } from '../syntax';
import { converterTo, toDynamic, toKqlString } from '../value-conversions';
import { kqlRegexProblem } from '../regular-expressions';
import { ComputedColumns } from './computed-columns';
import { compileParsePattern, ParsePart } from './parse-pattern';

/**
 * `parse`: matches a text against a pattern of constants, `*` (anything) and typed columns, and adds the columns.
 * The pattern must match the whole text, as a regular expression built once: `*` and text columns match as few
 * characters as possible, `int`/`long` columns digits, `real` columns a number.
 *
 * - `kind=simple` (default): when the text does not match, or a column does not convert to its type, all the
 *   parsed columns are null (text columns `""`).
 * - `kind=relaxed`: a column that does not convert is null on its own.
 * - `kind=regex`: the constants are regular expressions (`flags=` adds `i`, `m`, `s`).
 *
 * ```kql
 * source
 * | parse RawData with ClientIP:string " - - [" * "] \"" Method:string " " Path:string " " * "\" " Status:int " " *
 * ```
 */
export const compileParseOperator: OperatorCompiler = (operator, input, context) => {
  const kind = (namedParameter(operator, 'kind') ?? 'simple').toLowerCase();
  if (kind !== 'simple' && kind !== 'relaxed' && kind !== 'regex') {
    throw new NotEmulatedError(`parse kind=${kind}`, operator);
  }
  const output = tableColumns(operator);
  const typeOf = (name: string) => output.find((column) => column.name === name)?.type ?? 'string';
  const declared: Array<{ name: string; type: string }> = [];
  const parts: ParsePart[] = [];
  for (const element of listElements(operator.Patterns)) {
    switch (syntaxClass(element)) {
      case 'StarExpression':
        parts.push({ kind: 'anything' });
        break;
      case 'NameAndTypeDeclaration':
      case 'NameDeclaration': {
        const name = String(syntaxClass(element) === 'NameDeclaration' ? element.SimpleName : element.Name.SimpleName);
        const type = typeOf(name);
        declared.push({ name, type });
        parts.push({ kind: 'column', type });
        break;
      }
      default:
        parts.push({ kind: 'constant', text: toKqlString(literalValue(element)) });
    }
  }
  const flags = kind === 'regex' ? (namedParameter(operator, 'flags') ?? '').replace(/["']/g, '') : '';
  const { source: pattern, match } = compileParsePattern(parts, kind, flags);
  if (match === undefined) {
    throw new InvalidRegexError(pattern.slice(1, -1), kqlRegexProblem(pattern, flags) ?? 'it does not compile', operator);
  }
  const source = compileScalar(operator.Expression, scopeOf(input), context);
  const computed = new ComputedColumns();
  const slots = declared.map((column) => ({
    ...computed.slot(),
    convert: column.type === 'dynamic' ? toDynamic : converterTo(column.type),
    empty: column.type === 'string' ? '' : null,
  }));
  const clear = () => {
    for (const slot of slots) {
      slot.set(slot.empty);
    }
  };
  const strict = kind !== 'relaxed';
  const step = (row: Row): boolean => {
    const texts = match(toKqlString(source(row)));
    if (texts === null) {
      clear();
      return true;
    }
    for (let index = 0; index < slots.length; index++) {
      const slot = slots[index];
      const value: KqlValue = slot.convert(texts[index + 1] ?? '');
      if (value === null && strict) {
        clear();
        return true;
      }
      slot.set(value ?? slot.empty);
    }
    return true;
  };
  const scope = scopeOf(input);
  declared.forEach((column, index) => scope.set(column.name, { name: column.name, type: column.type, read: slots[index].read }));
  const columns = output.map((column): ColumnBinding => ({ ...column, read: (scope.get(column.name) as ColumnBinding).read }));
  return withStep(input, step, columns);
};
