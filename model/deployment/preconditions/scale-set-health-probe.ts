import { DeploymentPrecondition } from '../deployment-precondition';

const SCALE_SET_TYPES = ['azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set'];

/**
 * A scale set whose rolling upgrades watch a load balancer probe (`health_probe_id`) is refused while no load
 * balancing rule uses that probe.
 */
export const SCALE_SET_HEALTH_PROBE: DeploymentPrecondition = {
  id: 'scale-set-health-probe',
  title: 'a scale set with a health probe is created after a load balancing rule that uses the probe',
  azureAnswer: 'Azure refuses the scale set: the load balancer probe is not used by any load balancing rule',
  source: 'azurerm docs of azurerm_linux_virtual_machine_scale_set (health_probe_id; its rolling-upgrade example depends on the azurerm_lb_rule)',
  requirements(graph) {
    return graph.ofType(...SCALE_SET_TYPES).flatMap((scaleSet) => {
      const probe = scaleSet.arguments.health_probe_id;
      if (typeof probe !== 'string') {
        return [];
      }
      const rules = graph.ofType('azurerm_lb_rule').filter((rule) => rule.arguments.probe_id === probe);
      return rules.length === 0 ? [] : [{ dependent: scaleSet.address, required: rules.map((rule) => rule.address), reason: 'watches a probe of its load balancer' }];
    });
  },
};
