import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** Folder of the review's golden Markdown files. */
export const GOLDEN_DIRECTORY = path.join(__dirname, '__golden__');

/**
 * Compares a text with `__golden__/<name>`; with `UPDATE_GOLDEN=1` in the environment, writes it there instead (read
 * the diff of the golden files before committing them).
 */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIRECTORY, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN_DIRECTORY, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(`no golden file ${path.relative(process.cwd(), file)}; run with UPDATE_GOLDEN=1 to write it, then read it`);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** The Mermaid blocks of a Markdown text. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((match) => match[1]);
}
