import { KqlQueryError, QueryResult, QueryTable, runQuery } from '../../../../model/kql/evaluate/run-query';
import { KqlTimespan, Row } from '../../../../model/kql/values';

const NOW = new Date('2024-05-01T10:00:00Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

const events: QueryTable = {
  tableName: 'Events',
  columns: [
    { name: 'TimeGenerated', type: 'datetime' }, { name: 'Computer', type: 'string' }, { name: 'Level', type: 'string' },
    { name: 'Bytes', type: 'long' }, { name: 'Properties', type: 'dynamic' },
  ],
  rows: () => [
    { TimeGenerated: minutesAgo(5), Computer: 'web01', Level: 'error', Bytes: 100, Properties: { user: 'alice' } },
    { TimeGenerated: minutesAgo(20), Computer: 'web01', Level: 'info', Bytes: 300, Properties: { user: 'bob' } },
    { TimeGenerated: minutesAgo(70), Computer: 'web02', Level: 'error', Bytes: 50, Properties: { user: 'alice' } },
    { TimeGenerated: minutesAgo(80), Computer: 'db01', Level: 'warning', Bytes: null, Properties: null },
    { TimeGenerated: minutesAgo(60 * 30), Computer: 'web02', Level: 'info', Bytes: 700, Properties: { user: 'carol' } },
  ],
};

const audits: QueryTable = {
  tableName: 'Audits',
  columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Computer', type: 'string' }, { name: 'Operation', type: 'string' }],
  rows: () => [{ TimeGenerated: minutesAgo(1), Computer: 'web01', Operation: 'Login' }],
};

const tables = [events, audits];

function query(text: string, options: { maxRows?: number } = {}): QueryResult {
  return runQuery(text, tables, { now: NOW, ...options });
}

/** The rows as objects, for readable expectations. */
function records(result: QueryResult): Row[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((column, index) => [column.name, row[index]])));
}

/** The error a query throws. */
function failure(text: string): KqlQueryError {
  try {
    query(text);
  } catch (error) {
    if (error instanceof KqlQueryError) {
      return error;
    }
    throw error;
  }
  throw new Error(`ran: ${text}`);
}

describe('runQuery', () => {
  test('returns the columns with their types and the rows as arrays in column order', () => {
    const result = query('Events | where Level == "error" | project Computer, Bytes, TimeGenerated');
    expect(result.columns).toEqual([
      { name: 'Computer', type: 'string' }, { name: 'Bytes', type: 'long' }, { name: 'TimeGenerated', type: 'datetime' },
    ]);
    expect(result.rows).toEqual([['web01', 100, minutesAgo(5)], ['web02', 50, minutesAgo(70)]]);
  });

  test('reads the transformation subset: extend, parse, project-away, project-rename, dynamic members', () => {
    expect(records(query('Events | where isnotnull(Properties) | extend User = tostring(Properties.user) '
      + '| parse Computer with Role:string "0" Number:int | project-away Properties, TimeGenerated | project-rename Host = Computer | take 2')))
      .toEqual([
        { Host: 'web01', Level: 'error', Bytes: 100, User: 'alice', Role: 'web', Number: 1 },
        { Host: 'web01', Level: 'info', Bytes: 300, User: 'bob', Role: 'web', Number: 1 },
      ]);
  });

  test('a rename of a column to its own name runs as a no-op', () => {
    expect(records(query('Events | project-rename Computer = Computer | project Computer, Bytes | take 1')))
      .toEqual([{ Computer: 'web01', Bytes: 100 }]);
  });

  test('take and limit give the first rows in arrival order; count counts', () => {
    expect(query('Events | take 2 | project Bytes').rows).toEqual([[100], [300]]);
    expect(query('Events | limit 1 | project Bytes').rows).toEqual([[100]]);
    expect(query('Events | take 0').rows).toEqual([]);
    expect(query('Events | where Level == "info" | count')).toEqual({ columns: [{ name: 'Count', type: 'long' }], rows: [[2]] });
  });

  test('project-keep, project-reorder, serialize and render', () => {
    expect(query('Audits | project-keep Comp*, Operation').columns.map((column) => column.name)).toEqual(['Computer', 'Operation']);
    expect(query('Audits | project-reorder Operation').columns.map((column) => column.name)).toEqual(['Operation', 'TimeGenerated', 'Computer']);
    expect(query('Audits | serialize Row = 1 | project Row').rows).toEqual([[1]]);
    expect(query('Events | summarize count() by Computer | render barchart').rows).toHaveLength(3);
  });

  test('cuts the result at maxRows and says so', () => {
    const result = query('Events', { maxRows: 2 });
    expect(result.rows).toHaveLength(2);
    expect(result.truncated).toBe(true);
    expect(query('Events').truncated).toBeUndefined();
  });
});

describe('summarize', () => {
  test('aggregates per group: count, dcount, sum, avg, min, max, countif; by columns first', () => {
    const result = query('Events | summarize Events = count(), Users = dcount(tostring(Properties.user)), Total = sum(Bytes), '
      + 'Average = avg(Bytes), Smallest = min(Bytes), Largest = max(Bytes), Errors = countif(Level == "error") by Computer | order by Computer asc');
    expect(result.columns.map((column) => `${column.name}:${column.type}`)).toEqual([
      'Computer:string', 'Events:long', 'Users:long', 'Total:long', 'Average:real', 'Smallest:long', 'Largest:long', 'Errors:long',
    ]);
    expect(records(result)).toEqual([
      { Computer: 'db01', Events: 1, Users: 1, Total: null, Average: null, Smallest: null, Largest: null, Errors: 0 },
      { Computer: 'web01', Events: 2, Users: 2, Total: 400, Average: 200, Smallest: 100, Largest: 300, Errors: 1 },
      { Computer: 'web02', Events: 2, Users: 2, Total: 750, Average: 375, Smallest: 50, Largest: 700, Errors: 1 },
    ]);
  });

  test('groups by bin() of the time, named after the column', () => {
    const result = query('Events | where TimeGenerated > ago(2h) | summarize count() by bin(TimeGenerated, 1h) | order by TimeGenerated asc');
    expect(result.columns).toEqual([{ name: 'TimeGenerated', type: 'datetime' }, { name: 'count_', type: 'long' }]);
    expect(result.rows).toEqual([[new Date('2024-05-01T08:00:00Z'), 2], [new Date('2024-05-01T09:00:00Z'), 2]]);
  });

  test('without by gives one row, also over no rows', () => {
    expect(query('Events | summarize count(), sum(Bytes)').rows).toEqual([[5, 1150]]);
    expect(query('Events | where Level == "none" | summarize count(), sum(Bytes)').rows).toEqual([[0, null]]);
    expect(query('Events | where Level == "none" | summarize count() by Computer').rows).toEqual([]);
  });

  test('arg_max and arg_min keep the columns of the row they pick', () => {
    expect(records(query('Events | summarize arg_max(TimeGenerated, *) by Computer | order by Computer asc | project Computer, TimeGenerated, Level, Bytes')))
      .toEqual([
        { Computer: 'db01', TimeGenerated: minutesAgo(80), Level: 'warning', Bytes: null },
        { Computer: 'web01', TimeGenerated: minutesAgo(5), Level: 'error', Bytes: 100 },
        { Computer: 'web02', TimeGenerated: minutesAgo(70), Level: 'error', Bytes: 50 },
      ]);
    expect(records(query('Events | summarize arg_min(Bytes, Computer), Events = count()'))).toEqual([{ Bytes: 50, Computer: 'web02', Events: 5 }]);
  });

  test('aggregates inside expressions, make_set and make_list', () => {
    expect(records(query('Events | where Computer startswith "web" | summarize Kilobytes = round(sum(Bytes) / 1000.0, 1), '
      + 'Levels = make_set(Level), Hosts = make_list(Computer, 2)'))).toEqual([
      { Kilobytes: 1.2, Levels: ['error', 'info'], Hosts: ['web01', 'web01'] },
    ]);
  });
});

describe('order by, sort by, top, distinct', () => {
  test('sorts descending by default with nulls last; ascending puts nulls first', () => {
    expect(query('Events | order by Bytes | project Bytes').rows).toEqual([[700], [300], [100], [50], [null]]);
    expect(query('Events | sort by Bytes asc | project Bytes').rows).toEqual([[null], [50], [100], [300], [700]]);
    expect(query('Events | sort by Bytes desc nulls first | project Bytes').rows).toEqual([[null], [700], [300], [100], [50]]);
  });

  test('sorts by several keys, stable for equal keys', () => {
    expect(query('Events | order by Computer asc, Bytes desc | project Computer, Bytes').rows).toEqual([
      ['db01', null], ['web01', 300], ['web01', 100], ['web02', 700], ['web02', 50],
    ]);
  });

  test('top N by an expression', () => {
    expect(query('Events | top 2 by Bytes | project Bytes').rows).toEqual([[700], [300]]);
    expect(query('Events | top 2 by TimeGenerated asc | project Computer').rows).toEqual([['web02'], ['db01']]);
  });

  test('distinct keeps the first of each combination', () => {
    expect(query('Events | distinct Computer, Level | order by Computer asc, Level asc').rows).toEqual([
      ['db01', 'warning'], ['web01', 'error'], ['web01', 'info'], ['web02', 'error'], ['web02', 'info'],
    ]);
    expect(query('Events | project Computer | distinct *').rows).toHaveLength(3);
  });
});

describe('union', () => {
  test('appends tables, with the columns of all and nulls where a table lacks one', () => {
    const result = query('union Audits, (Events | where Level == "warning") | project Computer, Operation, Level');
    expect(result.rows).toEqual([['web01', 'Login', ''], ['db01', '', 'warning']]);
  });

  test('names the source table with withsource', () => {
    expect(records(query('union withsource=SourceTable Events, Audits | summarize Rows = count() by SourceTable | order by SourceTable asc')))
      .toEqual([{ SourceTable: 'Audits', Rows: 1 }, { SourceTable: 'Events', Rows: 5 }]);
  });

  test('piped: the input comes first', () => {
    expect(query('Audits | union Events | count').rows).toEqual([[6]]);
  });
});

describe('time filters', () => {
  test('ago(), now(), between and datetime literals', () => {
    expect(query('Events | where TimeGenerated > ago(1h) | count').rows).toEqual([[2]]);
    expect(query('Events | where TimeGenerated between (ago(90m) .. now()) | count').rows).toEqual([[4]]);
    expect(query('Events | where TimeGenerated between (datetime(2024-05-01T08:00:00Z) .. 1h) | project Computer').rows)
      .toEqual([['web02'], ['db01']]);
    expect(query('Events | where TimeGenerated < datetime(2024-05-01) | project Computer').rows).toEqual([['web02']]);
  });

  test('timespan arithmetic on columns', () => {
    expect(query('Events | extend Age = now() - TimeGenerated | where Age < 30m | project Age').rows)
      .toEqual([[new KqlTimespan(300_000)], [new KqlTimespan(1_200_000)]]);
  });
});

describe('let, datatable, toscalar, in, getschema', () => {
  test('let binds scalars and tabular expressions', () => {
    expect(query('let since = ago(1h); let recent = Events | where TimeGenerated > since; recent | count').rows).toEqual([[2]]);
  });

  test('datatable and in with a subquery', () => {
    expect(query('let Watchlist = datatable(Host:string, Reason:string) ["web02", "scanner", "db01", "old"]; '
      + 'Events | where Computer in (Watchlist | project Host) | distinct Computer').rows).toEqual([['web02'], ['db01']]);
  });

  test('in with a tabular let of one column', () => {
    expect(query('let Hosts = datatable(Host:string) ["db01"]; Events | where Computer in (Hosts) | project Computer').rows).toEqual([['db01']]);
    expect(query('let Hosts = Audits | project Computer; Events | where Computer !in (Hosts) | count').rows).toEqual([[3]]);
  });

  test('toscalar computes once', () => {
    expect(query('let total = toscalar(Events | summarize sum(Bytes)); Events | extend Share = Bytes * 100.0 / total | top 1 by Share | project Share')
      .rows).toEqual([[(700 * 100) / 1150]]);
  });

  test('getschema lists the columns', () => {
    expect(records(query('Audits | getschema'))).toEqual([
      { ColumnName: 'TimeGenerated', ColumnOrdinal: 0, DataType: 'System.DateTime', ColumnType: 'datetime' },
      { ColumnName: 'Computer', ColumnOrdinal: 1, DataType: 'System.String', ColumnType: 'string' },
      { ColumnName: 'Operation', ColumnOrdinal: 2, DataType: 'System.String', ColumnType: 'string' },
    ]);
  });

  test('print needs no table', () => {
    expect(query('print x = 1 + 1, y = "a"')).toEqual({ columns: [{ name: 'x', type: 'long' }, { name: 'y', type: 'string' }], rows: [[2, 'a']] });
  });
});

describe('fails', () => {
  test('with BadArgumentError/SyntaxError on a syntax error, with line and position', () => {
    const error = failure('Events\n| where Bytes > ');
    expect(error).toMatchObject({ name: 'KqlQueryError', code: 'BadArgumentError', innerCode: 'SyntaxError' });
    expect(error.message).toBe('Line 2, position 16: Missing expression');
    expect(error.diagnostics[0]).toMatchObject({ line: 2, column: 16, code: 'KS006' });
  });

  test('with SemanticError on an unknown column or table', () => {
    const column = failure('Events | where Bytez > 1');
    expect(column.innerCode).toBe('SemanticError');
    expect(column.message).toContain("'Bytez'");
    expect(failure('SecurityEvent | take 1').innerCode).toBe('SemanticError');
  });

  test('with SemanticError naming an operator the emulator does not run', () => {
    const join = failure('Events | join kind=inner (Audits) on Computer');
    expect(join.innerCode).toBe('SemanticError');
    expect(join.message).toBe("Line 1, position 10: The 'join' operator is not supported by the emulator.");
    expect(join.diagnostics[0].code).toBe('SCDK020');
    expect(failure('Events | mv-expand Properties').message).toContain("'mv-expand' operator");
  });

  test('on functions that exist only in transformations', () => {
    expect(failure('print geo_location("1.2.3.4")').innerCode).toBe('SemanticError');
  });
});
