import { renderContentText } from '../../model/solutions/content-parameters';
import { MAX_YAML_NESTING, parseYamlSource } from '../../model/solutions/yaml-source';

const messages = (text: string) => parseYamlSource('f.yaml', text).problems.map((problem) => `${problem.line}:${problem.column} ${problem.message}`);

describe('YAML read as data, within bounds', () => {
  test('a mapping of 64,000 keys is read, and a duplicate key among them is found (linear, not the library\'s quadratic check)', () => {
    const keys = Array.from({ length: 64_000 }, (_, index) => `k${index}: ${index}`);
    const source = parseYamlSource('f.yaml', keys.join('\n'));
    expect(source.problems).toEqual([]);
    expect(Object.keys(source.value as object)).toHaveLength(64_000);
    expect(messages([...keys, 'k5: again'].join('\n'))).toEqual(['64001:1 Map keys must be unique']);
  });

  test('an alias bomb is a problem, not an uncaught error', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: 9 }, (_, index) => `b${index}: &b${index} [${Array(9).fill(index === 0 ? '*a' : `*b${index - 1}`).join(', ')}]`)];
    expect(messages(bomb.join('\n'))).toEqual([expect.stringMatching(/^1:1 aliases expand to more than 100 copies: the document is refused/)]);
  });

  test('nesting deeper than the bound is one problem, for flow and block collections', () => {
    expect(messages('['.repeat(100_000) + ']'.repeat(100_000))).toEqual([`1:${MAX_YAML_NESTING + 1} nests deeper than ${MAX_YAML_NESTING} levels; the document is refused`]);
    const block = Array.from({ length: 100 }, (_, index) => `${' '.repeat(index)}k${index}:`).join('\n');
    expect(messages(`${block} 1`)).toEqual([expect.stringMatching(/nests deeper than 64 levels/)]);
  });

  test('tags outside the core schema are refused rather than read as another value', () => {
    expect(messages('a: !!set { x, y }\nb: !custom 3\nc: !!str 4\nd: !!binary aGk=\n')).toEqual([
      "1:10 the tag !!set is not one of YAML's core schema (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq); write the value without it",
      "2:12 the tag !custom is not one of YAML's core schema (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq); write the value without it",
      "4:13 the tag !!binary is not one of YAML's core schema (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq); write the value without it",
    ]);
  });
});

describe('content templates hold only parameters and the content helpers', () => {
  test.each([
    ['{{constructor}}', 1, 3], ['{{toString}}', 1, 3], ['{{__proto__}}', 1, 3], ['{{log "x"}}', 1, 3], ['{{lookup this "x"}}', 1, 3],
    ['{{this}}', 1, 1], ['{{@root}}', 1, 1], ['{{a.b}}', 1, 1], ['{{../a}}', 1, 1],
  ])('%s is refused at its position', (template, line, column) => {
    expect(renderContentText(template, { a: 'A' })).toEqual({ problem: expect.objectContaining({ line, column }) });
  });

  test('blocks and partials are refused; parameters, comments and helpers with literal arguments render', () => {
    expect(renderContentText('x {{#each a}}y{{/each}}', { a: 'A' })).toEqual({ problem: expect.objectContaining({ line: 1, column: 3,
      message: expect.stringContaining('{{#...}} is not accepted in content') }) });
    expect(renderContentText('{{> partial}}', {})).toEqual({ problem: expect.objectContaining({ message: expect.stringContaining('{{>...}}') }) });
    expect(renderContentText('{{! a comment }}{{a}} {{rule "r1" a}}', { a: 'A' }, { rule: (...args) => `<${args.join('|')}>` }))
      .toEqual({ text: 'A <r1|A>' });
  });
});
