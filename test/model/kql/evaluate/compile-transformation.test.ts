import { TransformationCode } from '../../../../model/kql/check-transformation';
import {
  compileTransformation, TransformationNotSupportedError,
} from '../../../../model/kql/evaluate/compile-transformation';
import { KqlTimespan, Row } from '../../../../model/kql/values';
import { ColumnDefinition } from '../../../../model/tables/table-schema';
import { applyAndRead } from './read-row';

const NOW = new Date('2024-05-01T10:00:00Z');
const now = () => NOW;

const columns: ColumnDefinition[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Message', type: 'string' },
  { name: 'Count', type: 'int' },
  { name: 'Bytes', type: 'long' },
  { name: 'Ratio', type: 'real' },
  { name: 'Flag', type: 'boolean' },
  { name: 'Properties', type: 'dynamic' },
  { name: 'RawData', type: 'string' },
];

/** Compiles against {@link columns}, applies to one row and reads every output column. */
function run(transformKql: string, row: Row): Row | undefined {
  return applyAndRead(compileTransformation(transformKql, columns, { now }), row);
}

/** The error that compiling throws. */
function refusal(transformKql: string, inputColumns: readonly ColumnDefinition[] = columns): TransformationNotSupportedError {
  try {
    compileTransformation(transformKql, inputColumns);
  } catch (error) {
    if (error instanceof TransformationNotSupportedError) {
      return error;
    }
    throw error;
  }
  throw new Error(`compiled: ${transformKql}`);
}

describe('compileTransformation', () => {
  test('returns the output columns with the analyzer\'s types and applies per record', () => {
    const transformation = compileTransformation('source | where Count > 1 | extend Total = Count * 2 | project TimeGenerated, Message, Total',
      columns, { now });
    expect(transformation.outputColumns).toEqual([
      { name: 'TimeGenerated', type: 'datetime' }, { name: 'Message', type: 'string' }, { name: 'Total', type: 'long' },
    ]);
    expect(transformation.apply({ TimeGenerated: NOW, Message: 'a', Count: 3 })).toEqual({ TimeGenerated: NOW, Message: 'a', Total: 6 });
    expect(transformation.apply({ TimeGenerated: NOW, Message: 'b', Count: 1 })).toBeUndefined();
  });

  test('does not change the input row, and the output row has the output columns only', () => {
    const row: Row = { TimeGenerated: NOW, Message: 'hello', Count: 2, Unknown: 'x' };
    const output = compileTransformation('source | extend Message = toupper(Message) | project-away RawData', columns).apply(row);
    expect(row).toEqual({ TimeGenerated: NOW, Message: 'hello', Count: 2, Unknown: 'x' });
    expect(output).toEqual({ TimeGenerated: NOW, Message: 'HELLO', Count: 2 });
  });

  test('leaves out of the row the columns with no value (null, or empty text), which read as null or ""', () => {
    const filter = compileTransformation('source | where Count > 0', columns);
    expect(filter.apply({ Count: 1, Message: '', Bytes: null, Ratio: 0.5, Unknown: 'x' })).toEqual({ Count: 1, Ratio: 0.5 });
    const computed = compileTransformation('source | project Count, Text = tostring(Bytes), Copy = Message', columns);
    expect(computed.apply({ Count: 0, Message: 'm' })).toEqual({ Count: 0, Copy: 'm' });
  });

  test('converts input values to the declared types and output values to the result types', () => {
    const output = run('source | extend Half = toint(Ratio), Text = tostring(Count)', {
      TimeGenerated: '2024-04-30T23:59:59.5Z', Message: 42 as unknown as string, Count: '7', Bytes: 12.9, Ratio: '2.75', Flag: 'true',
    });
    expect(output).toMatchObject({
      TimeGenerated: new Date('2024-04-30T23:59:59.500Z'), Message: '42', Count: 7, Bytes: 12, Ratio: 2.75, Flag: true, Half: 2,
      Text: '7', Properties: null, RawData: '',
    });
  });

  test('reads missing columns as null, and text columns as empty text (string has no null)', () => {
    expect(run('source | project TimeGenerated, Message, Count, IsEmpty = isempty(Message), IsNull = isnull(Count)', {}))
      .toEqual({ TimeGenerated: null, Message: '', Count: null, IsEmpty: true, IsNull: true });
  });

  test('now() and ago() read the clock once per record', () => {
    let ticks = 0;
    const transformation = compileTransformation('source | project TimeGenerated = now(), Same = now() == now(), Before = ago(1h)', columns, {
      now: () => new Date(NOW.getTime() + 1000 * ticks++),
    });
    expect(transformation.apply({})).toEqual({ TimeGenerated: NOW, Same: true, Before: new Date('2024-05-01T09:00:00Z') });
    expect(transformation.apply({})?.TimeGenerated).toEqual(new Date('2024-05-01T10:00:01Z'));
  });

  test('print makes one row whatever the record', () => {
    const transformation = compileTransformation('print TimeGenerated = now(), Message = "started", Level = 3', columns, { now });
    expect(transformation.apply({ Message: 'ignored' })).toEqual({ TimeGenerated: NOW, Message: 'started', Level: 3 });
  });
});

describe('applyToTypedRow', () => {
  const typed: Row = { TimeGenerated: NOW, Message: 'hello', Count: 2 };

  test('a transformation that only filters returns a typed row itself, not a copy', () => {
    const filter = compileTransformation('source | where Count > 1', columns, { now });
    expect(filter.applyToTypedRow(typed)).toBe(typed);
    expect(filter.applyToTypedRow({ ...typed, Count: 1 })).toBeUndefined();
    expect(filter.apply(typed)).not.toBe(typed);
    expect(filter.apply(typed)).toEqual(typed);
  });

  test('a transformation that changes or drops columns makes a new row, the input unchanged', () => {
    for (const transformKql of ['source | extend Count = Count + 1', 'source | project-away RawData', 'source | project TimeGenerated, Message']) {
      const output = compileTransformation(transformKql, columns, { now }).applyToTypedRow(typed);
      expect(output).not.toBe(typed);
    }
    expect(compileTransformation('source | extend Count = Count + 1', columns, { now }).applyToTypedRow(typed)).toEqual({ ...typed, Count: 3 });
    expect(typed).toEqual({ TimeGenerated: NOW, Message: 'hello', Count: 2 });
  });

  test('builds rows of many columns, whatever characters their names hold', () => {
    const wide: ColumnDefinition[] = [{ name: 'TimeGenerated', type: 'datetime' },
      ...Array.from({ length: 60 }, (_, index): ColumnDefinition => ({ name: `Column${index}`, type: 'string' }))];
    const row: Row = Object.fromEntries(wide.map((column) => [column.name, column.type === 'datetime' ? NOW : `${column.name}"\\'\n`]));
    const output = compileTransformation('source | extend [\'Odd "name\\\\\'] = Column0', wide, { now }).apply(row);
    expect(output).toEqual({ ...row, 'Odd "name\\': row.Column0 });
  });
});

describe('let', () => {
  test('binds scalars', () => {
    expect(run('let noisy = "cron"; let limit = 2 * 5; source | where Message != noisy and Count < limit | project Message', {
      Message: 'sshd', Count: 3,
    })).toEqual({ Message: 'sshd' });
    expect(run('let noisy = "cron"; source | where Message != noisy | project Message', { Message: 'cron' })).toBeUndefined();
  });

  test('binds user functions with scalar arguments and defaults, and lets inside them', () => {
    const output = run('let suffix = "!"; let shout = (text:string, separator:string = " ") { let loud = toupper(text); strcat(loud, separator, loud, suffix) }; '
      + 'source | project A = shout(Message), B = shout(Message, "-")', { Message: 'hi' });
    expect(output).toEqual({ A: 'HI HI!', B: 'HI-HI!' });
  });

  test('binds a tabular expression over source', () => {
    expect(run('let errors = source | where Message has "error"; errors | project Message', { Message: 'disk error' }))
      .toEqual({ Message: 'disk error' });
    expect(run('let errors = source | where Message has "error"; errors | project Message', { Message: 'fine' })).toBeUndefined();
  });
});

describe('where', () => {
  test('drops rows whose condition is false or null', () => {
    const transformation = compileTransformation('source | where Count > 1 | project Count', columns);
    expect(transformation.apply({ Count: 2 })).toEqual({ Count: 2 });
    expect(transformation.apply({ Count: 1 })).toBeUndefined();
    expect(transformation.apply({ Count: null })).toBeUndefined();
  });

  test('uses three-valued logic: null or true is true', () => {
    expect(run('source | where Count > 1 or Message == "x" | project Message', { Count: null, Message: 'x' })).toEqual({ Message: 'x' });
    expect(run('source | where not(Count > 1) | project Message', { Count: null, Message: 'x' })).toBeUndefined();
  });
});

describe('extend', () => {
  test('replaces a column in place and appends new ones; later expressions see earlier ones', () => {
    const transformation = compileTransformation('source | project Message, Count | extend Count = Count + 1, Twice = Count * 2, strlen(Message)', columns);
    expect(transformation.outputColumns.map((column) => column.name)).toEqual(['Message', 'Count', 'Twice', 'strlen_Message']);
    expect(transformation.apply({ Message: 'abc', Count: 1 })).toEqual({ Message: 'abc', Count: 2, Twice: 4, strlen_Message: 3 });
  });

  test('columnifexists reads a column when there is one, else the default', () => {
    expect(run('source | project A = columnifexists("Message", "none"), B = columnifexists("Missing", "none")', { Message: 'm' }))
      .toEqual({ A: 'm', B: 'none' });
  });
});

describe('project, project-away, project-rename', () => {
  test('project keeps, renames and computes columns in order', () => {
    expect(run('source | project Count, Text = Message, Next = Count + 1', { Message: 'x', Count: 1, Bytes: 5 }))
      .toEqual({ Count: 1, Text: 'x', Next: 2 });
  });

  test('project reads the input row: two columns can swap names', () => {
    expect(run('source | project Message = RawData, RawData = Message', { Message: 'm', RawData: 'r' })).toEqual({ Message: 'r', RawData: 'm' });
  });

  test('project-away drops columns, with wildcards', () => {
    expect(Object.keys(run('source | project-away R*, Properties, Flag', {}) ?? {})).toEqual(['TimeGenerated', 'Message', 'Count', 'Bytes']);
  });

  test('project-rename renames in place', () => {
    const transformation = compileTransformation('source | project Message, Count | project-rename Text = Message, Number = Count', columns);
    expect(transformation.outputColumns.map((column) => column.name)).toEqual(['Text', 'Number']);
    expect(transformation.apply({ Message: 'm', Count: 4 })).toEqual({ Text: 'm', Number: 4 });
  });
});

describe('parse', () => {
  test('extracts typed columns between constants, `*` skipping text, the last column taking the rest', () => {
    expect(run('source | parse RawData with * "user=" User " port=" Port:long " took " Seconds:real "s" * | project User, Port, Seconds', {
      RawData: 'sshd[1]: user=alice port=22 took 1.5s (ok)',
    })).toEqual({ User: 'alice', Port: 22, Seconds: 1.5 });
    expect(run('source | parse RawData with Verb " " Rest | project Verb, Rest', { RawData: 'GET /a b c' }))
      .toEqual({ Verb: 'GET', Rest: '/a b c' });
  });

  test('parses datetimes, timespans, booleans and dynamic values', () => {
    expect(run('source | parse RawData with "at=" At:datetime " after=" After:timespan " ok=" Ok:bool " data=" Data:dynamic '
      + '| project At, After, Ok, Data', { RawData: 'at=2024-05-01T08:00:00Z after=00:01:30 ok=true data={"a":[1]}' }))
      .toEqual({ At: new Date('2024-05-01T08:00:00Z'), After: new KqlTimespan(90_000), Ok: true, Data: { a: [1] } });
  });

  test('in simple mode, a text that does not match or a value that does not convert gives nulls ("" for text)', () => {
    const transformKql = 'source | parse RawData with "user=" User " at=" At:datetime | project User, At';
    expect(run(transformKql, { RawData: 'user=bob at=yesterday' })).toEqual({ User: '', At: null });
    expect(run(transformKql, { RawData: 'nothing to see' })).toEqual({ User: '', At: null });
  });

  test('in relaxed mode, only the value that does not convert is null', () => {
    expect(run('source | parse kind=relaxed RawData with "user=" User " at=" At:datetime | project User, At', {
      RawData: 'user=bob at=yesterday',
    })).toEqual({ User: 'bob', At: null });
  });

  test('in regex mode, the constants are regular expressions', () => {
    expect(run('source | parse kind=regex RawData with @"\\[" Level @"\\]\\s+" Code:long @"\\s+.*" | project Level, Code', {
      RawData: '[warn]   503 upstream timed out',
    })).toEqual({ Level: 'warn', Code: 503 });
  });
});

describe('dynamic access', () => {
  const properties = { user: { name: 'alice', roles: ['admin', 'reader'] }, 'odd key': 1, count: 3 };

  test.each([
    ['Properties.user.name', 'alice'],
    ["Properties['user']['name']", 'alice'],
    ['Properties.user.roles[0]', 'admin'],
    ['Properties.user.roles[-1]', 'reader'],
    ["Properties['odd key']", 1],
    ['Properties.absent.deeper', null],
    ['Properties.user.roles[5]', null],
    ['Properties.count.inner', null],
    ['Properties.toString', null],
  ])('%s', (expression, expected) => {
    expect(run(`source | project Value = ${expression}`, { Properties: properties })).toEqual({ Value: expected });
  });

  test('members convert with tostring, toint and friends', () => {
    expect(run('source | project Name = tostring(Properties.user.name), Count = toint(Properties.count), Missing = tostring(Properties.nope)', {
      Properties: properties,
    })).toEqual({ Name: 'alice', Count: 3, Missing: '' });
  });
});

describe('fails', () => {
  test.each([
    ['summarize', 'source | summarize count() by Message'],
    ['take', 'source | take 10'],
    ['join', 'source | join (source) on Message'],
    ['union', 'union source, source'],
    ['order by', 'source | order by Count'],
    ['mv-expand', 'source | mv-expand Properties'],
  ])('to compile %s, which takes more than one record (SCDK001)', (_name, transformKql) => {
    const error = refusal(transformKql);
    expect(error.code).toBe(TransformationCode.UNSUPPORTED_OPERATOR);
    expect(error.message).toContain('is not supported in a transformation');
  });

  test('to call a function outside the transformation subset (SCDK002), naming the spelling Azure wants', () => {
    expect(refusal('source | extend Keys = bag_keys(Properties)').code).toBe(TransformationCode.UNSUPPORTED_FUNCTION);
    const misspelled = refusal('source | extend M = column_ifexists("Message", "")');
    expect(misspelled.code).toBe(TransformationCode.UNSUPPORTED_FUNCTION);
    expect(misspelled.message).toContain("'columnifexists'");
  });

  test('with a dynamic literal (SCDK005) and more than 10 parse columns (SCDK003)', () => {
    expect(refusal('source | extend D = dynamic({"a": 1})').code).toBe(TransformationCode.DYNAMIC_LITERAL);
    const parse = `source | parse RawData with ${Array.from({ length: 11 }, (_, index) => `C${index} ","`).join(' ')} *`;
    expect(refusal(parse).code).toBe(TransformationCode.TOO_MANY_PARSE_COLUMNS);
  });

  test('on KQL that does not analyze, with the language service\'s code and position', () => {
    const error = refusal('source\n| where Mesage == "x"');
    expect(error).toMatchObject({ code: 'KS142', line: 2, column: 9 });
    expect(error.message).toContain("'Mesage'");
    expect(refusal('source | extend x = ').code).toBe('KS006');
  });

  test('with the error\'s name and code for callers that catch it', () => {
    const error = refusal('source | take 1');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TransformationNotSupportedError');
  });
});
