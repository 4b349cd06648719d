import { KqlValue } from '../../values';
import { toKqlString } from '../value-conversions';
import { ScalarFunction } from './scalar-function';

/**
 * Functions that exist only in DCR transformations ("Supported KQL features in Azure Monitor transformations").
 */

/** Start of each `key=` of a CEF extension: a key follows the start or a space; `\=` inside values is escaped. */
const EXTENSION_KEY = /(?:^|\s)([A-Za-z0-9_.[\]-]+)=/g;

/** CEF escaping in extension values (ArcSight CEF spec): `\=`, `\\`, `\n`, `\r`. */
function unescapeExtensionValue(value: string): string {
  return value.replace(/\\([=\\nr])/g, (_, escaped: string) => (escaped === 'n' ? '\n' : escaped === 'r' ? '\r' : escaped));
}

/** The extension of a CEF message: what follows the seventh unescaped `|` after `CEF:`, or all of a bare extension. */
function extensionOf(message: string): string {
  const start = message.indexOf('CEF:');
  if (start < 0) {
    return message;
  }
  let pipes = 0;
  for (let index = start; index < message.length; index++) {
    if (message[index] === '\\') {
      index++;
    } else if (message[index] === '|' && ++pipes === 7) {
      return message.slice(index + 1);
    }
  }
  return '';
}

/**
 * `parse_cef_dictionary(message)`: the CEF extension's key/value pairs as a bag under the key `Extension`
 * (`{"Extension": {"src": "10.0.0.1", "act": "blocked"}}`). Values are text, unescaped. The documentation asks to
 * replace `;` before calling; it is kept here.
 */
export function parseCefDictionary(message: string): { Extension: Record<string, string> } {
  const extension = extensionOf(message);
  const pairs: Record<string, string> = {};
  const keys = [...extension.matchAll(EXTENSION_KEY)];
  keys.forEach((match, index) => {
    const valueStart = (match.index ?? 0) + match[0].length;
    const valueEnd = index + 1 < keys.length ? keys[index + 1].index ?? extension.length : extension.length;
    pairs[match[1]] = unescapeExtensionValue(extension.slice(valueStart, valueEnd).trim());
  });
  return { Extension: pairs };
}

/**
 * `geo_location(ip)`: Azure looks the address up in its geolocation data. The emulator has none and returns the
 * documented members with null values, the same for every address, so results are deterministic.
 */
export function geoLocation(): Record<string, null> {
  return { Country: null, Region: null, State: null, City: null, Latitude: null, Longitude: null };
}

export const TRANSFORMATION_ONLY_FUNCTION_IMPLEMENTATIONS: Readonly<Record<string, ScalarFunction>> = {
  parse_cef_dictionary: (call) => {
    const [argument] = call.args;
    return (row) => parseCefDictionary(toKqlString(argument(row))) as unknown as KqlValue;
  },
  geo_location: () => () => geoLocation(),
};
