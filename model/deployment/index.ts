export * from './check-deployment-order';
export * from './deployment-precondition';
export * from './terraform-graph';
export { ANALYTIC_RULE_TYPES } from './preconditions/analytic-rule-query';
export * from './argument-limits';
