import { checkConnectorWithoutSupportContact } from '../../model/checks/connector-without-support-contact';
import { checkDevelopmentWorkspaceWithoutDailyCap } from '../../model/checks/development-workspace-without-daily-cap';
import { checkForwarderOpenToInternet } from '../../model/checks/forwarder-open-to-internet';
import { PolicySeverity } from '../../model/checks/policy-finding';
import { PolicyCheck } from '../../model/checks/policy-input';
import { checkRetentionBelowIncludedDays } from '../../model/checks/retention-below-included-days';
import { checkSharedKeyAuthentication } from '../../model/checks/shared-key-authentication';
import { checkSshOpenToInternet } from '../../model/checks/ssh-open-to-internet';
import { checkSshOpenToWideRange } from '../../model/checks/ssh-open-to-wide-range';
import { checkSyslogFacilityCollectedTwice } from '../../model/checks/syslog-facility-collected-twice';
import { checkTransformKeepsEveryColumn } from '../../model/checks/transform-keeps-every-column';

/** A rule of the Sentinel policy pack: a pure check from `model/checks/`, with the level and wording of this pack. */
export interface PolicyRule {
  /** Stable id, `Sentinel-<AREA><n>`; suppressions name it. */
  readonly ruleId: string;
  /** One line that names the problem. */
  readonly title: string;
  /** `error` fails synth unless suppressed; `warning` is reported. */
  readonly severity: PolicySeverity;
  /** Why a reviewer should care, appended to each finding's message. */
  readonly reason: string;
  /** The pure check. */
  readonly check: PolicyCheck;
}

/** The rules of the Sentinel policy pack, in the order they run. */
export const SENTINEL_POLICY_RULES: readonly PolicyRule[] = [
  {
    ruleId: 'Sentinel-FWD1',
    title: 'Log forwarder reachable from the internet',
    severity: 'error',
    reason: 'Syslog has no authentication: anyone who reaches a forwarder can forge events in Sentinel and flood its ingestion, '
      + 'and the VM becomes an attack target.',
    check: checkForwarderOpenToInternet,
  },
  {
    ruleId: 'Sentinel-SSH1',
    title: 'SSH open to the internet',
    severity: 'error',
    reason: 'SSH reachable from the whole internet is scanned and brute-forced within minutes of deployment.',
    check: checkSshOpenToInternet,
  },
  {
    ruleId: 'Sentinel-SSH2',
    title: 'SSH open to a wide address range',
    severity: 'warning',
    reason: 'A range that wide admits far more machines than the administrators\'; one compromised host in it can reach SSH.',
    check: checkSshOpenToWideRange,
  },
  {
    ruleId: 'Sentinel-WS1',
    title: 'Shared-key authentication on',
    severity: 'warning',
    reason: 'A workspace key is a long-lived secret with no identity behind it; the HTTP Data Collector API that needs it was '
      + 'retired in September 2026.',
    check: checkSharedKeyAuthentication,
  },
  {
    ruleId: 'Sentinel-WS2',
    title: 'Retention shorter than the 90 days Sentinel includes',
    severity: 'warning',
    reason: 'Sentinel includes 90 days of retention at no extra cost; less saves nothing and loses the history investigations '
      + 'and hunting need.',
    check: checkRetentionBelowIncludedDays,
  },
  {
    ruleId: 'Sentinel-WS3',
    title: 'No daily cap on a development workspace',
    severity: 'warning',
    reason: 'Development workspaces receive test floods and misconfigured sources; without a cap one bad day is billed in full.',
    check: checkDevelopmentWorkspaceWithoutDailyCap,
  },
  {
    ruleId: 'Sentinel-DCR1',
    title: 'Syslog facility collected twice',
    severity: 'error',
    reason: 'Every duplicated event is paid for twice and raises every analytics rule\'s alerts twice; a second rule on the same '
      + 'facility is almost always a mistake.',
    check: checkSyslogFacilityCollectedTwice,
  },
  {
    ruleId: 'Sentinel-CON1',
    title: 'Connector without a support contact',
    severity: 'warning',
    reason: 'When a connector stops sending, the SOC must know whom to call; Sentinel shows such a connector as Community supported.',
    check: checkConnectorWithoutSupportContact,
  },
  {
    ruleId: 'Sentinel-DCR2',
    title: 'Transformation keeps every column of a noisy table',
    severity: 'warning',
    reason: 'High-volume tables are billed per GB ingested; columns nobody queries (raw messages, extensions) are often most of it.',
    check: checkTransformKeepsEveryColumn,
  },
];

/** The rule with this id, or undefined. */
export function policyRule(ruleId: string): PolicyRule | undefined {
  return SENTINEL_POLICY_RULES.find((rule) => rule.ruleId === ruleId);
}
