/**
 * Reading synthesized Terraform attributes that may hold expressions: `${...}` is a value only Terraform knows
 * (a reference, a variable, a function call). Readers return `undefined` for it, so that rules skip what they cannot
 * judge instead of failing.
 */

/** True when the value is a Terraform expression (`${var.retention}`), not a literal. */
export function isTerraformExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** A literal string, or undefined (absent, not a string, or an expression). */
export function literalString(value: unknown): string | undefined {
  return typeof value === 'string' && !isTerraformExpression(value) ? value : undefined;
}

/** A literal number, or undefined (absent, or an expression). Numeric strings count: Terraform converts them. */
export function literalNumber(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  const text = literalString(value);
  return text !== undefined && text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined;
}

/** A literal boolean, or undefined (absent, or an expression). */
export function literalBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') {
    return value;
  }
  const text = literalString(value);
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

/** The objects of a block list (`security_rule`, `data_flow`); a single block object counts as a list of one. */
export function blockList(value: unknown): Array<Readonly<Record<string, unknown>>> {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item));
}

/** The literal strings of a list attribute; expressions among them are left out. */
export function literalStrings(value: unknown): string[] {
  if (!Array.isArray(value)) {
    const single = literalString(value);
    return single === undefined ? [] : [single];
  }
  return value.map(literalString).filter((item): item is string => item !== undefined);
}

/** True when a list attribute holds an expression, so that its literal strings may not be all of it. */
export function holdsExpression(value: unknown): boolean {
  return Array.isArray(value) ? value.some(isTerraformExpression) : isTerraformExpression(value);
}

const RESOURCE_REFERENCE = /^\$\{([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\.[A-Za-z0-9_]+\}$/;

/**
 * The address of the resource a reference points to: `${azurerm_subnet.Main.id}` gives `azurerm_subnet.Main`.
 * Undefined for anything else (literals, variables, function calls).
 */
export function referencedAddress(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = RESOURCE_REFERENCE.exec(value.trim());
  return match === null || match[1].startsWith('var.') || match[1].startsWith('data.') || match[1].startsWith('local.')
    ? undefined : match[1];
}
