import { RuleAssociation, ruleAssociations, SyslogDataSource, syslogDataSources } from './data-collection-rules';
import { PolicyInput, PolicyViolation, violationAt } from './policy-input';

/**
 * A syslog facility collected twice: two data collection rules associated with the same machine whose syslog data
 * sources send the same stream and share a facility and a level (`*` shares every one). The agent applies each rule
 * on its own, so Azure stores each such event once per rule. The finding is on the rule that sorts last by construct
 * path, naming the other.
 */
export function checkSyslogFacilityCollectedTwice(input: PolicyInput): PolicyViolation[] {
  const byMachine = new Map<string, RuleAssociation[]>();
  for (const association of ruleAssociations(input)) {
    byMachine.set(association.targetResourceId, [...(byMachine.get(association.targetResourceId) ?? []), association]);
  }
  const violations: PolicyViolation[] = [];
  for (const [machine, associations] of byMachine) {
    const rules = [...new Map(associations.map((entry) => [entry.dataCollectionRule.resourceAddress, entry.dataCollectionRule])).values()]
      .sort((first, second) => first.constructPath.localeCompare(second.constructPath));
    rules.forEach((later, laterIndex) => rules.slice(0, laterIndex).forEach((earlier) => {
      const overlap = firstOverlap(syslogDataSources(earlier), syslogDataSources(later));
      if (overlap !== undefined) {
        violations.push(violationAt(later, `syslog data source "${overlap.later}" collects facility "${overlap.facility}" at level `
          + `"${overlap.level}" into ${overlap.stream}, as does data source "${overlap.earlier}" of ${earlier.resourceAddress}, `
          + `on the same machine (${machine}); Azure stores those events twice. Expected each facility and level in one rule per machine`));
      }
    }));
  }
  return violations;
}

interface Overlap {
  readonly earlier: string;
  readonly later: string;
  readonly stream: string;
  readonly facility: string;
  readonly level: string;
}

/** The first stream, facility and level that two rules' syslog sources both collect. */
function firstOverlap(earlierSources: readonly SyslogDataSource[], laterSources: readonly SyslogDataSource[]): Overlap | undefined {
  for (const earlier of earlierSources) {
    for (const later of laterSources) {
      const stream = earlier.streams.find((candidate) => later.streams.includes(candidate));
      const facility = shared(earlier.facilityNames, later.facilityNames);
      const level = shared(earlier.logLevels, later.logLevels);
      if (stream !== undefined && facility !== undefined && level !== undefined) {
        return { earlier: earlier.name, later: later.name, stream, facility, level };
      }
    }
  }
  return undefined;
}

/** A value both lists hold, where `*` holds every value; undefined when they share none. */
function shared(first: readonly string[], second: readonly string[]): string | undefined {
  if (first.includes('*')) {
    return second[0];
  }
  if (second.includes('*')) {
    return first[0];
  }
  return first.find((value) => second.includes(value));
}
