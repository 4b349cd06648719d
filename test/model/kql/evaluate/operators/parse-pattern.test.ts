import { compileParsePattern, ParseKind, ParsePart } from '../../../../../model/kql/evaluate/operators/parse-pattern';
import { compileKqlRegex, escapeRegex, KqlRegex } from '../../../../../model/kql/evaluate/regular-expressions';

const constant = (text: string): ParsePart => ({ kind: 'constant', text });
const column = (type = 'string'): ParsePart => ({ kind: 'column', type });
const anything: ParsePart = { kind: 'anything' };

/** The regular expression of a pattern with every text part as few characters as possible: the reference to equal. */
function reference(parts: readonly ParsePart[], kind: ParseKind): KqlRegex {
  const lazy = '[^\\n]*?';
  const pattern = parts.map((part) => {
    if (part.kind === 'anything') {
      return lazy;
    }
    if (part.kind === 'constant') {
      return escapeRegex(part.text);
    }
    return kind === 'relaxed' || part.type === 'string' ? `(${lazy})` : part.type === 'long' ? '(-?\\d+)' : '(-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)';
  }).join('');
  return compileKqlRegex(`^${pattern}$`) as KqlRegex;
}

const patterns: Array<[string, ParsePart[]]> = [
  ['text columns between constants', [column(), constant(' user='), column(), constant(' src='), column(), constant(' msg='), column()]],
  ['a number column, then text to the end', [anything, constant('port='), column('long'), constant(' '), column()]],
  ['a constant that repeats', [column(), constant('='), column(), constant('='), anything]],
  ['a real column', [column('real'), constant('s')]],
  ['two columns side by side', [column(), column('long')]],
  ['text, then a constant at the end', [constant('<'), column(), constant('>')]],
];
const texts = [
  'WARN user=alice src=10.0.0.1 msg=GET /api returned 200', 'WARN user=alice src=10.0.0.1 msg=', 'user=a src=b msg=c',
  'WARN user=al\nice src=10.0.0.1 msg=x', 'WARN user=alice src=10.0.0.1 msg=line one\nline two', 'WARN user=alice msg=x',
  'WARN user=alice src=10.0\n.0.1 msg=x', '\nWARN user=a src=b msg=c', 'WARN\n user=a src=b msg=c\n', 'x port=12 \ny', 'x\nport=1 y',
  'x port=12 y', 'x port=-12 y', 'x port=12a port=34 y', 'x port= port=5 z', 'x port=7', 'port=1 port=2 ',
  'a=b=c', 'a=b=c=d', '=', 'a==', '1.5s', '12s', '<a>', '<a>b>', '<>', '<a\n>', '', 'no delimiters at all', 'x port=99999999999999999999 y',
];

describe('compileParsePattern', () => {
  for (const kind of ['simple', 'relaxed'] as const) {
    for (const [description, parts] of patterns) {
      test(`${kind}, ${description}: the same columns as the reference for every text`, () => {
        const { match } = compileParsePattern(parts, kind);
        const regex = reference(parts, kind);
        for (const text of texts) {
          const expected = regex.exec(text);
          const actual = (match as NonNullable<typeof match>)(text);
          expect([text, actual === null ? null : Array.from(actual)]).toEqual([text, expected === null ? null : Array.from(expected.groups)]);
        }
      });
    }
  }

  test('regex kind: constants are regular expressions, with their flags', () => {
    const { match } = compileParsePattern([constant('[a-z]+='), column(), constant(';')], 'regex', 'i');
    expect(Array.from((match as NonNullable<typeof match>)('KEY=value;') ?? [])).toEqual(['KEY=value;', 'value']);
    expect((match as NonNullable<typeof match>)('KEY=value')).toBeNull();
  });

  test('gives the source and no matcher for a pattern that does not compile', () => {
    const compiled = compileParsePattern([constant('('), column()], 'regex');
    expect(compiled.match).toBeUndefined();
    expect(compiled.source).toBe('^(?:()(.*?)$');
  });
});
