/**
 * Loads Microsoft's Kusto language service (`@kusto/language-service-next`, Kusto.Language compiled to
 * JavaScript with Bridge.NET) once, on first use.
 *
 * The package is two scripts that set globals: the Bridge.NET runtime, then Kusto.Language. Loading and
 * building the default global state costs about a second, so nothing here runs at import time.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

/** The `Kusto.Language` namespace of the language service; its types are Bridge.NET classes. */
export type KustoLanguage = any;

let kustoLanguage: KustoLanguage | undefined;

/** The `Kusto.Language` namespace, loading the language service on the first call. */
export function kusto(): KustoLanguage {
  if (kustoLanguage === undefined) {
    // The order matters: Kusto.Language.Bridge expects the Bridge runtime on globalThis.
    require('@kusto/language-service-next/bridge.min.js');
    require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
    kustoLanguage = (globalThis as any).Kusto.Language;
    if (kustoLanguage === undefined) {
      throw new Error('@kusto/language-service-next loaded but did not define globalThis.Kusto.Language');
    }
  }
  return kustoLanguage;
}

/** The items of a Bridge.NET list (`.Count`, `.getItem(i)`) as a JavaScript array. */
export function listItems<T = any>(list: any): T[] {
  const items: T[] = [];
  if (list === null || list === undefined) {
    return items;
  }
  for (let index = 0; index < list.Count; index++) {
    items.push(list.getItem(index));
  }
  return items;
}
