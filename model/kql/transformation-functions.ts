import { KqlFunctionInput } from './analyze';

/**
 * Functions that exist only in DCR transformations, so the language service does not know them.
 *
 * - `parse_cef_dictionary(string)`: the CEF extension as a dynamic bag.
 * - `geo_location(ip)`: Country, Region, State, City, Latitude, Longitude as a dynamic bag.
 */
export const TRANSFORMATION_ONLY_FUNCTIONS: readonly KqlFunctionInput[] = [
  { name: 'parse_cef_dictionary', returnType: 'dynamic', parameters: [{ name: 'cef', type: 'string' }] },
  { name: 'geo_location', returnType: 'dynamic', parameters: [{ name: 'ip', type: 'string' }] },
];
