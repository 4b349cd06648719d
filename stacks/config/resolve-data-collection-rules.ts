import { DataCollectionRuleConfig, DataFlowConfig } from '../../model/config/data-collection-rule-config';
import { SentinelConfig } from '../../model/config/sentinel-config';
import { DocumentPath } from '../../model/solutions/yaml-source';
import { ConfigEntry, entriesOf } from './config-entry';
import { ConfigProblem } from './config-error';
import { ConfigSource } from './config-source';
import { readTransformKqlFile } from './read-transform-file';

/**
 * The data collection rules of one workspace with the `.kql` file of each data flow read into its `transformKql`, or
 * the problems found (a missing file, or both properties on one flow). Each entry records where every file came from,
 * so that a Kusto diagnostic is reported in its file.
 */
export function resolveDataCollectionRules(source: ConfigSource, document: SentinelConfig, stackName: string):
  { dataCollectionRules: Array<ConfigEntry<DataCollectionRuleConfig>>; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const entries = entriesOf(document.workspaces[stackName].dataCollectionRules, ['workspaces', stackName, 'dataCollectionRules']);
  const dataCollectionRules = entries.flatMap((entry) => {
    // A rule that breaks the schema is reported by it; its references are still checked.
    if (entry.value === null || typeof entry.value !== 'object' || !Array.isArray(entry.value.dataFlows)) {
      return [];
    }
    const resolved = readDataFlowFiles(source, entry, problems);
    return resolved === undefined ? [] : [resolved];
  });
  return { dataCollectionRules, problems };
}

function readDataFlowFiles(source: ConfigSource, entry: ConfigEntry<DataCollectionRuleConfig>,
  problems: ConfigProblem[]): ConfigEntry<DataCollectionRuleConfig> | undefined {
  const dataFlows: DataFlowConfig[] = [];
  const nestedTransformFiles: Array<{ documentPath: DocumentPath; file: string }> = [];
  let complete = true;
  entry.value.dataFlows.forEach((flow, index) => {
    const flowPath = [...entry.pathOf('dataFlows'), index];
    if (flow === null || typeof flow !== 'object') {
      complete = false;
      return;
    }
    const read = readTransformKqlFile(source, flow, (property) => [...flowPath, property], problems);
    if (read === undefined) {
      complete = false;
      return;
    }
    dataFlows.push(read.value);
    if (read.file !== undefined) {
      nestedTransformFiles.push({ documentPath: [...flowPath, 'transformKqlFile'], file: read.file });
    }
  });
  return complete ? { ...entry, value: { ...entry.value, dataFlows }, nestedTransformFiles } : undefined;
}
