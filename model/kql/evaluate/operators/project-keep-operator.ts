import { OperatorCompiler } from '../compile-context';
import { selectColumns } from './computed-columns';

/**
 * `project-keep`: keeps the columns listed (names or wildcards), in their input order.
 *
 * ```kql
 * Syslog | project-keep TimeGenerated, Host*
 * ```
 */
export const compileProjectKeepOperator: OperatorCompiler = (operator, input) => selectColumns(operator, input);
