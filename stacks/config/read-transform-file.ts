import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { TransformConfig } from '../../model/config/transform-config';
import { DocumentPath } from '../../model/solutions/yaml-source';
import { ConfigProblem } from './config-error';
import { ConfigSource, displayPath } from './config-source';

/** A value whose `transformKqlFile` was read into `transformKql`, and the file as messages show it. */
export interface ReadTransform<T> {
  readonly value: T;
  /** The `.kql` file, when the value named one. */
  readonly file?: string;
}

/**
 * Reads a value's `transformKqlFile`, relative to the folder of the config file, into `transformKql` (trailing blank
 * lines dropped); a value without one is returned as it is. `pathOf` says where a property of the value is written.
 * Returns undefined, with the problem added to `problems`, when both properties are given or the file does not exist.
 */
export function readTransformKqlFile<T extends TransformConfig>(source: ConfigSource, value: T, pathOf: (property: string) => DocumentPath,
  problems: ConfigProblem[]): ReadTransform<T> | undefined {
  if (value.transformKqlFile === undefined) {
    return { value };
  }
  if (value.transformKql !== undefined) {
    problems.push(source.problemAtKey(pathOf('transformKqlFile'), 'give transformKql or transformKqlFile, not both'));
    return undefined;
  }
  const file = path.resolve(source.directory, value.transformKqlFile);
  if (!existsSync(file) || !statSync(file).isFile()) {
    problems.push(source.problemAt(pathOf('transformKqlFile'), `no such file: ${displayPath(file)} `
      + '(transformKqlFile is relative to the folder of the config file)'));
    return undefined;
  }
  const { transformKqlFile, ...rest } = value;
  void transformKqlFile;
  const transformKql = readFileSync(file, 'utf8').replace(/\s+$/, '');
  return { value: { ...rest, transformKql } as T, file: displayPath(file) };
}
