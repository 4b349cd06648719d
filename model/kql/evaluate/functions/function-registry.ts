import { CONDITIONAL_FUNCTIONS } from './conditional-functions';
import { CONVERSION_FUNCTIONS } from './conversion-functions';
import { DATETIME_FUNCTIONS } from './datetime-functions';
import { DYNAMIC_FUNCTIONS } from './dynamic-functions';
import { MATH_FUNCTIONS } from './math-functions';
import { ScalarFunction } from './scalar-function';
import { STRING_FUNCTIONS } from './string-functions';
import { TRANSFORMATION_ONLY_FUNCTION_IMPLEMENTATIONS } from './transformation-only-functions';

/**
 * Every scalar function the evaluator implements, by name. `columnifexists` is not here: it reads the columns in
 * scope, so the expression compiler handles it.
 */
export const SCALAR_FUNCTIONS: ReadonlyMap<string, ScalarFunction> = new Map(Object.entries({
  ...STRING_FUNCTIONS,
  ...CONVERSION_FUNCTIONS,
  ...DATETIME_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...DYNAMIC_FUNCTIONS,
  ...CONDITIONAL_FUNCTIONS,
  ...TRANSFORMATION_ONLY_FUNCTION_IMPLEMENTATIONS,
}));
