import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');

/** The README's TypeScript blocks, with the line each starts on. */
function typescriptBlocks(): Array<{ line: number; code: string }> {
  const lines = readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n');
  const blocks: Array<{ line: number; code: string }> = [];
  for (let index = 0; index < lines.length; index++) {
    if (lines[index].trim() === '```ts') {
      const end = lines.indexOf('```', index + 1);
      blocks.push({ line: index + 2, code: lines.slice(index + 1, end).join('\n') });
      index = end;
    }
  }
  return blocks;
}

describe('the README\'s TypeScript snippets', () => {
  const blocks = typescriptBlocks();
  let directory: string;
  beforeAll(() => {
    // Inside the repository, so that cdktf and the provider resolve from its node_modules as from a user's.
    mkdirSync(path.join(ROOT, 'test', 'artifacts'), { recursive: true });
    directory = mkdtempSync(path.join(ROOT, 'test', 'artifacts', 'readme-snippets-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test('there are snippets to compile', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
  });

  test('each compiles as written, under strict TypeScript, against the built package as a user imports it', () => {
    const files = blocks.map((block, index) => {
      const file = path.join(directory, `snippet-${index + 1}-line-${block.line}.ts`);
      // Each block is a module of its own: `export {}` keeps one block's names out of the next one's.
      writeFileSync(file, `${block.code}\nexport {};\n`);
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10, esModuleInterop: true, skipLibCheck: true, types: ['node', 'jest'],
      // The built declarations, as the packed package ships them (no baseUrl: bare names resolve from node_modules only).
      paths: { 'sentinel-cdk': [path.join(ROOT, 'dist', 'index.d.ts')] },
    });
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file === undefined ? '' : `${path.basename(diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}: `;
      return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  }, 120_000);
});
