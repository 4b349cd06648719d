import { OperatorCompiler } from '../compile-context';
import { selectColumns } from './computed-columns';

/**
 * `project-away`: drops the columns listed (names or wildcards); the analyzer's result says which remain.
 *
 * ```kql
 * source | project-away GeoLocationSrc, GeoLocationDst, srcIpSplit
 * ```
 */
export const compileProjectAwayOperator: OperatorCompiler = (operator, input) => selectColumns(operator, input);
