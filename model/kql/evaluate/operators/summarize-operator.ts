import { KqlValue, Row } from '../../values';
import {
  composeSteps, CompileContext, constantEvaluator, EMPTY_ROW, Evaluator, fromRelation, OperatorCompiler, scopeOf,
} from '../compile-context';
import { compileScalar } from '../expressions/compile-scalar';
import { Accumulator, AGGREGATE_FUNCTIONS, argumentExtreme } from '../functions/aggregate-functions';
import { listElements, syntaxClass, tableColumns } from '../syntax';
import { groupKey } from '../value-comparison';
import { converterTo } from '../value-conversions';
import { namedExpressions } from './computed-columns';

/**
 * `summarize`: one row per distinct combination of the `by` expressions (one row in all without `by`), with the
 * aggregates of the group's rows; the `by` columns come first. Aggregates may sit inside expressions
 * (`round(avg(x), 2)`); `arg_max`/`arg_min` give the columns of the row they pick. Without `by`, an empty input
 * still gives one row (`count()` is 0).
 *
 * ```kql
 * Syslog | where TimeGenerated > ago(1h) | summarize Events = count(), Hosts = dcount(HostName) by Facility, bin(TimeGenerated, 5m)
 * ```
 */
export const compileSummarizeOperator: OperatorCompiler = (operator, input, context) => {
  const output = tableColumns(operator);
  const scope = scopeOf(input);
  const byExpressions = operator.ByClause === null || operator.ByClause === undefined ? [] : namedExpressions(operator.ByClause.Expressions);
  const keys = byExpressions.map(({ expression }) => compileScalar(expression, scope, context));

  const factories: Array<() => Accumulator> = [];
  let current: Accumulator[] = [];
  const addAccumulator = (factory: () => Accumulator): number => factories.push(factory) - 1;
  const aggregateContext: CompileContext = {
    ...context,
    aggregates: (call) => {
      const args = listElements(call.ArgumentList.Expressions).map((argument) => compileScalar(argument, scope, context));
      const index = addAccumulator(AGGREGATE_FUNCTIONS[String(call.Name.SimpleName)](args));
      return () => current[index].result();
    },
  };
  // One reader per output column after the `by` columns; arg_max/arg_min fill several.
  const results: Evaluator[] = namedExpressions(operator.Aggregates).flatMap(({ expression }) => {
    const name = syntaxClass(expression) === 'FunctionCallExpression' ? String(expression.Name.SimpleName) : '';
    if (name !== 'arg_max' && name !== 'arg_min') {
      return [compileScalar(expression, new Map(), aggregateContext)];
    }
    const [value] = listElements(expression.ArgumentList.Expressions);
    const kept = tableColumns(expression).slice(1)
      .map((column) => scope.get(column.name)?.read ?? constantEvaluator(null));
    const index = addAccumulator(argumentExtreme(name === 'arg_max' ? 1 : -1)([compileScalar(value, scope, context), ...kept]));
    return tableColumns(expression).map((_, position): Evaluator => () => (current[index].result() as KqlValue[])[position]);
  });

  const keyColumns = output.slice(0, keys.length);
  const resultColumns = output.slice(keys.length);
  const converters = resultColumns.map((column) => converterTo(column.type));
  const source = input.source;
  const passes = composeSteps(input.steps);
  return fromRelation({
    columns: output,
    rows: () => {
      const groups = new Map<string, { keys: KqlValue[]; accumulators: Accumulator[] }>();
      for (const row of source?.rows() ?? []) {
        if (!passes(row)) {
          continue;
        }
        const values = keys.map((key) => key(row));
        const id = values.length === 1 ? groupKey(values[0]) : values.map(groupKey).join('\u0001');
        let group = groups.get(id);
        if (group === undefined) {
          group = { keys: values, accumulators: factories.map((factory) => factory()) };
          groups.set(id, group);
        }
        for (const accumulator of group.accumulators) {
          accumulator.add(row);
        }
      }
      if (groups.size === 0 && keys.length === 0) {
        groups.set('', { keys: [], accumulators: factories.map((factory) => factory()) });
      }
      const rows: Row[] = [];
      for (const group of groups.values()) {
        current = group.accumulators;
        const row: Row = {};
        keyColumns.forEach((column, index) => { row[column.name] = group.keys[index]; });
        resultColumns.forEach((column, index) => { row[column.name] = converters[index](results[index](EMPTY_ROW)); });
        rows.push(row);
      }
      return rows;
    },
  });
};
