import { ContentParseResult } from './analytic-rule';
import { parseCsv } from './csv';
import { SolutionProblem, SourceLocation } from './solution-problem';

/** A watchlist as solution.yaml declares it. */
export interface WatchlistDeclaration {
  readonly file: string;
  /** May be a `{{parameter}}`, resolved per workspace. */
  readonly alias: string;
  readonly displayName: string;
  readonly description?: string;
  readonly itemsSearchKey: string;
  readonly labels?: readonly string[];
  /** ISO 8601. */
  readonly defaultDuration?: string;
}

/** One row of a watchlist. */
export interface WatchlistItem {
  /** The line of the CSV file it comes from. */
  readonly line: number;
  /** Column name to value. */
  readonly properties: Readonly<Record<string, string>>;
  /** The value of the search key column. */
  readonly searchKey: string;
}

/** A watchlist with its items, read from its CSV file. */
export interface Watchlist extends Omit<WatchlistDeclaration, 'file'> {
  /** The CSV file, as shown to the user. */
  readonly file: string;
  readonly columns: readonly string[];
  readonly items: readonly WatchlistItem[];
}

/**
 * Reads a watchlist's CSV: a header row, then one item per row. The search key column must exist and its values be
 * unique and not empty: `_GetWatchlist` looks items up by it, and each item's construct id is made from it.
 */
export function parseWatchlist(declaration: WatchlistDeclaration, file: string, text: string,
  declaredAt: SourceLocation): ContentParseResult<Watchlist> {
  const parsed = parseCsv(text);
  if ('problem' in parsed) {
    return { problems: [{ file, line: parsed.problem.line, column: parsed.problem.column, severity: 'error', message: parsed.problem.message }] };
  }
  const [header, ...rows] = parsed.records;
  const problems: SolutionProblem[] = [];
  if (header === undefined) {
    return { problems: [{ file, line: 1, column: 1, severity: 'error', message: 'the file is empty; a watchlist needs a header row' }] };
  }
  const columns = header.fields.map((name) => name.trim());
  columns.forEach((name, index) => {
    if (name === '' || columns.indexOf(name) !== index) {
      problems.push({ file, line: header.line, severity: 'error', message: `column ${index + 1} of the header is ${name === '' ? 'empty' : `"${name}" again`}; column names must be unique` });
    }
  });
  const keyIndex = columns.indexOf(declaration.itemsSearchKey);
  if (keyIndex < 0) {
    problems.push({ ...declaredAt, path: `${declaredAt.path ?? ''}.itemsSearchKey`, severity: 'error',
      message: `"${declaration.itemsSearchKey}" is not a column of ${file} (${columns.join(', ')})` });
    return { problems };
  }
  const firstLineOfKey = new Map<string, number>();
  const items = rows.flatMap((row): WatchlistItem[] => {
    if (row.fields.length !== columns.length) {
      problems.push({ file, line: row.line, severity: 'error', message: `has ${row.fields.length} fields; the header has ${columns.length}` });
      return [];
    }
    const searchKey = row.fields[keyIndex];
    const earlier = firstLineOfKey.get(searchKey);
    if (searchKey.trim() === '') {
      problems.push({ file, line: row.line, severity: 'error', message: `the search key ${declaration.itemsSearchKey} is empty` });
    } else if (earlier !== undefined) {
      problems.push({ file, line: row.line, severity: 'error', message: `the search key ${declaration.itemsSearchKey} "${searchKey}" repeats line ${earlier}` });
    } else {
      firstLineOfKey.set(searchKey, row.line);
    }
    return [{ line: row.line, searchKey, properties: Object.fromEntries(columns.map((name, index) => [name, row.fields[index]])) }];
  });
  if (problems.length > 0) {
    return { problems };
  }
  return { problems, content: { ...declaration, file, columns, items } };
}
