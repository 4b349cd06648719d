import { randomUUID } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import Handlebars from 'handlebars';
import { CommandIo, UsageError } from './command-io';

export const INIT_USAGE = `Usage: sentinel-cdk init [DIR] [--typescript]

Sets up a project in DIR (default: the current folder), an empty one or a repository that has files already:
  sentinel.yaml              a workspace with a log forwarder, a Syslog connector whose transformation is in
                             transforms/linux-auth.kql, and a solution, commented, with the yaml-language-server line
                             that lets editors complete it
  cdktf.json                 its app is \`npx --no-install sentinel-cdk synth\` (the project's own, never a download)
  package.json               written when there is none; otherwise the dependencies this release is tested with
                             (pinned) and the scripts synth, diff, emulator and review are added, and nothing else
                             changes (a dependency or script the project has already is kept)
  .gitignore                 written, or the lines it lacks appended
With --typescript, main.ts (the same topology as constructs in code) and tsconfig.json take the place of sentinel.yaml,
and cdktf.json's app compiles and runs main.ts. Refuses to overwrite any other file it would write, and says which.
Then: \`npm install\` and \`npx cdktf synth\`.`;

/** A file `init` writes whole: its path in the project, and the template in `cli/init/` that renders it. */
interface StarterFile {
  readonly file: string;
  readonly template: string;
}

/** The files `init` writes for a YAML project. */
const STARTER_FILES: readonly StarterFile[] = [
  { file: 'sentinel.yaml', template: 'sentinel.yaml.hbs' },
  { file: path.join('transforms', 'linux-auth.kql'), template: 'linux-auth.kql.hbs' },
  { file: 'cdktf.json', template: 'cdktf.json.hbs' },
];

/** The files `init --typescript` writes. */
const TYPESCRIPT_STARTER_FILES: readonly StarterFile[] = [
  { file: 'main.ts', template: 'main.ts.hbs' },
  { file: 'tsconfig.json', template: 'tsconfig.json.hbs' },
  { file: 'cdktf.json', template: 'cdktf.json.hbs' },
];

/** Where the schema is inside this package. */
const SCHEMA_IN_PACKAGE = ['schemas', 'sentinel.schema.json'];

/** The package name, as a project depends on it. */
const PACKAGE_NAME = 'sentinel-cdk';

/** The packages a project needs at run time and to run cdktf, from this package's own pinned development versions. */
const RUNTIME_DEPENDENCIES = ['cdktf', 'constructs', '@cdktf/provider-azurerm'] as const;
const DEVELOPMENT_DEPENDENCIES = ['cdktf-cli'] as const;
const TYPESCRIPT_DEVELOPMENT_DEPENDENCIES = ['typescript', '@types/node'] as const;

/** The scripts `init` adds to a project's package.json. */
const SCRIPTS: Readonly<Record<string, string>> = {
  synth: 'cdktf synth',
  diff: 'cdktf diff',
  emulator: 'cdktf synth && sentinel-cdk emulator',
  review: 'sentinel-cdk review --base main',
};

/** The manifest fields `init` reads and writes; every other field is kept as it is. */
interface PackageManifest {
  name?: string;
  version?: string;
  private?: boolean;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [field: string]: unknown;
}

/** A refusal of init: nothing was written. */
class InitRefusal extends Error {}

/** `sentinel-cdk init`: returns the exit code. */
export function runInit(argv: string[], io: CommandIo): number {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h', default: false }, typescript: { type: 'boolean', default: false } },
  });
  if (values.help) {
    io.stdout(INIT_USAGE);
    return 0;
  }
  if (positionals.length > 1) {
    throw new UsageError(`init: expected at most one folder, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  const shown = positionals[0] ?? '.';
  const directory = path.resolve(shown);
  try {
    const plan = planInit(directory, shown, values.typescript === true);
    mkdirSync(directory, { recursive: true });
    for (const { file, text } of plan.newFiles) {
      mkdirSync(path.dirname(path.join(directory, file)), { recursive: true });
      // `wx`: never through a file (or a symbolic link) that appeared meanwhile.
      writeFileSync(path.join(directory, file), text, { flag: 'wx' });
      io.stdout(`Wrote ${path.join(shown, file)}`);
    }
    for (const { file, text, said } of plan.edits) {
      writeFileSync(path.join(directory, file), text);
      io.stdout(said);
    }
    plan.notes.forEach((note) => io.stdout(note));
  } catch (error) {
    if (error instanceof InitRefusal) {
      io.stderr(`sentinel-cdk init: ${error.message}`);
      return 1;
    }
    throw error;
  }
  io.stdout('');
  io.stdout(`Next: ${shown === '.' ? '' : `cd ${shown} && `}npm install && npx cdktf synth`
    + (values.typescript === true ? ' (then edit main.ts)' : ' (then edit sentinel.yaml)'));
  return 0;
}

/** What init will do, decided before anything is written. */
interface InitPlan {
  readonly newFiles: Array<{ readonly file: string; readonly text: string }>;
  readonly edits: Array<{ readonly file: string; readonly text: string; readonly said: string }>;
  readonly notes: string[];
}

function planInit(directory: string, shown: string, typescript: boolean): InitPlan {
  if (existsSync(directory) && !lstatSync(directory).isDirectory()) {
    throw new InitRefusal(`${shown} is not a folder; give a folder to set the project up in`);
  }
  const starters = typescript ? TYPESCRIPT_STARTER_FILES : STARTER_FILES;
  const taken = starters.map(({ file }) => file).filter((file) => exists(path.join(directory, file)));
  if (taken.length > 0) {
    throw new InitRefusal(`${taken.map((file) => path.join(shown, file)).join(', ')} already exist${taken.length === 1 ? 's' : ''}; nothing was `
      + `written. Move ${taken.length === 1 ? 'it' : 'them'} away first, or run init in another folder`);
  }
  const own = ownManifest();
  const values = {
    schemaPath: schemaPathFrom(directory), projectId: randomUUID(), typescript: typescript ? 'yes' : '',
    // `npx --no-install`: the project's own sentinel-cdk, never one downloaded by name (npx installs unknown packages unasked in CI).
    app: typescript ? 'npx --no-install tsc -p . && node dist/main.js' : 'npx --no-install sentinel-cdk synth',
  };
  const newFiles = starters.map(({ file, template }) => ({ file, text: render(template, values) }));
  const edits: Array<{ file: string; text: string; said: string }> = [];
  const notes: string[] = [];

  const manifestPath = path.join(directory, 'package.json');
  const manifest = readManifest(manifestPath, shown);
  const merged = withDependencies(manifest ?? { name: packageNameFor(directory), version: '0.1.0', private: true }, own, typescript, notes);
  if (manifest === undefined) {
    newFiles.push({ file: 'package.json', text: `${JSON.stringify(merged.manifest, null, 2)}\n` });
  } else if (merged.added.length > 0) {
    edits.push({ file: 'package.json', text: `${JSON.stringify(merged.manifest, null, indentationOf(manifestPath))}\n`,
      said: `Added to ${path.join(shown, 'package.json')}: ${merged.added.join(', ')}` });
  }

  const ignorePath = path.join(directory, '.gitignore');
  const wanted = render('gitignore.hbs', values);
  if (!exists(ignorePath)) {
    newFiles.push({ file: '.gitignore', text: wanted });
  } else {
    refuseLink(ignorePath, shown);
    const present = readFileSync(ignorePath, 'utf8');
    // `node_modules`, `node_modules/` and `/node_modules/` ignore the same folder here.
    const pattern = (line: string) => line.trim().replace(/^\/|\/$/g, '');
    const lines = new Set(present.split(/\r?\n/).map(pattern));
    const missing = wanted.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#') && !lines.has(pattern(line)));
    if (missing.length > 0) {
      const separator = present === '' || present.endsWith('\n') ? '' : '\n';
      edits.push({ file: '.gitignore', text: `${present}${separator}# sentinel-cdk\n${missing.join('\n')}\n`,
        said: `Appended to ${path.join(shown, '.gitignore')}: ${missing.join(' ')}` });
    }
  }
  return { newFiles, edits, notes };
}

/** The dependencies and scripts this release needs, added to a manifest where it lacks them. */
function withDependencies(manifest: PackageManifest, own: PackageManifest, typescript: boolean, notes: string[]): { manifest: PackageManifest; added: string[] } {
  const result: PackageManifest = { ...manifest, dependencies: { ...manifest.dependencies }, devDependencies: { ...manifest.devDependencies }, scripts: { ...manifest.scripts } };
  const added: string[] = [];
  const has = (name: string) => result.dependencies?.[name] ?? result.devDependencies?.[name];
  const add = (section: 'dependencies' | 'devDependencies', name: string, version: string | undefined) => {
    if (version === undefined) {
      return;
    }
    const present = has(name);
    if (present === undefined) {
      (result[section] as Record<string, string>)[name] = version;
      added.push(`${name}@${version}`);
    } else if (present !== version) {
      notes.push(`Kept ${name}@${present} of package.json; this release of ${PACKAGE_NAME} is tested with ${version}`);
    }
  };
  const tested = { ...own.devDependencies };
  // This package itself is not added: no line init writes may fetch a package by name from a registry (the name
  // sentinel-cdk is not registered to us). The project lists it as it was installed (a tarball, a registry it trusts).
  if (has(PACKAGE_NAME) === undefined) {
    notes.push(`package.json does not list ${PACKAGE_NAME}: add it as you install it, e.g. \`npm install --save-dev ./${PACKAGE_NAME}-${own.version ?? '<version>'}.tgz\``);
  }
  RUNTIME_DEPENDENCIES.forEach((name) => add('dependencies', name, tested[name]));
  DEVELOPMENT_DEPENDENCIES.forEach((name) => add('devDependencies', name, tested[name]));
  if (typescript) {
    TYPESCRIPT_DEVELOPMENT_DEPENDENCIES.forEach((name) => add('devDependencies', name, tested[name]));
  }
  for (const [name, command] of Object.entries(SCRIPTS)) {
    if (result.scripts?.[name] === undefined) {
      (result.scripts as Record<string, string>)[name] = command;
      added.push(`script ${name}`);
    } else if (result.scripts[name] !== command) {
      notes.push(`Kept the script "${name}" of package.json (${PACKAGE_NAME} would run \`${command}\`)`);
    }
  }
  for (const section of ['dependencies', 'devDependencies', 'scripts'] as const) {
    if (Object.keys(result[section] ?? {}).length === 0) {
      delete result[section];
    }
  }
  return { manifest: result, added };
}

function render(template: string, values: Record<string, string>): string {
  return Handlebars.compile(readFileSync(path.join(__dirname, 'init', template), 'utf8'), { strict: true })(values);
}

/** True when a path exists, a symbolic link (even one that points nowhere) included. */
function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Init edits only regular files: a symbolic link may lead outside the project. */
function refuseLink(file: string, shown: string): void {
  if (lstatSync(file).isSymbolicLink() || !lstatSync(file).isFile()) {
    throw new InitRefusal(`${path.join(shown, path.basename(file))} is not a regular file; nothing was written (init edits regular files only)`);
  }
}

function readManifest(file: string, shown: string): PackageManifest | undefined {
  if (!exists(file)) {
    return undefined;
  }
  refuseLink(file, shown);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InitRefusal(`${path.join(shown, 'package.json')} is not valid JSON (${(error as Error).message}); nothing was written`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InitRefusal(`${path.join(shown, 'package.json')} is not a JSON object; nothing was written`);
  }
  return parsed as PackageManifest;
}

/** The indentation a manifest is written with (npm writes 2 spaces; a project may use tabs or 4). */
function indentationOf(file: string): string | number {
  const match = /^[{[]\r?\n([ \t]+)/.exec(readFileSync(file, 'utf8'));
  return match === null ? 2 : match[1];
}

/** A package name from the folder's name: lower case, letters, digits, `-`, `.` and `_`. */
function packageNameFor(directory: string): string {
  const name = path.basename(directory).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|-+$/g, '');
  return name === '' ? 'sentinel-topology' : name.slice(0, 214);
}

/** This package's manifest (its version and the versions it is tested with). */
function ownManifest(): PackageManifest {
  const root = packageRootOf(__dirname);
  return root === undefined ? {} : JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageManifest;
}

/**
 * The schema path for the `# yaml-language-server: $schema=` line, relative to the project: this package's schema
 * when it is installed in a `node_modules` the project sees, else where `npm install sentinel-cdk` will put it.
 */
export function schemaPathFrom(projectDirectory: string, packageRoot: string | undefined = packageRootOf(__dirname)): string {
  const marker = `${path.sep}node_modules${path.sep}`;
  const owner = packageRoot === undefined || !packageRoot.includes(marker) ? undefined : packageRoot.slice(0, packageRoot.lastIndexOf(marker));
  const seen = owner !== undefined && (projectDirectory === owner || projectDirectory.startsWith(`${owner}${path.sep}`));
  const schema = seen && packageRoot !== undefined
    ? path.relative(projectDirectory, path.join(packageRoot, ...SCHEMA_IN_PACKAGE))
    : path.join('node_modules', PACKAGE_NAME, ...SCHEMA_IN_PACKAGE);
  const posix = schema.split(path.sep).join('/');
  return posix.startsWith('.') ? posix : `./${posix}`;
}

/** The folder of this package's package.json, from the sources or from `dist/` alike. */
function packageRootOf(start: string): string | undefined {
  for (let directory = start; ; directory = path.dirname(directory)) {
    const manifest = path.join(directory, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) {
      return directory;
    }
    if (path.dirname(directory) === directory) {
      return undefined;
    }
  }
}
