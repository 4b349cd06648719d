import * as path from 'node:path';
import { MAX_YAML_FILE_BYTES, readTextFile } from '../../constructs/private/read-text-file';
import { DocumentPath, formatDocumentPath, parseYamlSource, YamlSource } from '../../model/solutions/yaml-source';
import { ConfigProblem } from './config-error';

/** A topology config file read with the positions of its nodes. */
export interface ConfigSource {
  /** The file as messages show it. */
  readonly file: string;
  /** Absolute folder of the file; `.kql` files and solution folders are relative to it. */
  readonly directory: string;
  /** The parsed document. */
  readonly yaml: YamlSource;
  /** A problem at the value of `documentPath` (or its closest existing parent). */
  problemAt(documentPath: DocumentPath, message: string): ConfigProblem;
  /** A problem at the key of the last segment of `documentPath` (an unknown or misplaced property). */
  problemAtKey(documentPath: DocumentPath, message: string): ConfigProblem;
}

/**
 * Reads and parses a config file (UTF-8, at most {@link MAX_YAML_FILE_BYTES}); a file that cannot be read and YAML
 * syntax errors are returned as problems.
 */
export function readConfigSource(configPath: string): { source: ConfigSource; problems: ConfigProblem[] } {
  const absolute = path.resolve(configPath);
  const file = displayPath(configPath);
  const read = readTextFile(absolute, MAX_YAML_FILE_BYTES);
  if ('problem' in read) {
    return {
      source: configSourceOf(file, path.dirname(absolute), parseYamlSource(file, '')),
      problems: [{ file, line: read.line ?? 1, column: read.column ?? 1, path: '', message: read.problem }],
    };
  }
  const yaml = parseYamlSource(file, read.text);
  const source = configSourceOf(file, path.dirname(absolute), yaml);
  const problems = yaml.problems.map((problem) => ({
    file, line: problem.line ?? 1, column: problem.column ?? 1, path: problem.path ?? '', message: problem.message,
  }));
  return { source, problems };
}

/** A config source over a parsed document. */
export function configSourceOf(file: string, directory: string, yaml: YamlSource): ConfigSource {
  const problemOf = (location: ReturnType<YamlSource['locate']>, documentPath: DocumentPath, message: string): ConfigProblem => ({
    file, line: location.line ?? 1, column: location.column ?? 1, path: formatDocumentPath(documentPath), message,
  });
  return {
    file,
    directory,
    yaml,
    problemAt: (documentPath, message) => problemOf(yaml.locate(documentPath), documentPath, message),
    problemAtKey: (documentPath, message) => problemOf(yaml.locateKey(documentPath), documentPath, message),
  };
}

/** The path relative to the working directory when it is inside it, so that messages stay short and portable. */
export function displayPath(file: string): string {
  const absolute = path.resolve(file);
  const relative = path.relative(process.cwd(), absolute);
  const shown = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
  return shown.split(path.sep).join('/');
}
