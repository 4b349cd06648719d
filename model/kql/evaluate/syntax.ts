import { kusto } from '../language-service';
import { ResultColumn } from '../values';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Small readers over the language service's syntax tree (Bridge.NET objects), so that the compilers read
 * `syntaxClass(node)` instead of `node.constructor.$$name` and lists as arrays.
 */

/** A node of the language service's syntax tree. */
export type SyntaxNode = any;

/** The node's class without its namespace: `PipeExpression`, `FilterOperator`, `BinaryExpression`, ... */
export function syntaxClass(node: SyntaxNode): string {
  return String(node.constructor.$$name).replace('Kusto.Language.Syntax.', '');
}

let kindNames: Map<number, string> | undefined;

/** The node's `SyntaxKind` by name: `HasExpression`, `LongLiteralExpression`, ... */
export function syntaxKind(node: SyntaxNode): string {
  if (kindNames === undefined) {
    const kinds = kusto().Syntax.SyntaxKind;
    kindNames = new Map();
    for (const name of Object.keys(kinds)) {
      if (typeof kinds[name] === 'number') {
        kindNames.set(kinds[name], name);
      }
    }
  }
  return kindNames.get(node.Kind) ?? '';
}

/** The elements of a `SyntaxList`, unwrapping `SeparatedElement`s (so the commas are left out). */
export function listElements(list: SyntaxNode): SyntaxNode[] {
  const elements: SyntaxNode[] = [];
  if (list === null || list === undefined) {
    return elements;
  }
  for (let index = 0; index < list.ChildCount; index++) {
    const child = list.GetChild(index);
    if (child === null || child === undefined) {
      continue;
    }
    elements.push(syntaxClass(child).startsWith('SeparatedElement') ? child.GetChild(0) : child);
  }
  return elements;
}

/** The name of the type the analyzer gave an expression (`long`, `string`, `dynamic`, ...; `unknown` if none). */
export function resultTypeName(expression: SyntaxNode): string {
  const type = expression?.ResultType;
  return type === null || type === undefined ? 'unknown' : String(type.Name);
}

/** The columns of a tabular expression or operator, as the analyzer inferred them. */
export function tableColumns(expression: SyntaxNode): ResultColumn[] {
  const type = expression?.ResultType;
  const columns: ResultColumn[] = [];
  if (type === null || type === undefined || type.Columns === undefined || type.Columns === null) {
    return columns;
  }
  for (let index = 0; index < type.Columns.Count; index++) {
    const column = type.Columns.getItem(index);
    columns.push({ name: String(column.Name), type: String(column.Type.Name) });
  }
  return columns;
}

/** The value of a named parameter of an operator (`kind=regex`, `withsource=Source`) as written, or undefined. */
export function namedParameter(operator: SyntaxNode, name: string): string | undefined {
  for (const parameter of listElements(operator.Parameters)) {
    if (String(parameter.Name?.SimpleName).toLowerCase() === name) {
      const expression = parameter.Expression;
      const simpleName = expression?.SimpleName;
      return simpleName !== undefined && simpleName !== null ? String(simpleName) : String(expression.ToString()).trim();
    }
  }
  return undefined;
}

/** The first keyword of an operator, as the user wrote it (`where`, `order`, `summarize`). */
export function keywordOf(node: SyntaxNode): string {
  return String(node.GetFirstToken().Text);
}

/** The class name of the symbol a name refers to: `ColumnSymbol`, `VariableSymbol`, `TableSymbol`, ... */
export function referencedSymbolClass(node: SyntaxNode): string {
  const symbol = node.ReferencedSymbol;
  return symbol === null || symbol === undefined ? '' : String(symbol.constructor.$$name).replace('Kusto.Language.Symbols.', '');
}
