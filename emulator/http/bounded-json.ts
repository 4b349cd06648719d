/**
 * JSON bodies with a bound on their nesting. `JSON.parse` itself takes any depth, but what reads the values after it
 * (`JSON.stringify` of a dynamic column, the transformation's converters) recurses, and a body nested 100,000 deep
 * overflowed the stack. Azure's services refuse such bodies with a 400 (.NET's JSON readers stop at a depth of 64
 * by default; the exact bound of each service is UNCONFIRMED): the emulator allows {@link MAX_JSON_DEPTH}.
 */

/** The deepest nesting of arrays and objects a body may have. */
export const MAX_JSON_DEPTH = 128;

/** A body nested deeper than {@link MAX_JSON_DEPTH}. */
export class JsonTooDeepError extends Error {
  constructor(public readonly offset: number) {
    super(`The JSON nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels (at character ${offset + 1}).`);
    this.name = 'JsonTooDeepError';
  }
}

/** The offset at which the text nests deeper than `maxDepth`, or -1; strings are skipped, escapes included. */
export function tooDeepAt(text: string, maxDepth: number = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) {
        index++;
      } else if (code === 0x22) {
        inString = false;
      }
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      depth++;
      if (depth > maxDepth) {
        return index;
      }
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return -1;
}

/**
 * `JSON.parse` of a text whose nesting is bounded.
 *
 * @throws JsonTooDeepError past {@link MAX_JSON_DEPTH}
 * @throws SyntaxError when the text is not JSON
 */
export function parseBoundedJson(text: string, maxDepth: number = MAX_JSON_DEPTH): unknown {
  const at = tooDeepAt(text, maxDepth);
  if (at >= 0) {
    throw new JsonTooDeepError(at);
  }
  return JSON.parse(text);
}
