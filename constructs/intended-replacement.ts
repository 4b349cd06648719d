import { IConstruct } from 'constructs';
import { recordInStackMetadata } from './private/stack-metadata';
import { throwIfInvalid } from './private/validation';

/**
 * Says that a change replaces the resources under `scope` on purpose (a custom table renamed, a workspace moved to
 * another region), with the reason. Terraform destroys and re-creates such resources with every row in them, so
 * `sentinel-cdk review` blocks the pull request unless the synthesized stack records the intent; with it, the review
 * still reports the replacement and the reason, without blocking.
 *
 * ```ts
 * allowReplacement(table, 'ContosoApp_CL becomes ContosoApp2_CL; the old rows are exported to the archive first');
 * ```
 *
 * It covers `scope` and every construct under it. Take it out once the change is deployed: it would cover the next one too.
 */
export function allowReplacement(scope: IConstruct, reason: string): void {
  throwIfInvalid(scope, 'reason', reason.trim() === '' ? 'say why replacing these resources (and losing their data) is intended' : undefined);
  recordInStackMetadata(scope, 'intendedReplacements', () => ({ constructPath: scope.node.path, reason: reason.trim() }));
}
