import { parseArgs } from 'node:util';
import { ConnectorCatalogEntry, INGESTION_PATH_TITLES } from '../model/connectors/connector-catalog-entry';
import { ConnectorMetadata } from '../model/connectors/connector-metadata';
import { CommandIo } from './command-io';
import { formatTable } from './format-table';
import { readSynthesizedStacks } from './synthesized-output';

export const CONNECTORS_USAGE = `Usage: sentinel-cdk connectors [--out DIR] [--stack NAME] [--json]

Lists the data connectors of synthesized stacks, as Sentinel's Data connectors page does: name, ingestion
path, tables, support tier and contact, and prerequisites. Reads only the Terraform JSON.

  --out DIR      the synthesized output (default: cdktf.out)
  --stack NAME   one stack (default: every stack)
  --json         print the connectors' metadata as JSON`;


function contactOf(entry: ConnectorCatalogEntry): string {
  const { name, link, email } = entry.support;
  const reach = [link, email].filter((value) => value !== undefined).join(', ');
  return [name, reach === '' ? undefined : reach].filter((value) => value !== undefined).join(', ') || 'no contact';
}

/** `sentinel-cdk connectors`: returns the exit code. */
export function runConnectors(argv: string[], io: CommandIo): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string', default: 'cdktf.out' },
      stack: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(CONNECTORS_USAGE);
    return 0;
  }
  const stacks = readSynthesizedStacks(values.out as string, values.stack).map((stack) => ({
    stackName: stack.stackName,
    connectors: (((stack.terraform['//'] as Record<string, unknown> | undefined)?.sentinel as { connectors?: ConnectorMetadata[] } | undefined)?.connectors ?? []),
  }));
  if (values.json) {
    io.stdout(JSON.stringify(stacks, null, 2));
    return 0;
  }
  stacks.forEach((stack, index) => {
    if (index > 0) {
      io.stdout('');
    }
    io.stdout(`Stack ${stack.stackName}: ${stack.connectors.length} connector${stack.connectors.length === 1 ? '' : 's'}`);
    if (stack.connectors.length === 0) {
      return;
    }
    io.stdout('');
    const rows = stack.connectors.map(({ catalogEntry: entry }) => [
      entry.title, INGESTION_PATH_TITLES[entry.ingestionPath] ?? entry.ingestionPath, entry.tables.join(', '),
      `${entry.support.tier} supported`, contactOf(entry),
    ]);
    formatTable(['CONNECTOR', 'INGESTION PATH', 'TABLES', 'SUPPORT', 'CONTACT'], rows).forEach((line) => io.stdout(line));
    io.stdout('');
    io.stdout('Prerequisites:');
    for (const connector of stack.connectors) {
      io.stdout(`  ${connector.catalogEntry.title} (${connector.constructPath})`);
      const prerequisites = connector.catalogEntry.prerequisites;
      (prerequisites.length === 0 ? ['none listed'] : prerequisites).forEach((prerequisite) => io.stdout(`    - ${prerequisite}`));
    }
  });
  return 0;
}
