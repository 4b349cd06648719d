import { DeploymentPrecondition } from './deployment-precondition';
import { ANALYTIC_RULE_QUERY } from './preconditions/analytic-rule-query';
import { CODELESS_CONNECTOR } from './preconditions/codeless-connector';
import { RESOURCE_ID_REFERENCE } from './preconditions/resource-id-reference';
import { RULE_WRITES_CUSTOM_TABLE } from './preconditions/rule-writes-custom-table';
import { SCALE_SET_HEALTH_PROBE } from './preconditions/scale-set-health-probe';
import { SENTINEL_ONBOARDING } from './preconditions/sentinel-onboarding';
import { TerraformGraph } from './terraform-graph';

/** Every precondition the check knows, in the order findings list them. */
export const DEPLOYMENT_PRECONDITIONS: readonly DeploymentPrecondition[] = [
  RULE_WRITES_CUSTOM_TABLE, SENTINEL_ONBOARDING, ANALYTIC_RULE_QUERY, CODELESS_CONNECTOR, SCALE_SET_HEALTH_PROBE, RESOURCE_ID_REFERENCE,
];

/** A precondition that the graph does not carry: the two resources would be created in parallel. */
export interface DeploymentOrderFinding {
  readonly preconditionId: string;
  /** The construct path of the resource Azure checks (its address when the document records no path). */
  readonly constructPath: string;
  readonly resourceAddress: string;
  readonly requiredAddresses: readonly string[];
  /** `<address> writes the table "X_CL" but nothing orders it after <address>: ...` */
  readonly message: string;
}

/**
 * The preconditions of a synthesized stack that are not edges of its graph. Pure: reads the document, returns the
 * findings, sorted by construct path.
 */
export function deploymentOrderFindings(document: unknown, preconditions: readonly DeploymentPrecondition[] = DEPLOYMENT_PRECONDITIONS): DeploymentOrderFinding[] {
  const graph = TerraformGraph.of(document);
  const findings = preconditions.flatMap((precondition) => precondition.requirements(graph)
    .filter((requirement) => !requirement.required.some((required) => graph.orders(requirement.dependent, required)))
    .map((requirement): DeploymentOrderFinding => {
      const dependent = graph.resource(requirement.dependent);
      const required = requirement.required.map((address) => {
        const path = graph.resource(address)?.constructPath;
        return path === undefined ? address : `${address} (${path})`;
      });
      return {
        preconditionId: precondition.id,
        constructPath: dependent?.constructPath ?? requirement.dependent,
        resourceAddress: requirement.dependent,
        requiredAddresses: requirement.required,
        message: `${requirement.dependent} ${requirement.reason}, but neither a reference nor depends_on orders it after `
          + `${required.join(' or ')}; Terraform would create them in parallel and ${precondition.azureAnswer}. `
          + `Precondition "${precondition.id}": ${precondition.title} (${precondition.source})`,
      };
    }));
  return findings.sort((first, second) => (first.constructPath < second.constructPath ? -1 : first.constructPath > second.constructPath ? 1 : 0));
}
