import { TerraformResourceEntry } from '../../emulator/topology/terraform-document';
import { tableNameOfOutputStream } from '../../model/streams';
import { SYSLOG_LOG_LEVELS } from '../../model/syslog/facilities-and-levels';
import { kqlDiff } from './kql-diff';
import { inlineCode } from './markdown-text';
import { Interpretation, mergeInterpretations, nameOf, ResourceMeaning } from './resource-meaning';
import { ReviewDetail, ReviewNote } from './review-change';
import { sameValue } from './resource-pairs';

interface SyslogSource { name: string; streams?: string[]; facility_names?: string[]; log_levels?: string[] }
interface StreamDeclaration { stream_name: string; column?: Array<{ name: string; type: string }> }
interface DataFlow { streams?: string[]; output_stream?: string; transform_kql?: string; destinations?: string[] }

const code = (values: readonly string[]) => values.map(inlineCode).join(', ');

function syslogSourcesOf(resource: TerraformResourceEntry): SyslogSource[] {
  return ((resource.arguments.data_sources as { syslog?: SyslogSource[] } | undefined)?.syslog ?? []);
}

function declarationsOf(resource: TerraformResourceEntry): StreamDeclaration[] {
  return (resource.arguments.stream_declaration as StreamDeclaration[] | undefined) ?? [];
}

function flowsOf(resource: TerraformResourceEntry): DataFlow[] {
  return (resource.arguments.data_flow as DataFlow[] | undefined) ?? [];
}

/** The levels a `log_levels` list collects, `*` expanded. */
function levelsOf(logLevels: readonly string[] | undefined): string[] {
  const levels = logLevels ?? [];
  return levels.includes('*') ? [...SYSLOG_LOG_LEVELS] : SYSLOG_LOG_LEVELS.filter((level) => levels.includes(level));
}

/** The minimum level when the levels are that level and every more severe one, as `minimumLevel` writes them. */
function minimumLevelOf(levels: readonly string[]): string | undefined {
  const first = SYSLOG_LOG_LEVELS.findIndex((level) => levels.includes(level));
  return first >= 0 && levels.length === SYSLOG_LOG_LEVELS.length - first ? SYSLOG_LOG_LEVELS[first] : undefined;
}

/** "at Info and above" or "at Debug, Error". */
function levelPhrase(logLevels: readonly string[] | undefined): string {
  const levels = levelsOf(logLevels);
  const minimum = minimumLevelOf(levels);
  return minimum === undefined ? `at ${levels.join(', ') || 'no level'}` : minimum === 'Debug' ? 'at every level' : `at ${minimum} and above`;
}

/** The table a flow writes: its output stream, or its only Microsoft stream. */
function tableOfFlow(flow: DataFlow): string | undefined {
  const stream = flow.output_stream ?? (flow.streams?.length === 1 ? flow.streams[0] : undefined);
  return stream === undefined ? undefined : tableNameOfOutputStream(stream) ?? stream;
}

function flowName(flow: DataFlow): string {
  const table = tableOfFlow(flow);
  return `data flow ${code(flow.streams ?? [])}${table === undefined ? '' : ` → ${inlineCode(table)}`}`;
}

function describeSource(source: SyslogSource): string {
  return `syslog source ${inlineCode(source.name)} collects ${(source.facility_names ?? []).includes('*') ? 'every facility'
    : `facilities ${code(source.facility_names ?? [])}`} ${levelPhrase(source.log_levels)} into ${code(source.streams ?? [])}`;
}

/** Facilities and levels of one syslog source that changed. */
function syslogSourceNotes(before: SyslogSource, after: SyslogSource): ReviewNote[] {
  const where = `syslog source ${inlineCode(after.name)}`;
  const notes: ReviewNote[] = [];
  const facilitiesBefore = before.facility_names ?? [];
  const facilitiesAfter = after.facility_names ?? [];
  const addedFacilities = facilitiesAfter.filter((facility) => !facilitiesBefore.includes(facility));
  const removedFacilities = facilitiesBefore.filter((facility) => !facilitiesAfter.includes(facility));
  if (addedFacilities.length > 0) {
    notes.push({ text: `${where}: facility ${code(addedFacilities)} added: its events are now collected` });
  }
  if (removedFacilities.length > 0) {
    notes.push({ text: `${where}: facility ${code(removedFacilities)} removed: its events are no longer collected` });
  }
  notes.push(...levelNotes(where, levelsOf(before.log_levels), levelsOf(after.log_levels)));
  if (!sameValue(before.streams, after.streams)) {
    notes.push({ text: `${where}: stream ${code(before.streams ?? [])} → ${code(after.streams ?? [])}`, warning: true });
  }
  return notes;
}

/** A minimum level lowered or raised, with the levels that implies; any other change of the level set as such. */
function levelNotes(where: string, before: readonly string[], after: readonly string[]): ReviewNote[] {
  if (sameValue(before, after)) {
    return [];
  }
  const added = after.filter((level) => !before.includes(level));
  const removed = before.filter((level) => !after.includes(level));
  const minimumBefore = minimumLevelOf(before);
  const minimumAfter = minimumLevelOf(after);
  if (minimumBefore !== undefined && minimumAfter !== undefined) {
    return [added.length > 0
      ? { text: `${where}: minimum level lowered from ${minimumBefore} to ${minimumAfter}: now also collects ${added.join(', ')}` }
      : { text: `${where}: minimum level raised from ${minimumBefore} to ${minimumAfter}: no longer collects ${removed.join(', ')}` }];
  }
  return [
    ...(added.length > 0 ? [{ text: `${where}: levels ${added.join(', ')} added` }] : []),
    ...(removed.length > 0 ? [{ text: `${where}: levels ${removed.join(', ')} removed` }] : []),
  ];
}

function syslogInterpretation(base: TerraformResourceEntry, head: TerraformResourceEntry): Interpretation {
  const before = syslogSourcesOf(base);
  const after = syslogSourcesOf(head);
  const notes: ReviewNote[] = [];
  for (const source of after) {
    const previous = before.find((candidate) => candidate.name === source.name);
    notes.push(...(previous === undefined ? [{ text: `${describeSource(source)} (added)` }] : syslogSourceNotes(previous, source)));
  }
  for (const source of before.filter((candidate) => !after.some((other) => other.name === candidate.name))) {
    notes.push({ text: `syslog source ${inlineCode(source.name)} removed: its facilities are no longer collected by this rule` });
  }
  return { notes, details: [], covered: ['data_sources.syslog'] };
}

function declarationInterpretation(base: TerraformResourceEntry, head: TerraformResourceEntry): Interpretation {
  const before = declarationsOf(base);
  const after = declarationsOf(head);
  const notes: ReviewNote[] = [];
  for (const declaration of after) {
    const previous = before.find((candidate) => candidate.stream_name === declaration.stream_name);
    const where = `stream declaration ${inlineCode(declaration.stream_name)}`;
    if (previous === undefined) {
      notes.push({ text: `${where} added (${(declaration.column ?? []).length} columns)` });
      continue;
    }
    notes.push(...columnNotes(`${where}: `, previous.column ?? [], declaration.column ?? []));
  }
  for (const declaration of before.filter((candidate) => !after.some((other) => other.stream_name === candidate.stream_name))) {
    notes.push({ text: `stream declaration ${inlineCode(declaration.stream_name)} removed: senders of that stream are refused`, warning: true });
  }
  return { notes, details: [], covered: ['stream_declaration'] };
}

/** Columns added, removed or retyped, by name, each note after `where` (e.g. "stream declaration `X`: "). */
export function columnNotes(where: string, before: ReadonlyArray<{ name: string; type: string }>,
  after: ReadonlyArray<{ name: string; type: string }>): ReviewNote[] {
  const notes: ReviewNote[] = [];
  for (const column of after) {
    const previous = before.find((candidate) => candidate.name === column.name);
    if (previous === undefined) {
      notes.push({ text: `${where}column ${inlineCode(column.name)} (${column.type}) added` });
    } else if (previous.type !== column.type) {
      notes.push({ text: `${where}column ${inlineCode(column.name)} retyped from ${previous.type} to ${column.type}`, warning: true });
    }
  }
  for (const column of before.filter((candidate) => !after.some((other) => other.name === candidate.name))) {
    notes.push({ text: `${where}column ${inlineCode(column.name)} (${column.type}) removed`, warning: true });
  }
  return notes;
}

/** Pairs flows by their input streams, then the rest by position. */
function pairFlows(before: readonly DataFlow[], after: readonly DataFlow[]): Array<[DataFlow | undefined, DataFlow | undefined]> {
  const unmatched = [...before];
  const pairs: Array<[DataFlow | undefined, DataFlow | undefined]> = after.map((flow) => {
    const index = unmatched.findIndex((candidate) => sameValue(candidate.streams, flow.streams));
    return [index < 0 ? undefined : unmatched.splice(index, 1)[0], flow];
  });
  for (const pair of pairs.filter(([previous]) => previous === undefined)) {
    pair[0] = unmatched.shift();
  }
  return [...pairs, ...unmatched.map((flow): [DataFlow, undefined] => [flow, undefined])];
}

function flowInterpretation(subject: string, base: TerraformResourceEntry, head: TerraformResourceEntry): Interpretation {
  const notes: ReviewNote[] = [];
  const details: ReviewDetail[] = [];
  for (const [before, after] of pairFlows(flowsOf(base), flowsOf(head))) {
    if (after === undefined || before === undefined) {
      const flow = (after ?? before) as DataFlow;
      notes.push({ text: `${flowName(flow)} ${after === undefined ? 'removed: those rows are no longer sent' : 'added'}`, warning: after === undefined });
      continue;
    }
    const where = flowName(after);
    if (!sameValue(before.streams, after.streams)) {
      notes.push({ text: `${where}: input streams ${code(before.streams ?? [])} → ${code(after.streams ?? [])}` });
    }
    if (tableOfFlow(before) !== tableOfFlow(after)) {
      notes.push({ text: `${where}: output table changed from ${inlineCode(tableOfFlow(before) ?? 'none')} to ${inlineCode(tableOfFlow(after) ?? 'none')}: `
        + 'rows now land in another table', warning: true });
    }
    if (before.transform_kql !== after.transform_kql) {
      const change = before.transform_kql === undefined ? 'transformation added' : after.transform_kql === undefined
        ? 'transformation removed: rows go through unchanged' : 'transformKql changed';
      notes.push({ text: `${where}: ${change} (KQL diff in Details)` });
      details.push({ title: `${subject}, ${where}: transformKql`, language: 'diff', text: kqlDiff(before.transform_kql ?? '', after.transform_kql ?? '') });
    }
    if (!sameValue(before.destinations, after.destinations)) {
      notes.push({ text: `${where}: destinations ${code(before.destinations ?? [])} → ${code(after.destinations ?? [])}` });
    }
  }
  return { notes, details, covered: ['data_flow'] };
}

/** Data collection rules: syslog facilities and levels, stream declarations, flows, their tables and transforms. */
export const dataCollectionRuleMeaning: ResourceMeaning = {
  group: 'rules-and-transforms',
  subject: (resource) => `data collection rule ${inlineCode(nameOf(resource))}`,
  summary: (resource, _context, kind) => [
    ...syslogSourcesOf(resource).map((source) => ({ text: describeSource(source) })),
    ...flowsOf(resource).map((flow) => ({
      text: `${flowName(flow)}${flow.transform_kql === undefined ? '' : ', with a transformation'}`,
      warning: kind === 'removed',
    })),
  ],
  changed: (base, head) => mergeInterpretations([
    syslogInterpretation(base, head),
    declarationInterpretation(base, head),
    flowInterpretation(dataCollectionRuleMeaning.subject(head, { base: new Map(), head: new Map() }), base, head),
  ]),
};
