import {
  blockList, holdsExpression, isTerraformExpression, literalBoolean, literalNumber, literalString, literalStrings, referencedAddress,
} from '../../../model/checks/terraform-values';

describe('reading synthesized Terraform values', () => {
  test('an expression is no literal: readers return undefined instead of failing', () => {
    expect(isTerraformExpression('${var.retention}')).toBe(true);
    expect(literalNumber('${var.retention}')).toBeUndefined();
    expect(literalBoolean('${var.local_auth}')).toBeUndefined();
    expect(literalString('prefix-${var.name}')).toBeUndefined();
  });

  test('literals are read as Terraform converts them', () => {
    expect(literalNumber(90)).toBe(90);
    expect(literalNumber('30')).toBe(30);
    expect(literalNumber('')).toBeUndefined();
    expect(literalBoolean('false')).toBe(false);
    expect(literalStrings(['10.0.0.0/8', '${var.office}'])).toEqual(['10.0.0.0/8']);
    expect(holdsExpression(['10.0.0.0/8', '${var.office}'])).toBe(true);
  });

  test('a single block object reads as a list of one; null and scalars read as none', () => {
    expect(blockList({ syslog: [] })).toEqual([{ syslog: [] }]);
    expect(blockList(null)).toEqual([]);
    expect(blockList(['text'])).toEqual([]);
  });

  test('a reference names the resource it points to; variables, data sources and literals do not', () => {
    expect(referencedAddress('${azurerm_subnet.ForwarderSubnet.id}')).toBe('azurerm_subnet.ForwarderSubnet');
    expect(referencedAddress('${azurerm_network_security_group.Main_1A2B.name}')).toBe('azurerm_network_security_group.Main_1A2B');
    expect(referencedAddress('${var.subnet.id}')).toBeUndefined();
    expect(referencedAddress('${data.azurerm_subnet.Main.id}')).toBeUndefined();
    expect(referencedAddress('/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s')).toBeUndefined();
  });
});
