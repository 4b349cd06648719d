import { KqlTimespan, KqlValue } from '../../values';
import { formatDatetime, toKqlString } from '../value-conversions';
import { ScalarFunction } from './scalar-function';

/** Dynamic (JSON) and array functions (KQL reference, "Dynamic/array functions"). */

/** A value as a member of a dynamic array or bag: datetimes and timespans become their text, as in JSON. */
export function asDynamicMember(value: KqlValue): unknown {
  if (value instanceof Date) {
    return formatDatetime(value);
  }
  return value instanceof KqlTimespan ? value.toString() : value;
}

/**
 * `parse_xml(xml)`: a bag in the shape KQL documents (elements by name, attributes as `@name`, text as `#text`,
 * repeated elements as arrays); null when the text is not well-formed XML. Handles elements, attributes, text,
 * CDATA and the five predefined entities; comments, processing instructions and DOCTYPE are skipped.
 */
export function parseXml(text: string): unknown {
  const decode = (value: string) => value
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/g, '&');
  const tokens = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  interface Element { name: string; bag: Record<string, unknown>; text: string; }
  const root: Element = { name: '', bag: {}, text: '' };
  const stack: Element[] = [root];
  const attach = (parent: Element, name: string, value: unknown) => {
    const existing = parent.bag[name];
    if (existing === undefined) {
      parent.bag[name] = value;
    } else if (Array.isArray(existing)) {
      existing.push(value);
    } else {
      parent.bag[name] = [existing, value];
    }
  };
  const close = (element: Element): unknown => {
    const text = element.text.trim();
    if (Object.keys(element.bag).length === 0) {
      return text === '' ? null : text;
    }
    if (text !== '') {
      element.bag['#text'] = text;
    }
    return element.bag;
  };
  let consumed = 0;
  for (let match = tokens.exec(text); match !== null; match = tokens.exec(text)) {
    consumed += match[0].length;
    const [, cdata, closing, opening, attributes, selfClosing, characters] = match;
    const current = stack[stack.length - 1];
    if (cdata !== undefined) {
      current.text += cdata;
    } else if (closing !== undefined) {
      if (current.name !== closing || stack.length === 1) {
        return null;
      }
      stack.pop();
      attach(stack[stack.length - 1], closing, close(current));
    } else if (opening !== undefined) {
      const element: Element = { name: opening, bag: {}, text: '' };
      for (const attribute of (attributes ?? '').matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        element.bag[`@${attribute[1]}`] = decode(attribute[2] ?? attribute[3] ?? '');
      }
      if (selfClosing === '/') {
        attach(current, opening, close(element));
      } else {
        stack.push(element);
      }
    } else if (characters !== undefined) {
      current.text += decode(characters);
    }
  }
  if (consumed !== text.length || stack.length !== 1 || Object.keys(root.bag).length === 0) {
    return null;
  }
  return root.bag;
}

export const DYNAMIC_FUNCTIONS: Readonly<Record<string, ScalarFunction>> = {
  array_length: (call) => {
    const [argument] = call.args;
    return (row) => {
      const value = argument(row);
      return Array.isArray(value) ? value.length : null;
    };
  },
  array_concat: (call) => {
    const arrays = call.args;
    return (row) => {
      const result: unknown[] = [];
      for (const argument of arrays) {
        const value = argument(row);
        if (!Array.isArray(value)) {
          return null;
        }
        result.push(...value);
      }
      return result;
    };
  },
  pack_array: (call) => {
    const values = call.args;
    return (row) => values.map((value) => asDynamicMember(value(row))) as KqlValue;
  },
  pack: (call) => packBag(call.args),
  bag_pack: (call) => packBag(call.args),
  zip: (call) => {
    const arrays = call.args;
    return (row) => {
      const values = arrays.map((argument) => argument(row));
      if (!values.every(Array.isArray)) {
        return null;
      }
      const lists = values as unknown[][];
      const length = Math.max(0, ...lists.map((list) => list.length));
      return Array.from({ length }, (_, index) => lists.map((list) => (index < list.length ? list[index] : null)));
    };
  },
  bag_keys: (call) => {
    const [argument] = call.args;
    return (row) => {
      const value = argument(row);
      return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
        && !(value instanceof KqlTimespan) ? Object.keys(value) : null;
    };
  },
  parse_xml: (call) => {
    const [argument] = call.args;
    return (row) => parseXml(toKqlString(argument(row))) as KqlValue;
  },
};

/** `pack(key1, value1, key2, value2, ...)`: a bag of the pairs. */
function packBag(args: readonly ((row: Record<string, KqlValue>) => KqlValue)[]): (row: Record<string, KqlValue>) => KqlValue {
  return (row) => {
    const bag: Record<string, unknown> = {};
    for (let index = 0; index + 1 < args.length; index += 2) {
      bag[toKqlString(args[index](row))] = asDynamicMember(args[index + 1](row));
    }
    return bag as KqlValue;
  };
}
