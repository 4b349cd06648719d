import { AzurermProvider, AzurermProviderConfig } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';

/** The azurerm versions these constructs are written and tested for. */
export const AZURERM_VERSION_CONSTRAINT = '~> 4.55';

/** Options of {@link addAzurermProvider}. */
export interface AzurermProviderOptions extends Partial<AzurermProviderConfig> {}

/**
 * Adds the azurerm provider to a stack, with an empty `features` block and the version pinned to
 * {@link AZURERM_VERSION_CONSTRAINT} (the prebuilt bindings alone would allow any 4.x).
 */
export function addAzurermProvider(stack: TerraformStack, options: AzurermProviderOptions = {}): AzurermProvider {
  const provider = new AzurermProvider(stack, 'azurerm', { features: [{}], ...options });
  stack.addOverride('terraform.required_providers.azurerm.version', AZURERM_VERSION_CONSTRAINT);
  return provider;
}
