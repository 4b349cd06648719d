import { SUPPORTED_QUERY_OPERATORS } from '../transformation-subset';
import { CompileContext, OperatorCompiler, Tabular } from './compile-context';
import { NotEmulatedError } from './errors';
import { bindLetStatement, withParameters } from './expressions/compile-scalar';
import { compileCountOperator } from './operators/count-operator';
import { compileDataTableExpression } from './operators/datatable-expression';
import { compileDistinctOperator } from './operators/distinct-operator';
import { compileExtendOperator } from './operators/extend-operator';
import { compileGetSchemaOperator } from './operators/getschema-operator';
import { compileParseOperator } from './operators/parse-operator';
import { compilePrintOperator } from './operators/print-operator';
import { compileProjectAwayOperator } from './operators/project-away-operator';
import { compileProjectKeepOperator } from './operators/project-keep-operator';
import { compileProjectOperator } from './operators/project-operator';
import { compileProjectRenameOperator } from './operators/project-rename-operator';
import { compileProjectReorderOperator } from './operators/project-reorder-operator';
import { compileRenderOperator } from './operators/render-operator';
import { compileSerializeOperator } from './operators/serialize-operator';
import { compileSortOperator } from './operators/sort-operator';
import { compileSummarizeOperator } from './operators/summarize-operator';
import { compileTakeOperator } from './operators/take-operator';
import { compileTopOperator } from './operators/top-operator';
import { compileUnionOperator } from './operators/union-operator';
import { compileWhereOperator } from './operators/where-operator';
import { keywordOf, listElements, referencedSymbolClass, SyntaxNode, syntaxClass } from './syntax';

/** The operators the evaluator compiles, by the language service's syntax node class. */
const OPERATORS: ReadonlyMap<string, OperatorCompiler> = new Map<string, OperatorCompiler>([
  ['FilterOperator', compileWhereOperator],
  ['ExtendOperator', compileExtendOperator],
  ['ProjectOperator', compileProjectOperator],
  ['ProjectAwayOperator', compileProjectAwayOperator],
  ['ProjectRenameOperator', compileProjectRenameOperator],
  ['ProjectKeepOperator', compileProjectKeepOperator],
  ['ProjectReorderOperator', compileProjectReorderOperator],
  ['ParseOperator', compileParseOperator],
  ['TakeOperator', compileTakeOperator],
  ['CountOperator', compileCountOperator],
  ['SummarizeOperator', compileSummarizeOperator],
  ['SortOperator', compileSortOperator],
  ['TopOperator', compileTopOperator],
  ['DistinctOperator', compileDistinctOperator],
  ['GetSchemaOperator', compileGetSchemaOperator],
  ['UnionOperator', compileUnionOperator],
  ['RenderOperator', compileRenderOperator],
  ['SerializeOperator', compileSerializeOperator],
]);

/**
 * Compiles a tabular expression: a pipeline (`T | op | op`) left to right, the name of a table or of a tabular
 * `let`, or a source of its own (`print`, `union`, `datatable`). A transformation accepts only the operators of
 * the transformation subset.
 */
export function compileTabular(node: SyntaxNode, context: CompileContext): Tabular {
  switch (syntaxClass(node)) {
    case 'PipeExpression': {
      const input = compileTabular(node.Expression, context);
      return compileOperator(node.Operator, input, context);
    }
    case 'ParenthesizedExpression':
      return compileTabular(node.Expression, context);
    case 'NameReference':
      return compileTableName(node, context);
    case 'PrintOperator':
      return compilePrintOperator(node, context);
    case 'UnionOperator':
      refuseInTransformation(node, context);
      return compileUnionOperator(node, undefined, context);
    case 'DataTableExpression':
      return compileDataTableExpression(node, context);
    case 'FunctionCallExpression':
      return compileTabularCall(node, context);
    default:
      throw new NotEmulatedError(syntaxClass(node).endsWith('Operator')
        ? `The '${keywordOf(node)}' operator` : `The tabular expression '${String(node.ToString()).trim()}'`, node);
  }
}

function refuseInTransformation(operator: SyntaxNode, context: CompileContext): void {
  if (context.mode === 'transformation' && !SUPPORTED_QUERY_OPERATORS.has(syntaxClass(operator))) {
    throw new NotEmulatedError(`The '${keywordOf(operator)}' operator`, operator, 'SCDK001');
  }
}

function compileOperator(operator: SyntaxNode, input: Tabular, context: CompileContext): Tabular {
  refuseInTransformation(operator, context);
  const compiler = OPERATORS.get(syntaxClass(operator));
  if (compiler === undefined) {
    throw new NotEmulatedError(`The '${keywordOf(operator)}' operator`, operator);
  }
  return compiler(operator, input, context);
}

function compileTableName(node: SyntaxNode, context: CompileContext): Tabular {
  const name = String(node.SimpleName);
  const binding = context.bindings.get(node.ReferencedSymbol);
  if (binding?.kind === 'tabular') {
    return compileTabular(binding.expression, context);
  }
  if (referencedSymbolClass(node) === 'TableSymbol') {
    const table = context.resolveTable(name);
    if (table !== undefined) {
      return table;
    }
  }
  throw new NotEmulatedError(`The table '${name}'`, node);
}

/** `materialize(T)`, `table("T")` and calls of user functions whose body is tabular. */
function compileTabularCall(node: SyntaxNode, context: CompileContext): Tabular {
  const name = String(node.Name.SimpleName);
  const argumentNodes = listElements(node.ArgumentList.Expressions);
  const binding = context.bindings.get(node.ReferencedSymbol);
  if (binding?.kind === 'function') {
    const declaration = binding.declaration;
    return withParameters(declaration, argumentNodes, new Map(), context, () => {
      for (const statement of listElements(declaration.Body.Statements)) {
        bindLetStatement(statement, context);
      }
      return compileTabular(declaration.Body.Expression, context);
    });
  }
  if (name === 'materialize' && argumentNodes.length === 1) {
    return compileTabular(argumentNodes[0], context);
  }
  if (name === 'table' && argumentNodes.length >= 1 && syntaxClass(argumentNodes[0]) === 'LiteralExpression') {
    const table = context.resolveTable(String(argumentNodes[0].LiteralValue));
    if (table !== undefined) {
      return table;
    }
  }
  throw new NotEmulatedError(`The function '${name}'`, node);
}

/**
 * Compiles the statements of a query or transformation: `let` statements bind their names; the tabular
 * expression statement is the result (the last one when there are several). Undefined when there is none.
 */
export function compileQueryBlock(root: SyntaxNode, context: CompileContext): Tabular | undefined {
  let result: Tabular | undefined;
  for (const statement of listElements(root.Statements)) {
    switch (syntaxClass(statement)) {
      case 'ExpressionStatement':
        result = compileTabular(statement.Expression, context);
        break;
      case 'SetOptionStatement':
        break;
      default:
        bindLetStatement(statement, context);
    }
  }
  return result;
}
