import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import Handlebars from 'handlebars';
import { CommandIo, UsageError } from './command-io';

export const INIT_USAGE = `Usage: sentinel-cdk init [DIR]

Writes a starter project into DIR (default: the current folder): sentinel.yaml (a workspace with a log forwarder, a
Syslog connector with its transformation in transforms/linux-auth.kql, and a solution, commented, with the
yaml-language-server line that lets editors complete it), cdktf.json (its app is \`npx sentinel-cdk synth\`) and
.gitignore. Refuses to overwrite any file that exists. Then: \`npx sentinel-cdk synth\`.`;

/** The files `init` writes: path in the project, and the template in `cli/init/` that renders it. */
export const STARTER_FILES: ReadonlyArray<{ readonly file: string; readonly template: string }> = [
  { file: 'sentinel.yaml', template: 'sentinel.yaml.hbs' },
  { file: path.join('transforms', 'linux-auth.kql'), template: 'linux-auth.kql.hbs' },
  { file: 'cdktf.json', template: 'cdktf.json.hbs' },
  { file: '.gitignore', template: 'gitignore.hbs' },
];

/** Where the schema is inside this package. */
const SCHEMA_IN_PACKAGE = ['schemas', 'sentinel.schema.json'];

/** The package name, as a project depends on it. */
const PACKAGE_NAME = 'sentinel-cdk';

/** `sentinel-cdk init`: returns the exit code. */
export function runInit(argv: string[], io: CommandIo): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h', default: false } } });
  if (values.help) {
    io.stdout(INIT_USAGE);
    return 0;
  }
  if (positionals.length > 1) {
    throw new UsageError(`init: expected at most one folder, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  const directory = path.resolve(positionals[0] ?? '.');
  const existing = STARTER_FILES.map(({ file }) => file).filter((file) => existsSync(path.join(directory, file)));
  if (existing.length > 0) {
    io.stderr(`sentinel-cdk init: ${existing.map((file) => path.join(positionals[0] ?? '.', file)).join(', ')} already `
      + `exist${existing.length === 1 ? 's' : ''}; nothing was written. Run init in an empty folder, or move ${existing.length === 1 ? 'it' : 'them'} away first`);
    return 1;
  }
  const templateValues = { schemaPath: schemaPathFrom(directory), projectId: randomUUID() };
  for (const { file, template } of STARTER_FILES) {
    const target = path.join(directory, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, Handlebars.compile(readFileSync(path.join(__dirname, 'init', template), 'utf8'), { strict: true })(templateValues));
    io.stdout(`Wrote ${path.join(positionals[0] ?? '.', file)}`);
  }
  io.stdout('');
  io.stdout(`Next: edit sentinel.yaml, then \`npx sentinel-cdk synth${positionals[0] === undefined ? '' : ` --config ${path.join(positionals[0], 'sentinel.yaml')}`}\``);
  return 0;
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
