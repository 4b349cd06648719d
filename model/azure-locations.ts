import { closest } from './closest-name';

/**
 * Azure regions by the names Resource Manager takes (`az account list-locations --query "[].name"`), of the public,
 * US Government and China clouds, as of late 2026. Resource Manager refuses any other location when a resource is
 * created; azurerm also takes the display name ("West Europe") and writes it this way.
 */
export const AZURE_LOCATIONS: readonly string[] = [
  // Americas
  'eastus', 'eastus2', 'centralus', 'northcentralus', 'southcentralus', 'westcentralus', 'westus', 'westus2', 'westus3',
  'canadacentral', 'canadaeast', 'brazilsouth', 'brazilsoutheast', 'mexicocentral', 'chilecentral', 'centraluseuap', 'eastus2euap',
  // Europe
  'northeurope', 'westeurope', 'uksouth', 'ukwest', 'francecentral', 'francesouth', 'germanywestcentral', 'germanynorth',
  'switzerlandnorth', 'switzerlandwest', 'norwayeast', 'norwaywest', 'swedencentral', 'swedensouth', 'polandcentral', 'italynorth',
  'spaincentral', 'austriaeast', 'belgiumcentral', 'denmarkeast',
  // Asia Pacific, Middle East, Africa
  'eastasia', 'southeastasia', 'japaneast', 'japanwest', 'koreacentral', 'koreasouth', 'centralindia', 'southindia', 'westindia',
  'jioindiawest', 'jioindiacentral', 'australiaeast', 'australiasoutheast', 'australiacentral', 'australiacentral2', 'newzealandnorth',
  'indonesiacentral', 'malaysiawest', 'taiwannorth', 'taiwannorthwest', 'uaenorth', 'uaecentral', 'qatarcentral', 'israelcentral',
  'southafricanorth', 'southafricawest',
  // US Government
  'usgovvirginia', 'usgovtexas', 'usgovarizona', 'usgoviowa', 'usdodcentral', 'usdodeast',
  // China (21Vianet)
  'chinaeast', 'chinaeast2', 'chinaeast3', 'chinanorth', 'chinanorth2', 'chinanorth3',
];

/** A location as Resource Manager names it: lower case without spaces ("West Europe" is "westeurope"). */
export function normalizeLocation(location: string): string {
  return location.toLowerCase().replace(/\s+/g, '');
}

/**
 * What to say of a location: nothing for a known region; an error for an empty one or one a letter or two away from a
 * known region (a typo, which Azure refuses at apply); a warning for any other, which may be a region newer than this list.
 */
export function locationProblem(location: string): { readonly severity: 'error' | 'warning'; readonly message: string } | undefined {
  const normalized = normalizeLocation(location);
  if (AZURE_LOCATIONS.includes(normalized)) {
    return undefined;
  }
  if (normalized === '') {
    return { severity: 'error', message: 'is empty; expected an Azure region such as westeurope' };
  }
  const suggestion = closest(normalized, AZURE_LOCATIONS);
  return suggestion !== undefined
    ? { severity: 'error', message: `"${location}" is not an Azure region (did you mean "${suggestion}"?)` }
    : { severity: 'warning', message: `"${location}" is not an Azure region this toolkit knows; Azure refuses it at apply unless it is newer than the list` };
}
