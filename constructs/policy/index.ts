export * from './sentinel-policy';
export * from './policy-suppression';
export * from './sentinel-policy-rules';
export type { PolicyFinding, PolicyReport, PolicySeverity } from '../../model/checks/policy-finding';
