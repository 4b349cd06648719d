import { TerraformStack } from 'cdktf';
import { argumentLimitFindings } from '../model/deployment/argument-limits';
import { deploymentOrderFindings } from '../model/deployment/check-deployment-order';
import { addLateDependencies } from './private/dependencies';
import { warn } from './private/validation';

const checkedStacks = new WeakSet<TerraformStack>();

/**
 * Fails synth of `stack` when Azure would refuse a resource on the first `terraform apply` because Terraform creates
 * it in parallel with a resource it needs (a rule and the custom table it writes, an analytic rule and the functions
 * its query calls, ...): each precondition of `model/deployment` that is not an edge of the synthesized graph (a
 * reference or `depends_on`, transitively) is an error naming the construct, the precondition and its source. Tags
 * beyond Azure's limits (50 a resource, names and values too long) are errors too.
 *
 * Every stack with a {@link SentinelWorkspace} (or an imported one) is checked without asking; call this for a stack
 * written with the provider classes alone. Calling it again on the same stack does nothing.
 */
export function checkDeploymentOrder(stack: TerraformStack): void {
  if (checkedStacks.has(stack)) {
    return;
  }
  checkedStacks.add(stack);
  stack.node.addValidation({
    validate: () => {
      // The edges our constructs add at synth are in, also when the validation runs before cdktf's Aspects.
      addLateDependencies(stack);
      const document = stack.toTerraform();
      const limits = argumentLimitFindings(document);
      for (const finding of limits.filter((found) => found.severity === 'warning')) {
        const construct = stack.node.findAll().find((candidate) => candidate.node.path === finding.constructPath) ?? stack;
        warn(construct, finding.field, finding.message);
      }
      return [
        ...deploymentOrderFindings(document)
          .map((finding) => `${finding.constructPath}: deployment order [${finding.preconditionId}]: ${finding.message}`),
        ...limits.filter((finding) => finding.severity === 'error').map((finding) => `${finding.constructPath}: ${finding.field}: ${finding.message}`),
      ];
    },
  });
}
