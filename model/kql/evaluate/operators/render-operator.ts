import { OperatorCompiler } from '../compile-context';

/**
 * `render`: a hint for the client's chart; the query API returns the table as it is (the visualization only with
 * `Prefer: include-render=true`, which the emulator does not produce).
 *
 * ```kql
 * Syslog | summarize count() by bin(TimeGenerated, 1h) | render timechart
 * ```
 */
export const compileRenderOperator: OperatorCompiler = (_operator, input) => input;
