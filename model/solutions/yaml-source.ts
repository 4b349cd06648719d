import { Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument, visit, YAMLError } from 'yaml';
import { SolutionProblem, SourceLocation } from './solution-problem';

/** A path inside a parsed document: property names and array indexes. */
export type DocumentPath = ReadonlyArray<string | number>;

/** `entityMappings[0].fieldMappings` for `['entityMappings', 0, 'fieldMappings']`. */
export function formatDocumentPath(path: DocumentPath): string {
  return path.reduce<string>((text, segment) => (typeof segment === 'number'
    ? `${text}[${segment}]`
    : text === '' ? segment : `${text}.${segment}`), '');
}

/** Maps a position inside a text taken from a file (a query in a YAML block) to the position in the file. */
export interface TextOrigin {
  readonly file: string;
  /** The file position of 1-based `line` and `column` of the text. */
  map(line: number, column: number): { line: number; column: number };
}

/** A text that is a whole file: positions map to themselves. */
export function wholeFileOrigin(file: string): TextOrigin {
  return { file, map: (line, column) => ({ line, column }) };
}

/** A YAML file parsed with the positions of its nodes, so that findings can name the line and column. */
export interface YamlSource {
  readonly file: string;
  /** The document as plain values; undefined when the file is not valid YAML. */
  readonly value: unknown;
  /** Syntax errors, and unquoted handlebars expressions that YAML read as mappings. */
  readonly problems: SolutionProblem[];
  /** The location of the value at `path`, or of its closest existing parent. */
  locate(path: DocumentPath): SourceLocation;
  /** The location of the key of the last segment of `path` (for an unknown property), or of the value. */
  locateKey(path: DocumentPath): SourceLocation;
  /** How positions inside the string at `path` map to the file. */
  textOrigin(path: DocumentPath): TextOrigin;
}

/** What the YAML library's indentation errors mean, in terms of lines and columns. */
const INDENTATION_MISTAKES: ReadonlyArray<{ readonly code: string; readonly says: RegExp; readonly meaning: string }> = [
  { code: 'BLOCK_AS_IMPLICIT_KEY', says: /^Nested mappings/, meaning: 'a line below this one is indented further, but this line\'s key '
    + 'already has a value on the line; indent this key under its parent mapping, or the lines below it less' },
  { code: 'BAD_INDENT', says: /^All mapping items/, meaning: 'this line does not start in the column of the keys beside it: the keys of '
    + 'one mapping line up' },
];

/**
 * The problems of a document's syntax errors: one for a broken structure (the first; the parser's later errors follow
 * from it), at the start of the line it is on and said in terms of lines and columns, and every duplicate key before it.
 */
function syntaxProblems(errors: readonly YAMLError[], text: string, at: (offset: number | undefined) => { line: number; column: number }):
  Array<{ line: number; column: number; message: string }> {
  const firstStructure = errors.findIndex((error) => error.code !== 'DUPLICATE_KEY');
  const kept = firstStructure < 0 ? errors : errors.slice(0, firstStructure + 1).filter((error, index) => index === firstStructure || error.code === 'DUPLICATE_KEY');
  return kept.map((error) => {
    const explained = INDENTATION_MISTAKES.find((mistake) => mistake.code === error.code && mistake.says.test(error.message))?.meaning;
    if (explained === undefined) {
      return { ...at(error.pos[0]), message: firstLine(error.message) };
    }
    const position = at(error.pos[0]);
    const lineText = text.split(/\r?\n/)[position.line - 1] ?? '';
    const indentation = lineText.length - lineText.trimStart().length;
    return { line: position.line, column: indentation + 1,
      message: `${explained} (YAML: ${firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '')})` };
  });
}

/** Deeper than this, a document is refused: configs and content nest a dozen levels, and deeper input only costs stack. */
export const MAX_YAML_NESTING = 64;

/** Alias expansions a document may have: a config shares a few anchors (a `support:` block); a bomb expands exponentially. */
export const MAX_YAML_ALIASES = 100;

/**
 * Parses a YAML file. YAML 1.2 core schema, duplicate keys refused, as the Azure-Sentinel tooling reads content; tags
 * the schema does not know (`!!set`, `!!binary`, `!custom`) refused rather than read as something else; nesting and
 * aliases bounded. Every step is linear in the size of the text (the YAML library's own duplicate-key check is not).
 */
export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const at = (offset: number | undefined): { line: number; column: number } => {
    const position = lineCounter.linePos(offset ?? 0);
    return { line: position.line, column: position.col };
  };
  const structure = structureProblems(document, at);
  const tooDeep = structure.some((problem) => problem.tooDeep);
  // Too deep a document also overflows the stack of the library's composer: that is the same problem, said once.
  const problems: SolutionProblem[] = syntaxProblems(document.errors, text, at)
    .filter((problem) => !tooDeep || !/call stack/i.test(problem.message))
    .map((problem) => ({ file, severity: 'error' as const, ...problem }));
  // After a broken structure, only what comes before it is certain (as for the parser's own errors).
  const broken = problems[0];
  const before = (problem: { line: number; column: number }) => broken === undefined || problem.line < (broken.line ?? 1)
    || (problem.line === broken.line && problem.column < (broken.column ?? 1));
  problems.push(...structure.filter((problem) => problem.tooDeep === true || before(problem))
    .map(({ tooDeep: _tooDeep, ...problem }) => ({ file, severity: 'error' as const, ...problem })));
  problems.sort((first, second) => (first.line ?? 1) - (second.line ?? 1) || (first.column ?? 1) - (second.column ?? 1));
  if (!tooDeep) {
    problems.push(...unquotedHandlebars(document, file, at));
  }

  const nodeAt = (path: DocumentPath): Node | undefined => {
    for (let length = path.length; length >= 0; length--) {
      const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
      if (node !== undefined && node !== null && (node as Node).range !== undefined) {
        return node as Node;
      }
    }
    return undefined;
  };
  const locate = (path: DocumentPath): SourceLocation => ({
    file, ...at(nodeAt(path)?.range?.[0]), path: formatDocumentPath(path),
  });
  const locateKey = (path: DocumentPath): SourceLocation => {
    const parent = path.length <= 1 ? document.contents : document.getIn(path.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path[path.length - 1]);
      const range = (pair?.key as Node | undefined)?.range;
      if (range !== undefined && range !== null) {
        return { file, ...at(range[0]), path: formatDocumentPath(path) };
      }
    }
    return locate(path);
  };
  const textOrigin = (path: DocumentPath): TextOrigin => blockOrigin(file, text, document.getIn(path, true) as Node | undefined, at);

  // Only a document without errors is turned into values: a mapping used as a key would be stringified with a warning.
  let value: unknown;
  if (problems.length === 0) {
    try {
      value = document.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown;
    } catch (error) {
      // The library refuses an alias expanded too often ("Excessive alias count ..."), which is what an alias bomb is.
      problems.push({ file, severity: 'error', line: 1, column: 1, message: `aliases expand to more than ${MAX_YAML_ALIASES} copies: `
        + `the document is refused (${error instanceof Error ? error.message : String(error)})` });
    }
  }
  return { file, value, problems, locate, locateKey, textOrigin };
}

/**
 * Walks the document without recursion: nesting deeper than {@link MAX_YAML_NESTING} (reported once, and then nothing
 * else is walked), keys given twice in a mapping, and tags the core schema does not resolve.
 */
function structureProblems(document: Document, at: (offset: number | undefined) => { line: number; column: number }):
  Array<{ line: number; column: number; message: string; tooDeep?: boolean }> {
  const problems: Array<{ line: number; column: number; message: string; tooDeep?: boolean }> = [];
  const pending: Array<{ node: unknown; depth: number }> = [{ node: document.contents, depth: 0 }];
  while (pending.length > 0) {
    const { node, depth } = pending.pop() as { node: unknown; depth: number };
    if (isMap(node) || isSeq(node)) {
      if (depth >= MAX_YAML_NESTING) {
        return [{ ...at(node.range?.[0]), message: `nests deeper than ${MAX_YAML_NESTING} levels; the document is refused`, tooDeep: true }];
      }
      unknownTag(node, at, problems);
      const seen = new Set<string>();
      for (const item of node.items as unknown[]) {
        if (isPair(item)) {
          if (isScalar(item.key)) {
            const key = String(item.key.value);
            if (seen.has(key)) {
              problems.push({ ...at(item.key.range?.[0]), message: 'Map keys must be unique' });
            }
            seen.add(key);
          }
          pending.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
        } else {
          pending.push({ node: item, depth: depth + 1 });
        }
      }
    } else if (isScalar(node) || isAlias(node)) {
      unknownTag(node, at, problems);
    }
  }
  return problems.sort((first, second) => first.line - second.line || first.column - second.column);
}

/** Tags of the YAML 1.2 core schema; any other would be read as a plain value, or dropped. */
const CORE_TAGS = new Set(['tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:null', 'tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq']);

function unknownTag(node: Node, at: (offset: number | undefined) => { line: number; column: number },
  problems: Array<{ line: number; column: number; message: string }>): void {
  const tag = (node as { tag?: string }).tag;
  if (tag !== undefined && !CORE_TAGS.has(tag)) {
    const shown = tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
    problems.push({ ...at(node.range?.[0]), message: `the tag ${shown} is not one of YAML's core schema (!!str, !!int, !!float, !!bool, `
      + '!!null, !!map, !!seq); write the value without it' });
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * `alias: {{name}}` is a YAML flow mapping inside a flow mapping, not a string: YAML would read `{ "{ name }": null }`.
 * Say so, instead of a schema error about a type that the author did not mean.
 */
function unquotedHandlebars(document: Document, file: string, at: (offset: number | undefined) => { line: number; column: number }): SolutionProblem[] {
  const problems: SolutionProblem[] = [];
  visit(document, {
    Pair(_key, pair) {
      if (isPair(pair) && (isMap(pair.key) || isSeq(pair.key))) {
        problems.push({
          file, ...at((pair.key as Node).range?.[0]), severity: 'error',
          message: 'a mapping is used as a key; a handlebars expression must be quoted in YAML (\'{{name}}\')',
        });
      }
    },
  });
  return problems;
}

/**
 * Positions in a scalar's text, mapped to the file. A literal block (`query: |`) keeps lines and indentation, so the
 * mapping is exact; for other styles (quoted, folded, plain), every position maps to the start of the value.
 */
function blockOrigin(file: string, text: string, node: Node | undefined,
  at: (offset: number | undefined) => { line: number; column: number }): TextOrigin {
  const start = at(node?.range?.[0]);
  const range = node?.range;
  if (!isScalar(node) || node.type !== 'BLOCK_LITERAL' || range === undefined || range === null) {
    return { file, map: () => start };
  }
  const indent = blockIndentation(text.slice(range[0], range[1]));
  return { file, map: (line, column) => ({ line: start.line + line, column: indent + column }) };
}

/** The indentation of a literal block's content: the least indentation of its non-blank lines after the header. */
function blockIndentation(block: string): number {
  const lines = block.split('\n').slice(1).filter((line) => line.trim() !== '');
  return lines.length === 0 ? 0 : Math.min(...lines.map((line) => line.length - line.trimStart().length));
}
