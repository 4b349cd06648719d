import { parsePolicyErrorMode, PolicyErrorMode } from '../../../model/checks/policy-error-mode';

describe('parsePolicyErrorMode', () => {
  test('reads record and fail in any case, and unset or empty as fail', () => {
    expect(parsePolicyErrorMode('record')).toEqual({ mode: PolicyErrorMode.RECORD });
    expect(parsePolicyErrorMode(' RECORD\n')).toEqual({ mode: PolicyErrorMode.RECORD });
    expect(parsePolicyErrorMode('fail')).toEqual({ mode: PolicyErrorMode.FAIL });
    expect(parsePolicyErrorMode('')).toEqual({ mode: PolicyErrorMode.FAIL });
    expect(parsePolicyErrorMode(undefined)).toEqual({ mode: PolicyErrorMode.FAIL });
  });

  test('fails safe on any other value: the mode is fail, and the problem names the variable and what it accepts', () => {
    expect(parsePolicyErrorMode('1')).toEqual({
      mode: PolicyErrorMode.FAIL,
      problem: 'SENTINEL_CDK_POLICY_ERRORS: expected "record" (record policy errors without failing synth) or "fail" (the default, also '
        + 'when unset), received "1"',
    });
  });
});
