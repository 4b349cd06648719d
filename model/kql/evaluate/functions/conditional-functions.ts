import { compareValues } from '../value-comparison';
import { ScalarFunction } from './scalar-function';

/** Conditional and logical functions (KQL reference, "Conditional functions"). Only the chosen branch runs. */

/** `iif(condition, then, else)` (alias `iff`): `else` when the condition is false or null. */
const iif: ScalarFunction = (call) => {
  const [condition, then, otherwise] = call.args;
  return (row) => (condition(row) === true ? then(row) : otherwise(row));
};

/** `case(predicate1, then1, predicate2, then2, ..., else)`. */
const caseFunction: ScalarFunction = (call) => {
  const args = call.args;
  const last = args.length - 1;
  return (row) => {
    for (let index = 0; index < last; index += 2) {
      if (args[index](row) === true) {
        return args[index + 1](row);
      }
    }
    return args[last](row);
  };
};

/** `max_of(a, b, ...)`/`min_of(a, b, ...)`: the largest/smallest argument; null arguments are ignored. */
function extreme(sign: 1 | -1): ScalarFunction {
  return (call) => {
    const args = call.args;
    return (row) => {
      let best = null;
      for (const argument of args) {
        const value = argument(row);
        if (value !== null && (best === null || sign * compareValues(value, best) > 0)) {
          best = value;
        }
      }
      return best;
    };
  };
}

export const CONDITIONAL_FUNCTIONS: Readonly<Record<string, ScalarFunction>> = {
  iif,
  iff: iif,
  case: caseFunction,
  max_of: extreme(1),
  min_of: extreme(-1),
  not: (call) => {
    const [argument] = call.args;
    return (row) => {
      const value = argument(row);
      return value === null ? null : !value;
    };
  },
  /** `coalesce(a, b, ...)`: the first argument that is not null (for text, not empty). */
  coalesce: (call) => {
    const args = call.args;
    return (row) => {
      for (const argument of args) {
        const value = argument(row);
        if (value !== null && value !== '') {
          return value;
        }
      }
      return call.resultType === 'string' ? '' : null;
    };
  },
};
