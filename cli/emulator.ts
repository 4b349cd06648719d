import { parseArgs } from 'node:util';
import { RunningEmulator, startEmulator } from '../emulator/start-emulator';
import { CommandIo, UsageError } from './command-io';

export const EMULATOR_USAGE = `Usage: sentinel-cdk emulator [--stack NAME] [--out DIR] [--syslog-port N] [--https-port N]

Starts the local emulator on a synthesized stack: a UDP and a TCP syslog listener per log forwarder (the first
on --syslog-port, the next ones on the following ports), and the HTTPS server with the Data connectors page (/),
the Logs Ingestion, Data Collector and Log Analytics query APIs. Runs until Ctrl-C or SIGTERM.

  --stack NAME       the stack (default: the only one)
  --out DIR          the synthesized output (default: cdktf.out)
  --syslog-port N    UDP and TCP port of the first forwarder (default: 5514; 0 picks free ports)
  --https-port N     port of the HTTPS server (default: 8443; 0 picks a free port)
  --host ADDRESS     address to listen on (default: 127.0.0.1)`;

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
  if (emulator.topology.problems.length > 0) {
    lines.push('', 'Not emulated, or not understood:', ...emulator.topology.problems.map((problem) => `  ${problem}`));
  }
  const first = emulator.forwarders[0];
  if (first !== undefined) {
    lines.push('', `Try: logger -n ${first.udp.host} -P ${first.udp.port} -d -p local4.warning -t CEF 'CEF:0|Contoso|Firewall|1.0|100|Port scan|7|src=10.1.2.3 dst=10.4.5.6 dpt=22'`);
    lines.push('     npx sentinel-cdk query \'CommonSecurityLog | take 10\'');
  }
  return lines;
}

/** `sentinel-cdk emulator`: runs until a signal stops it. */
export async function runEmulatorCommand(argv: string[], io: CommandIo, signals: NodeJS.EventEmitter = process): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'stack': { type: 'string' },
      'out': { type: 'string', default: 'cdktf.out' },
      'syslog-port': { type: 'string' },
      'https-port': { type: 'string' },
      'host': { type: 'string', default: '127.0.0.1' },
      'help': { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(EMULATOR_USAGE);
    return 0;
  }
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({
      outDir: values.out, stack: values.stack, host: values.host,
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
  await emulator.stop();
  return 0;
}
