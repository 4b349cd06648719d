import { ContentParseResult } from './analytic-rule';

/** A workbook as solution.yaml declares it. */
export interface WorkbookDeclaration {
  readonly file: string;
  readonly displayName: string;
  readonly description?: string;
}

/** A workbook with its gallery template (the JSON the workbook editor's Advanced Editor shows). */
export interface Workbook extends WorkbookDeclaration {
  /** The parsed template; its strings may hold `{{parameters}}`. */
  readonly template: Readonly<Record<string, unknown>>;
}

/** Reads a workbook template: JSON, an object with the `version` (`Notebook/1.0`) and `items` of the workbook format. */
export function parseWorkbook(declaration: WorkbookDeclaration, file: string, text: string): ContentParseResult<Workbook> {
  let template: unknown;
  try {
    template = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { problems: [{ file, ...jsonErrorPosition(text, error as Error), severity: 'error', message: `is not valid JSON: ${(error as Error).message}` }] };
  }
  const object = typeof template === 'object' && template !== null && !Array.isArray(template) ? template as Record<string, unknown> : undefined;
  if (object === undefined || typeof object.version !== 'string' || !Array.isArray(object.items)) {
    return { problems: [{ file, line: 1, column: 1, severity: 'error',
      message: 'is not a workbook template; expected an object with "version": "Notebook/1.0" and "items": [...] (the workbook editor\'s Advanced Editor, Gallery Template)' }] };
  }
  return { problems: [], content: { ...declaration, file, template: object } };
}

/** Node reports `... at position N` (Node 20) or `(line L column C)` (Node 22); both become a line and column. */
function jsonErrorPosition(text: string, error: Error): { line?: number; column?: number } {
  const lineColumn = /line (\d+) column (\d+)/.exec(error.message);
  if (lineColumn !== null) {
    return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  }
  const position = /at position (\d+)/.exec(error.message);
  if (position === null) {
    return {};
  }
  const before = text.slice(0, Number(position[1])).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
