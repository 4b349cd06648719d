import { OperatorCompiler } from '../compile-context';
import { selectColumns } from './computed-columns';

/**
 * `project-reorder`: puts the columns listed first, in that order; the others follow.
 *
 * ```kql
 * Syslog | project-reorder Computer, TimeGenerated
 * ```
 */
export const compileProjectReorderOperator: OperatorCompiler = (operator, input) => selectColumns(operator, input);
