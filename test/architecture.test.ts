import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** Every TypeScript source file below a folder of the repository. */
function sources(folder: string): string[] {
  const directory = path.join(ROOT, folder);
  return readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) {
      return sources(path.join(folder, entry));
    }
    return entry.endsWith('.ts') ? [path.join(folder, entry)] : [];
  });
}

/** The module specifiers a file imports or requires. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:from\s+|require\()\s*'([^']+)'/g)].map((match) => match[1]);
}

const allSources = ['model', 'constructs', 'stacks', 'cli', 'bench', 'emulator', 'test'].flatMap(sources).concat('index.ts');

test('nothing imports the azurerm provider package root (it loads 1,500 modules)', () => {
  const offenders = allSources.filter((file) => importsOf(file).includes('@cdktf/provider-azurerm'));
  expect(offenders).toEqual([]);
});

test('model/ has no cdktf, no constructs and no I/O', () => {
  const forbidden = /^(cdktf|constructs|@cdktf\/|node:fs|fs|node:net|net|node:http|http|node:https|https|node:child_process|child_process)$/;
  const offenders = sources('model').flatMap((file) => importsOf(file)
    .filter((specifier) => forbidden.test(specifier) || specifier.startsWith('../constructs') || specifier.startsWith('../../constructs'))
    .map((specifier) => `${file}: ${specifier}`));
  expect(offenders).toEqual([]);
});

test('constructs/ never depend on stacks/ or cli/', () => {
  const offenders = sources('constructs').flatMap((file) => importsOf(file)
    .filter((specifier) => /\/(stacks|cli)\//.test(specifier))
    .map((specifier) => `${file}: ${specifier}`));
  expect(offenders).toEqual([]);
});

test('emulator/ reads only model/ and synthesized JSON: no cdktf, no constructs, no stacks', () => {
  const offenders = sources('emulator').flatMap((file) => importsOf(file)
    .filter((specifier) => /^(cdktf|constructs|@cdktf\/)/.test(specifier) || /\/(constructs|stacks|cli)\//.test(specifier))
    .map((specifier) => `${file}: ${specifier}`));
  expect(offenders).toEqual([]);
});
