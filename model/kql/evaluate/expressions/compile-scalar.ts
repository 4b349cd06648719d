import { KqlTimespan, KqlValue } from '../../values';
import {
  Binding, ColumnBinding, CompileContext, constantEvaluator, constantOf, EMPTY_ROW, Evaluator, materialize,
} from '../compile-context';
import { NotEmulatedError } from '../errors';
import { AGGREGATE_FUNCTIONS } from '../functions/aggregate-functions';
import { SCALAR_FUNCTIONS } from '../functions/function-registry';
import { NON_DETERMINISTIC_FUNCTIONS } from '../functions/scalar-function';
import {
  listElements, referencedSymbolClass, resultTypeName, SyntaxNode, syntaxClass, syntaxKind, tableColumns,
} from '../syntax';
import { toKqlString } from '../value-conversions';
import { compileArithmetic, compileComparison, compileEquality, compileLogical } from './binary-operators';
import { compileElementAccess, compileMemberAccess } from './dynamic-access';
import { literalValue } from './literal-value';
import { compileBetween, compileIn, InListElement } from './membership-operators';
import { compileHasAnyOrAll, compileStringOperator } from './string-operators';

/**
 * Compiles a scalar expression of the syntax tree into a closure over the row. Names of columns resolve to the
 * readers of the columns in scope; `let` names, parameters and user functions to what the analyzer bound them to.
 * Calls whose arguments are all constant are evaluated once, here.
 */
export function compileScalar(node: SyntaxNode, scope: ReadonlyMap<string, ColumnBinding>, context: CompileContext): Evaluator {
  switch (syntaxClass(node)) {
    case 'LiteralExpression':
    case 'CompoundStringLiteralExpression':
    case 'DynamicExpression':
      return constantEvaluator(literalValue(node));
    case 'ParenthesizedExpression':
      return compileScalar(node.Expression, scope, context);
    case 'SimpleNamedExpression':
      return compileScalar(node.Expression, scope, context);
    case 'NameReference':
      return compileName(node, scope, context);
    case 'PrefixUnaryExpression': {
      const operand = compileScalar(node.Expression, scope, context);
      return fold(compileUnary(node, operand), [operand]);
    }
    case 'BinaryExpression':
      return compileBinary(node, scope, context);
    case 'InExpression':
      return compileInExpression(node, scope, context);
    case 'BetweenExpression':
      return compileBetween(String(node.Operator.Text), compileScalar(node.Left, scope, context),
        compileScalar(node.Right.First, scope, context), compileScalar(node.Right.Second, scope, context));
    case 'HasAnyExpression':
    case 'HasAllExpression':
      return compileHasAnyOrAll(syntaxClass(node) === 'HasAllExpression', compileScalar(node.Left, scope, context),
        listElements(node.Right.Expressions).map((element) => compileScalar(element, scope, context)));
    case 'FunctionCallExpression':
      return compileCall(node, scope, context);
    case 'PathExpression':
      return compilePath(node, scope, context);
    case 'ElementExpression':
      return compileElementAccess(compileScalar(node.Expression, scope, context),
        compileScalar(node.Selector.Expression, scope, context));
    case 'ToScalarExpression':
      return compileToScalar(node.Expression, context);
    case 'TypeOfLiteralExpression':
      return constantEvaluator(null);
    default:
      throw new NotEmulatedError(`The expression '${String(node.ToString()).trim()}'`, node);
  }
}

/** An evaluator whose operands are all constant is evaluated now and replaced by its value. */
function fold(evaluator: Evaluator, operands: readonly Evaluator[]): Evaluator {
  if (operands.length > 0 && operands.every((operand) => constantOf(operand) !== undefined)) {
    return constantEvaluator(evaluator(EMPTY_ROW));
  }
  return evaluator;
}

function compileName(node: SyntaxNode, scope: ReadonlyMap<string, ColumnBinding>, context: CompileContext): Evaluator {
  const name = String(node.SimpleName);
  const symbolClass = referencedSymbolClass(node);
  if (symbolClass === 'ColumnSymbol') {
    const column = scope.get(name);
    if (column === undefined) {
      throw new NotEmulatedError(`The column '${name}' here`, node);
    }
    return column.read;
  }
  const binding = context.bindings.get(node.ReferencedSymbol);
  if (binding?.kind === 'scalar') {
    return binding.evaluate;
  }
  const column = scope.get(name);
  if (column !== undefined) {
    return column.read;
  }
  throw new NotEmulatedError(`The name '${name}' here`, node);
}

function compileUnary(node: SyntaxNode, operand: Evaluator): Evaluator {
  if (syntaxKind(node) === 'UnaryPlusExpression') {
    return operand;
  }
  return (row) => {
    const value = operand(row);
    if (typeof value === 'number') {
      return -value;
    }
    return value instanceof KqlTimespan ? new KqlTimespan(-value.milliseconds) : null;
  };
}

function compileBinary(node: SyntaxNode, scope: ReadonlyMap<string, ColumnBinding>, context: CompileContext): Evaluator {
  const operator = String(node.Operator.Text).toLowerCase();
  const left = compileScalar(node.Left, scope, context);
  const right = compileScalar(node.Right, scope, context);
  const leftType = resultTypeName(node.Left);
  const rightType = resultTypeName(node.Right);
  const evaluator = compileArithmetic(operator, left, right, leftType, rightType, resultTypeName(node))
    ?? compileComparison(operator, left, right, leftType, rightType)
    ?? compileEquality(operator, left, right, leftType, rightType)
    ?? compileLogical(operator, left, right)
    ?? compileStringOperator(operator, left, right, node.Right);
  if (evaluator === undefined) {
    throw new NotEmulatedError(`The operator '${operator}'`, node);
  }
  return fold(evaluator, [left, right]);
}

function compileInExpression(node: SyntaxNode, scope: ReadonlyMap<string, ColumnBinding>, context: CompileContext): Evaluator {
  const right = node.Right;
  const elements = syntaxClass(right) === 'ExpressionList' ? listElements(right.Expressions) : [right];
  const list = elements.map((element): InListElement => {
    if (tableColumns(element).length > 0 || isTabularName(element, context)) {
      return { values: subqueryValues(element, context) };
    }
    return { scalar: compileScalar(element, scope, context) };
  });
  return compileIn(String(node.Operator.Text), compileScalar(node.Left, scope, context), list);
}

function isTabularName(node: SyntaxNode, context: CompileContext): boolean {
  return syntaxClass(node) === 'NameReference' && context.bindings.get(node.ReferencedSymbol)?.kind === 'tabular';
}

/** The values of the first column of a subquery, computed once on first use. */
function subqueryValues(node: SyntaxNode, context: CompileContext): () => readonly KqlValue[] {
  const tabular = context.compileTabular(node, context);
  if (tabular.source === undefined) {
    throw new NotEmulatedError('A subquery over the transformed record', node);
  }
  const relation = materialize(tabular);
  const column = relation.columns[0]?.name;
  let values: KqlValue[] | undefined;
  return () => {
    if (values === undefined) {
      values = [];
      for (const row of relation.rows()) {
        values.push(column === undefined ? null : row[column] ?? null);
      }
    }
    return values;
  };
}

/** `toscalar(query)`: the first column of the first row, computed once on first use. */
function compileToScalar(node: SyntaxNode, context: CompileContext): Evaluator {
  const values = subqueryValues(node, context);
  return () => values()[0] ?? null;
}

function compilePath(node: SyntaxNode, scope: ReadonlyMap<string, ColumnBinding>, context: CompileContext): Evaluator {
  const value = compileScalar(node.Expression, scope, context);
  const selector = node.Selector;
  if (syntaxClass(selector) === 'BracketedExpression') {
    return compileElementAccess(value, compileScalar(selector.Expression, scope, context));
  }
  return compileMemberAccess(value, String(selector.SimpleName));
}

function compileCall(node: SyntaxNode, scope: ReadonlyMap<string, ColumnBinding>, context: CompileContext): Evaluator {
  const name = String(node.Name.SimpleName);
  const argumentNodes = listElements(node.ArgumentList.Expressions);
  const binding = context.bindings.get(node.ReferencedSymbol);
  if (binding?.kind === 'function') {
    return compileUserFunction(binding.declaration, argumentNodes, scope, context);
  }
  if (context.aggregates !== undefined && AGGREGATE_NAMES.has(name)) {
    return context.aggregates(node, name);
  }
  if (name === 'columnifexists' || name === 'column_ifexists') {
    const columnName = constantOf(compileScalar(argumentNodes[0], scope, context));
    const column = columnName === undefined ? undefined : scope.get(toKqlString(columnName.value));
    return column !== undefined ? column.read : compileScalar(argumentNodes[1], scope, context);
  }
  const implementation = SCALAR_FUNCTIONS.get(name);
  if (implementation === undefined) {
    throw new NotEmulatedError(`The function '${name}'`, node);
  }
  const args = argumentNodes.map((argument) => compileScalar(argument, scope, context));
  const evaluator = implementation({
    name, args, argumentNodes, context,
    argumentTypes: argumentNodes.map(resultTypeName),
    resultType: resultTypeName(node),
  });
  return NON_DETERMINISTIC_FUNCTIONS.has(name) ? evaluator : fold(evaluator, args);
}

/** Aggregation functions: inside `summarize` they compile through the context's aggregate compiler. */
const AGGREGATE_NAMES: ReadonlySet<string> = new Set(Object.keys(AGGREGATE_FUNCTIONS));

/**
 * A call of a user function (`let f = (s:string) { ... }`) is compiled by compiling the body with the
 * parameters bound to the compiled arguments (or their defaults).
 */
function compileUserFunction(declaration: SyntaxNode, argumentNodes: readonly SyntaxNode[],
  scope: ReadonlyMap<string, ColumnBinding>, context: CompileContext): Evaluator {
  return withParameters(declaration, argumentNodes, scope, context, () => {
    for (const statement of listElements(declaration.Body.Statements)) {
      bindLetStatement(statement, context);
    }
    return compileScalar(declaration.Body.Expression, scope, context);
  });
}

/** Runs `compile` with the function's parameters bound to the arguments, then restores the previous bindings. */
export function withParameters<T>(declaration: SyntaxNode, argumentNodes: readonly SyntaxNode[],
  scope: ReadonlyMap<string, ColumnBinding>, context: CompileContext, compile: () => T): T {
  const saved: Array<[unknown, Binding | undefined]> = [];
  listElements(declaration.Parameters.Parameters).forEach((parameter: SyntaxNode, index: number) => {
    const symbol = parameter.NameAndType.Name.ReferencedSymbol;
    const argument = argumentNodes[index];
    const binding: Binding = argument !== undefined && tableColumns(argument).length > 0
      ? { kind: 'tabular', expression: argument }
      : {
        kind: 'scalar',
        evaluate: argument !== undefined ? compileScalar(argument, scope, context)
          : parameter.DefaultValue !== null && parameter.DefaultValue !== undefined
            ? compileScalar(parameter.DefaultValue.Value, scope, context) : constantEvaluator(null),
      };
    saved.push([symbol, context.bindings.get(symbol)]);
    context.bindings.set(symbol, binding);
  });
  try {
    return compile();
  } finally {
    for (const [symbol, previous] of saved.reverse()) {
      if (previous === undefined) {
        context.bindings.delete(symbol);
      } else {
        context.bindings.set(symbol, previous);
      }
    }
  }
}

const NO_COLUMNS: ReadonlyMap<string, ColumnBinding> = new Map();

/**
 * Binds the name of a `let` statement: a user function, a tabular expression (compiled where it is used) or a
 * scalar (compiled now; in a query, evaluated once on first use, as the clock does not move during a query).
 */
export function bindLetStatement(statement: SyntaxNode, context: CompileContext): void {
  if (syntaxClass(statement) !== 'LetStatement') {
    throw new NotEmulatedError(`The statement '${String(statement.ToString()).trim()}'`, statement);
  }
  const symbol = statement.Name.ReferencedSymbol;
  const expression = statement.Expression;
  if (syntaxClass(expression) === 'FunctionDeclaration') {
    context.bindings.set(symbol, { kind: 'function', declaration: expression });
    return;
  }
  if (expression.ResultType?.Columns !== undefined && expression.ResultType?.Columns !== null) {
    context.bindings.set(symbol, { kind: 'tabular', expression });
    return;
  }
  const evaluate = compileScalar(expression, NO_COLUMNS, context);
  if (context.mode === 'query' && constantOf(evaluate) === undefined) {
    let computed: { value: KqlValue } | undefined;
    context.bindings.set(symbol, {
      kind: 'scalar',
      evaluate: () => {
        if (computed === undefined) {
          computed = { value: evaluate(EMPTY_ROW) };
        }
        return computed.value;
      },
    });
    return;
  }
  context.bindings.set(symbol, { kind: 'scalar', evaluate });
}
