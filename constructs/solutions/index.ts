export * from './solution-package';
export * from './content-hub-template-package';
export * from './load-solution';
export { SolutionConnectorSettings } from './solution-connectors';
export { AnalyticRuleResource } from './analytic-rule-resource';
