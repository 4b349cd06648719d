import { MAX_CONTENT_FILE_BYTES, readTextFile } from '../../constructs/private/read-text-file';
import { TransformConfig } from '../../model/config/transform-config';
import { DocumentPath } from '../../model/solutions/yaml-source';
import { escapeTemplateText } from '../../model/terraform/template-text';
import { ConfigProblem } from './config-error';
import { ConfigSource, displayPath } from './config-source';
import { projectPath } from './project-path';

/** A value whose `transformKqlFile` was read into `transformKql`, and the file as messages show it. */
export interface ReadTransform<T> {
  readonly value: T;
  /** The `.kql` file, when the value named one. */
  readonly file?: string;
}

/**
 * Reads a value's `transformKqlFile`, relative to the folder of the config file and inside it, into `transformKql`:
 * UTF-8, a byte order mark dropped, line endings made `\n`, trailing blank lines dropped, and escaped for Terraform (a
 * `.kql` file is KQL: `${` in it is text). A value without one is returned as it is. `pathOf` says where a property of
 * the value is written. Returns undefined, with the problem added to `problems`, when both properties are given or the
 * file cannot be read; the message never quotes the file.
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
  const refuse = (why: string): undefined => {
    problems.push(source.problemAt(pathOf('transformKqlFile'), `${JSON.stringify(value.transformKqlFile)} ${why} `
      + '(transformKqlFile is relative to the folder of the config file)'));
    return undefined;
  };
  const located = projectPath(source.directory, value.transformKqlFile);
  if ('problem' in located) {
    return refuse(located.problem);
  }
  const read = readTextFile(located.path, MAX_CONTENT_FILE_BYTES);
  if ('problem' in read) {
    const shown = displayPath(located.path);
    if (read.line !== undefined) {
      problems.push({ file: shown, line: read.line, column: read.column ?? 1, path: '', message: read.problem });
      return undefined;
    }
    return refuse(read.problem);
  }
  const { transformKqlFile, ...rest } = value;
  void transformKqlFile;
  const transformKql = escapeTemplateText(read.text.replace(/\r\n?/g, '\n').replace(/\s+$/, ''));
  return { value: { ...rest, transformKql } as T, file: displayPath(located.path) };
}
