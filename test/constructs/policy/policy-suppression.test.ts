import { Construct } from 'constructs';
import { suppressPolicyRule, suppressionInCode } from '../../../constructs/policy/policy-suppression';
import { newStack } from '../../support/synth';

describe('suppressPolicyRule', () => {
  test('covers the construct and everything below it; the nearest suppression gives the reason', () => {
    const stack = newStack();
    const outer = new Construct(stack, 'Outer');
    const inner = new Construct(outer, 'Inner');
    const sibling = new Construct(stack, 'OuterSibling');
    suppressPolicyRule(outer, 'Sentinel-DCR2', 'The whole team reads every column of this feed');
    suppressPolicyRule(inner, 'Sentinel-DCR2', 'This rule feeds a parser that reads every column');
    expect(suppressionInCode(new Construct(inner, 'Leaf'), 'Sentinel-DCR2')).toBe('This rule feeds a parser that reads every column');
    expect(suppressionInCode(outer, 'Sentinel-DCR2')).toBe('The whole team reads every column of this feed');
    expect(suppressionInCode(sibling, 'Sentinel-DCR2')).toBeUndefined();
    expect(suppressionInCode(inner, 'Sentinel-CON1')).toBeUndefined();
  });

  test('fails without a reason, or with a word instead of one, naming the construct', () => {
    const stack = newStack();
    const scope = new Construct(stack, 'Forwarder');
    expect(() => suppressPolicyRule(scope, 'Sentinel-FWD1', '   ')).toThrow('[test/Forwarder] reason: a suppression of Sentinel-FWD1 needs '
      + 'a reason of at least 10 characters that says why the finding is acceptable here, got "   "');
    expect(() => suppressPolicyRule(scope, 'Sentinel-FWD1', 'intended')).toThrow('[test/Forwarder] reason:');
  });

  test('fails on a rule id the policy does not have', () => {
    const stack = newStack();
    expect(() => suppressPolicyRule(stack, 'Sentinel-FWD9', 'Nobody knows this rule')).toThrow(
      '[test] ruleId: "Sentinel-FWD9" is not a rule of the Sentinel policy; expected one of Sentinel-FWD1, ');
  });
});
