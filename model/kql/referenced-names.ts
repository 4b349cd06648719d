import { kusto } from './language-service';
import { listElements, SyntaxNode, syntaxClass } from './evaluate/syntax';

/** The names a query refers to, read from the language service's syntax tree (parsed, not analyzed). */
export interface ReferencedNames {
  /**
   * Every name the query refers to: tables, functions, columns and `let` variables alike (a parse without a schema
   * cannot tell them apart), and the literal names given to `table("...")`.
   */
  readonly names: ReadonlySet<string>;
  /** The aliases of the watchlists the query reads with `_GetWatchlist("<alias>")`. */
  readonly watchlistAliases: ReadonlySet<string>;
}

/** Functions whose first argument names something by a string literal: a table, or a watchlist's alias. */
const NAMING_FUNCTIONS: ReadonlyMap<string, 'table' | 'watchlist'> = new Map([
  ['table', 'table'], ['_GetWatchlist', 'watchlist'],
]);

/**
 * The names a KQL query refers to, so that a caller can tell which of the workspace's functions, tables and
 * watchlists it needs. `CefEvent | where x == "Foo_CL"` refers to `CefEvent` and `x`, not to `Foo_CL`: names in
 * strings and comments are not references. Parsing is the language service's own, so any KQL it parses is read the
 * way Kusto reads it.
 */
export function namesReferencedBy(text: string): ReferencedNames {
  // The same queries come back in every workspace a solution is installed in, and again in the synth-time check.
  let found = cache.get(text);
  if (found === undefined) {
    found = parseNames(text);
    if (cache.size >= CACHE_ENTRIES) {
      cache.delete(cache.keys().next().value as string);
    }
    cache.set(text, found);
  }
  return found;
}

/** Queries whose names are kept, the oldest dropped first. */
const CACHE_ENTRIES = 2_000;
const cache = new Map<string, ReferencedNames>();

function parseNames(text: string): ReferencedNames {
  const language = kusto();
  const code = language.KustoCode.Parse(text, language.GlobalState.Default);
  const names = new Set<string>();
  const watchlistAliases = new Set<string>();
  language.Syntax.SyntaxElement.WalkElements(code.Syntax, (element: SyntaxNode) => {
    const kind = element.IsToken === true ? '' : syntaxClass(element);
    if (kind === 'NameReference') {
      names.add(String(element.SimpleName));
    } else if (kind === 'FunctionCallExpression') {
      const naming = NAMING_FUNCTIONS.get(String(element.Name?.SimpleName));
      const first = listElements(element.ArgumentList?.Expressions)[0];
      const literal = first === undefined || syntaxClass(first) !== 'LiteralExpression' ? undefined : first.LiteralValue;
      if (naming !== undefined && typeof literal === 'string') {
        (naming === 'table' ? names : watchlistAliases).add(literal);
      }
    }
  });
  return { names, watchlistAliases };
}
