import { parseArgs } from 'node:util';
import { checkPollOrigin } from '../emulator/pollers/poller-settings';
import type { RunningEmulator } from '../emulator/start-emulator';
import { CommandIo, UsageError } from './command-io';

export const EMULATOR_USAGE = `Usage: sentinel-cdk emulator [--stack NAME] [--out DIR] [--syslog-port N] [--https-port N]
                            [--max-rows-per-table N] [--log-root DIR] [--poll-origin NAME=URL]... [--var NAME=VALUE]...

Starts the local emulator on a synthesized stack: a UDP and a TCP syslog listener per log forwarder (the first
on --syslog-port, the next ones on the following ports), and the HTTPS server with the Data connectors page (/),
the Logs Ingestion, Data Collector and Log Analytics query APIs. Runs until Ctrl-C or SIGTERM.

  --stack NAME       the stack (default: the only one)
  --out DIR          the synthesized output (default: cdktf.out)
  --syslog-port N    UDP and TCP port of the first forwarder (default: 5514; 0 picks free ports)
  --https-port N     port of the HTTPS server (default: 8443; 0 picks a free port)
  --host ADDRESS     address to listen on (default: 127.0.0.1)
  --allowed-host NAME
                     a host name the HTTPS server answers besides IP addresses and localhost (repeatable); any other
                     Host header gets 403, so that a web page rebinding its name to 127.0.0.1 reads nothing
  --query-timeout S  seconds a query may run before it is stopped with 504 (default: 30)
  --query-memory MB  MiB of heap a query may use before it is stopped with 400 E_LOW_MEMORY_CONDITION (default: 1024)
  --max-rows-per-table N
                     rows each table keeps; past it the oldest go first and are counted as evicted (GET
                     /emulator/statistics, the page), so that a test tells eviction from loss (default: 100000)
  --log-root DIR     the folder under which the rules' text file sources read their filePatterns (/var/log/app/*.log
                     is read as DIR/var/log/app/*.log; nothing outside DIR is opened): lines appended after start,
                     and files that appear later, go through the rule's transformation; without it, text files are
                     not read
  --poll-origin NAME=URL
                     the API codeless poller NAME polls: URL (http or https, scheme, host and port only) replaces the
                     origin of its apiEndpoint and token URL, keeping their paths (repeatable); a poller without one
                     stays idle. POST /emulator/pollers/NAME/poll runs one poll now
  --var NAME=VALUE   the value of \${var.NAME} in the stack, e.g. a poller's API key (repeatable; TF_VAR_NAME in the
                     environment too, --var wins)`;

/** After a signal, the emulator stops within this time, whatever runs. */
const STOP_DEADLINE_MS = 1500;

function positiveNumber(option: string, value: string | undefined, integer: boolean, minimum: number): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < minimum || (integer && !Number.isInteger(parsed))) {
    throw new UsageError(`${option}: "${value}" is not ${integer ? 'a whole number' : 'a number'} of at least ${minimum}`);
  }
  return parsed;
}

function port(option: string, value: string | undefined, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new UsageError(`${option}: "${value}" is not a port from 0 to 65535`);
  }
  return parsed;
}

/** `NAME=VALUE` pairs of a repeatable option, checked. */
function pairs(option: string, given: readonly string[] | undefined, check: (name: string, value: string) => string | undefined = () => undefined):
  Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of given ?? []) {
    const at = entry.indexOf('=');
    const name = at < 0 ? '' : entry.slice(0, at);
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) {
      throw new UsageError(`${option}: "${entry}" is not NAME=VALUE`);
    }
    const value = entry.slice(at + 1);
    const problem = check(name, value);
    if (problem !== undefined) {
      throw new UsageError(`${option} ${name}: ${problem}`);
    }
    result[name] = value;
  }
  return result;
}

/** Terraform's `TF_VAR_NAME` variables of the environment, by name. */
function environmentVariables(environment: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(environment)
    .filter((entry): entry is [string, string] => entry[0].startsWith('TF_VAR_') && entry[0].length > 7 && entry[1] !== undefined)
    .map(([name, value]) => [name.slice(7), value]));
}

/** What the emulator prints when it is ready. */
export function describeRunningEmulator(emulator: RunningEmulator): string[] {
  const lines = [`Emulating stack ${emulator.topology.stackName}`, ''];
  for (const forwarder of emulator.forwarders) {
    lines.push(`Forwarder ${forwarder.name}: syslog on udp://${forwarder.udp.host}:${forwarder.udp.port} and tcp://${forwarder.tcp.host}:${forwarder.tcp.port}`);
  }
  if (emulator.forwarders.length === 0) {
    lines.push('No forwarder: no rule of the stack is associated with a machine.');
  }
  lines.push(`Data connectors page: ${emulator.httpsUrl}/ (the certificate is self-signed: trust it, or accept the browser's warning)`);
  lines.push(`HTTPS: ${emulator.httpsUrl} (query API: ${emulator.httpsUrl}/v1/workspaces/<workspace id>/query; topology: ${emulator.httpsUrl}/emulator/topology)`);
  lines.push(`Certificate: ${emulator.certificatePath} (export NODE_EXTRA_CA_CERTS=${emulator.certificatePath} for Node clients)`);
  for (const workspace of emulator.workspaces) {
    const legacy = emulator.topology.workspaces.find((candidate) => candidate.customerId === workspace.customerId);
    lines.push(`Workspace ${workspace.name}: id ${workspace.customerId}`
      + (legacy?.localAuthenticationEnabled === true ? ` (Data Collector API: ${emulator.httpsUrl}/api/logs?api-version=2016-04-01)` : ''));
  }
  for (const rule of emulator.topology.rules.filter((candidate) => candidate.streamDeclarations.size > 0)) {
    lines.push(`Rule ${rule.ruleName}: Logs Ingestion API ${emulator.httpsUrl}/dataCollectionRules/${rule.immutableId}/streams/`
      + `{${[...rule.streamDeclarations.keys()].join(',')}}`);
  }
  const textFiles = emulator.stats().textFiles;
  for (const rule of emulator.topology.rules.filter((candidate) => candidate.logFileSources.length > 0)) {
    const patterns = rule.logFileSources.flatMap((source) => source.filePatterns).join(', ');
    lines.push(textFiles.length > 0 ? `Rule ${rule.ruleName}: reads ${patterns} under --log-root`
      : `Rule ${rule.ruleName}: text files ${patterns} are not read (give --log-root DIR)`);
  }
  for (const poller of emulator.pollers.status()) {
    lines.push(poller.state === 'idle' ? `Poller ${poller.name}: idle (${poller.reason})`
      : `Poller ${poller.name}: polls ${poller.apiEndpoint ?? 'its API'} through its --poll-origin every ${poller.queryWindowInMin} min; `
        + `POST ${emulator.httpsUrl}/emulator/pollers/${encodeURIComponent(poller.name)}/poll polls now`);
  }
  if (emulator.topology.problems.length > 0) {
    lines.push('', 'Not emulated, or not understood:', ...emulator.topology.problems.map((problem) => `  ${problem}`));
  }
  const hints = emulatorHints(emulator);
  if (hints.length > 0) {
    lines.push('', ...hints.map((hint, index) => `${index === 0 ? 'Try: ' : '     '}${hint}`));
  }
  return lines;
}

/** `logger`'s name of each level Azure lists in a syslog source. */
const LOGGER_LEVELS: Readonly<Record<string, string>> = {
  Debug: 'debug', Info: 'info', Notice: 'notice', Warning: 'warning', Error: 'err', Critical: 'crit', Alert: 'alert', Emergency: 'emerg',
};

/**
 * Commands that feed the stack the emulator runs: a `logger` line to the first forwarder with a facility and level
 * its rules collect (a CEF line for a CommonSecurityLog source), a `curl` of one record to the first Logs Ingestion
 * stream, and the query that shows each.
 */
export function emulatorHints(emulator: RunningEmulator): string[] {
  const hints: string[] = [];
  const topology = emulator.topology;
  const first = emulator.forwarders[0];
  const forwarder = first === undefined ? undefined : topology.forwarders.find((candidate) => candidate.key === first.key);
  const source = forwarder === undefined ? undefined : topology.rules.filter((rule) => forwarder.ruleAddresses.includes(rule.address))
    .flatMap((rule) => rule.syslogSources)[0];
  if (first !== undefined && source !== undefined) {
    const facility = source.facilityNames.find((name) => name !== '*') ?? 'user';
    const level = LOGGER_LEVELS[source.logLevels.find((name) => name !== '*') ?? 'Info'] ?? 'info';
    const cef = source.streams.includes('Microsoft-CommonSecurityLog');
    hints.push(cef
      ? `logger -n ${first.udp.host} -P ${first.udp.port} -d -p ${facility}.${level} -t CEF 'CEF:0|Contoso|Firewall|1.0|100|Port scan|7|src=10.1.2.3 dst=10.4.5.6 dpt=22'`
      : `logger -n ${first.udp.host} -P ${first.udp.port} -d -p ${facility}.${level} -t sshd 'Accepted publickey for alice from 10.1.2.3 port 52344 ssh2'`);
    hints.push(`npx sentinel-cdk query '${cef ? 'CommonSecurityLog' : 'Syslog'} | take 10'`);
  }
  const rule = topology.rules.find((candidate) => candidate.streamDeclarations.size > 0);
  const [stream, columns] = rule === undefined ? [] : [...rule.streamDeclarations][0];
  if (rule !== undefined && stream !== undefined && columns !== undefined) {
    const record = Object.fromEntries(columns.map((column) => [column.name, sampleValue(column.type)]));
    const table = rule.dataFlows.find((flow) => flow.streams.includes(stream))?.tableName;
    hints.push(`curl --cacert ${emulator.certificatePath} -H 'Authorization: Bearer any' -H 'Content-Type: application/json' `
      + `-d '${JSON.stringify([record]).replace(/'/g, "'\\''")}' '${emulator.httpsUrl}/dataCollectionRules/${rule.immutableId}/streams/${stream}?api-version=2023-01-01'`);
    if (table !== undefined) {
      hints.push(`npx sentinel-cdk query '${table} | take 10'`);
    }
  }
  return hints;
}

/** A value of a stream column's type for an example record. */
function sampleValue(type: string): unknown {
  switch (type) {
    case 'datetime': return new Date().toISOString();
    case 'int': case 'long': return 1;
    case 'real': return 1.5;
    case 'boolean': return true;
    case 'dynamic': return { example: true };
    default: return 'example';
  }
}

/** `sentinel-cdk emulator`: runs until a signal stops it. */
export async function runEmulatorCommand(argv: string[], io: CommandIo, signals: NodeJS.EventEmitter = process,
  environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'stack': { type: 'string' },
      'out': { type: 'string', default: 'cdktf.out' },
      'syslog-port': { type: 'string' },
      'https-port': { type: 'string' },
      'host': { type: 'string', default: '127.0.0.1' },
      'allowed-host': { type: 'string', multiple: true },
      'query-timeout': { type: 'string' },
      'query-memory': { type: 'string' },
      'max-rows-per-table': { type: 'string' },
      'log-root': { type: 'string' },
      'poll-origin': { type: 'string', multiple: true },
      'var': { type: 'string', multiple: true },
      'help': { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(EMULATOR_USAGE);
    return 0;
  }
  const queryTimeoutSeconds = positiveNumber('--query-timeout', values['query-timeout'], false, 0.001);
  const queryMemoryMb = positiveNumber('--query-memory', values['query-memory'], true, 256);
  const rowCapPerTable = positiveNumber('--max-rows-per-table', values['max-rows-per-table'], true, 1);
  const pollOrigins = pairs('--poll-origin', values['poll-origin'], (_name, value) => checkPollOrigin(value));
  const variables = { ...environmentVariables(environment), ...pairs('--var', values.var) };
  let emulator: RunningEmulator;
  try {
    // Loaded here, not with the command's module: `emulator --help` needs none of the emulator.
    const { startEmulator }: typeof import('../emulator/start-emulator') = require('../emulator/start-emulator');
    emulator = await startEmulator({
      outDir: values.out, stack: values.stack, host: values.host, allowedHosts: values['allowed-host'], queryTimeoutSeconds, queryMemoryMb,
      pollOrigins, variables, rowCapPerTable, logRoot: values['log-root'],
      ports: { syslog: port('--syslog-port', values['syslog-port'], 5514), https: port('--https-port', values['https-port'], 8443) },
    });
  } catch (error) {
    if (error instanceof UsageError) {
      throw error;
    }
    io.stderr(`sentinel-cdk emulator: ${(error as Error).message}`);
    return 1;
  }
  describeRunningEmulator(emulator).forEach((line) => io.stdout(line));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    signals.once('SIGINT', stop);
    signals.once('SIGTERM', stop);
  });
  io.stdout('Stopping the emulator');
  let deadline: NodeJS.Timeout | undefined;
  const stopped = await Promise.race([
    emulator.stop().then(() => true),
    new Promise<boolean>((resolve) => { deadline = setTimeout(() => resolve(false), STOP_DEADLINE_MS); }),
  ]);
  clearTimeout(deadline);
  if (!stopped) {
    io.stderr(`sentinel-cdk emulator: not stopped within ${STOP_DEADLINE_MS} ms; exiting`);
    if (signals === process) {
      process.exit(0);
    }
  }
  return 0;
}
