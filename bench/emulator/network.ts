/**
 * Network benchmark of the emulator's syslog listeners, beside rsyslog on the same machine in the same run:
 * for UDP and TCP, CEF lines at fixed rates (5k, 10k, 20k, 50k EPS by default, 30 s each) from a separate sender
 * process; the emulator parses, filters, transforms and stores them (the example topology), rsyslog only writes them
 * to a file. Reports events received and lost per rate, and the highest lossless rate of each as a ratio.
 * Target (issue 6): no loss at 20,000 EPS. Writes bench/results/emulator-network-<date>.{json,md}.
 * Run with `npm run bench:emulator-network` (needs rsyslogd; BENCH_RATES and BENCH_SECONDS override the defaults).
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startEmulator } from '../../emulator/start-emulator';
import { synthesizeExample } from '../../stacks/main';
import { machineDetails } from '../support/machine';

const run = promisify(execFile);
const RATES = (process.env.BENCH_RATES ?? '5000,10000,20000,50000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RESULTS = path.resolve(__dirname, '..', '..', '..', 'bench', 'results');
const SENDER = path.join(__dirname, 'send-syslog.js');

interface Measurement { protocol: 'udp' | 'tcp'; eventsPerSecond: number; sent: number; received: number; lost: number }

async function send(protocol: 'udp' | 'tcp', port: number, eventsPerSecond: number): Promise<number> {
  const { stdout } = await run(process.execPath, [SENDER, protocol, String(port), String(eventsPerSecond), String(SECONDS)], { maxBuffer: 1 << 20 });
  return (JSON.parse(stdout.trim()) as { sent: number }).sent;
}

/** Waits until `count()` stops growing for half a second (the receiver drained its queues). */
async function settled(count: () => number): Promise<number> {
  let last = -1;
  let current = count();
  while (current !== last) {
    last = current;
    await new Promise((resolve) => setTimeout(resolve, 500));
    current = count();
  }
  return current;
}

/** Lines in a file, counted in chunks (the file outgrows a string at high rates). */
function lineCount(file: string): number {
  if (!existsSync(file)) {
    return 0;
  }
  const descriptor = openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  let lines = 0;
  try {
    for (let read = readSync(descriptor, buffer); read > 0; read = readSync(descriptor, buffer)) {
      for (let index = 0; index < read; index++) {
        if (buffer[index] === 0x0a) {
          lines++;
        }
      }
    }
  } finally {
    closeSync(descriptor);
  }
  return lines;
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'bench-network-'));
  let rsyslog: ChildProcess | undefined;
  const emulatorResults: Measurement[] = [];
  const rsyslogResults: Measurement[] = [];
  try {
    synthesizeExample(work);
    const emulator = await startEmulator({ outDir: work, rowCapPerTable: 10_000 });
    const forwarder = emulator.forwarders[0];
    const received = () => emulator.stats().forwarders[0].received;

    const rsyslogPort = 30_000 + Math.floor(Math.random() * 20_000);
    const output = path.join(work, 'rsyslog-received.log');
    const config = path.join(work, 'rsyslog.conf');
    writeFileSync(config, [
      `global(workDirectory="${work}" maxMessageSize="64k")`,
      'main_queue(queue.type="LinkedList" queue.size="1000000" queue.dequeueBatchSize="2048" queue.workerThreads="2")',
      'module(load="imudp" threads="1" batchSize="128")',
      `input(type="imudp" port="${rsyslogPort}" address="127.0.0.1" rcvbufSize="8m")`,
      'module(load="imtcp")',
      `input(type="imtcp" port="${rsyslogPort}" address="127.0.0.1")`,
      'template(name="raw" type="string" string="%msg%\\n")',
      `*.* action(type="omfile" file="${output}" template="raw" asyncWriting="on" flushOnTXEnd="off" ioBufferSize="1m")`,
    ].join('\n'));
    rsyslog = spawn('rsyslogd', ['-n', '-f', config, '-i', path.join(work, 'rsyslogd.pid')], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 1000));

    for (const protocol of ['udp', 'tcp'] as const) {
      for (const eventsPerSecond of RATES) {
        const before = received();
        const sent = await send(protocol, protocol === 'udp' ? forwarder.udp.port : forwarder.tcp.port, eventsPerSecond);
        const got = (await settled(received)) - before;
        emulatorResults.push({ protocol, eventsPerSecond, sent, received: got, lost: sent - got });
        console.error(`emulator ${protocol} ${eventsPerSecond} EPS: ${got}/${sent}`);

        const rsyslogBefore = lineCount(output);
        const rsyslogSent = await send(protocol, rsyslogPort, eventsPerSecond);
        const rsyslogGot = (await settled(() => lineCount(output))) - rsyslogBefore;
        rsyslogResults.push({ protocol, eventsPerSecond, sent: rsyslogSent, received: rsyslogGot, lost: rsyslogSent - rsyslogGot });
        console.error(`rsyslog  ${protocol} ${eventsPerSecond} EPS: ${rsyslogGot}/${rsyslogSent}`);
      }
    }
    await emulator.stop();

    const highestLossless = (results: Measurement[], protocol: string) => Math.max(0, ...results
      .filter((result) => result.protocol === protocol && result.lost === 0).map((result) => result.eventsPerSecond));
    const date = new Date().toISOString();
    const machine = machineDetails();
    const rows = emulatorResults.map((result, index) => {
      const peer = rsyslogResults[index];
      return `| ${result.protocol} | ${result.eventsPerSecond} | ${result.sent} | ${result.received} | ${result.lost} | ${peer.received} | ${peer.lost} |`;
    });
    const summary = (['udp', 'tcp'] as const).map((protocol) => {
      const ours = highestLossless(emulatorResults, protocol);
      const theirs = highestLossless(rsyslogResults, protocol);
      return `| ${protocol} | ${ours} | ${theirs} | ${theirs === 0 ? 'n/a' : (ours / theirs).toFixed(2)} |`;
    });
    const report = [
      `# Emulator network benchmark, ${date.slice(0, 10)}`,
      '',
      `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}.`,
      `${SECONDS} s per rate; the sender is a separate process on the same machine; rsyslog only writes the lines to a file.`,
      '',
      '| protocol | EPS sent | events sent | emulator received | emulator lost | rsyslog received | rsyslog lost |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...rows,
      '',
      '| protocol | highest lossless EPS, emulator | highest lossless EPS, rsyslog | ratio |',
      '|---|---:|---:|---:|',
      ...summary,
      '',
      'Target: no loss at 20,000 EPS (twice Microsoft\'s per-forwarder design point).',
    ];
    mkdirSync(RESULTS, { recursive: true });
    const stamp = date.slice(0, 19).replace(/:/g, '-');
    writeFileSync(path.join(RESULTS, `emulator-network-${stamp}.json`), `${JSON.stringify({ date, machine, seconds: SECONDS, emulator: emulatorResults, rsyslog: rsyslogResults }, null, 2)}\n`);
    writeFileSync(path.join(RESULTS, `emulator-network-${stamp}.md`), `${report.join('\n')}\n`);
    console.log(report.join('\n'));
  } finally {
    rsyslog?.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

void main();
