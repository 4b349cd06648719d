/**
 * Logs Ingestion API benchmark (issue 7): records per second that the emulator ingests through
 * `POST /dataCollectionRules/{id}/streams/{stream}`, batches of 100 records of ~500 bytes, plain and gzip, through the
 * example's ContosoApp rule (a `parse` transformation into ContosoApp_CL), beside a bare Node HTTPS server that only
 * reads, gunzips and parses the same bodies, on the same machine in the same run. A separate process posts with
 * keep-alive and BENCH_CONCURRENCY requests in flight for BENCH_SECONDS per measure; the bare server and the emulator are
 * measured alternately BENCH_REPEATS times, and the medians compared.
 * Target: at least 0.5 of the bare server's records per second. Writes bench/results/emulator-logs-ingestion-<date>.{json,md}.
 * Run with `npm run bench:emulator-ingestion`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { generateSelfSignedCertificate } from '../../emulator/http/self-signed-certificate';
import { startEmulator } from '../../emulator/start-emulator';
import { synthesizeExample } from '../../stacks/main';
import { machineDetails, median } from '../support/machine';

const run = promisify(execFile);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const RECORDS_PER_BATCH = 100;
const RESULTS = path.resolve(__dirname, '..', '..', '..', 'bench', 'results');
const LOADER = path.join(__dirname, 'post-batches.js');

/** A batch of records of about 500 bytes each, as the example's application sends them (one raw line each). */
function batch(): string {
  const records = Array.from({ length: RECORDS_PER_BATCH }, (_, index) => ({
    TimeGenerated: new Date(Date.UTC(2026, 10, 25, 10, 0, index)).toISOString(),
    RawData: `WARN user=alice${index} src=10.0.${index % 250}.${(index * 7) % 250} duration_ms=${100 + index} msg=GET /api/orders/${index}`
      + ` returned 200 after a slow database call; request id ${index.toString(16).padStart(8, '0')}-4c1d-9e2f-${'ab'.repeat(6)}`
      + ` user agent Mozilla/5.0 (X11; Linux x86_64) Contoso/${index % 9}.${index % 7} ${'.'.repeat(270)}`,
  }));
  return JSON.stringify(records);
}

/** The baseline: a bare HTTPS server that reads the body, gunzips it when asked and parses it, then answers 204. */
function startBareServer(certificate: { cert: string; key: string }): Promise<Server> {
  const server = createServer(certificate, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received = Buffer.concat(chunks);
      const text = (request.headers['content-encoding'] === 'gzip' ? gunzipSync(received) : received).toString('utf8');
      const records = JSON.parse(text) as unknown[];
      response.writeHead(records.length > 0 ? 204 : 400).end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

interface Load { requests: number; failures: number; seconds: number }

async function load(url: string, caFile: string, bodyFile: string, gzip: boolean): Promise<Load> {
  const { stdout } = await run(process.execPath, [LOADER, url, caFile, bodyFile, gzip ? '1' : '0', String(CONCURRENCY), String(SECONDS)]);
  return JSON.parse(stdout) as Load;
}

async function main(): Promise<void> {
  const directory = mkdtempSync(path.join(tmpdir(), 'bench-ingestion-'));
  try {
    synthesizeExample(directory);
    // Azure's limit of 12,000 requests per rule and minute (20,000 records/s in batches of 100) would cap the measure.
    const emulator = await startEmulator({
      outDir: directory, ports: { syslog: 0, https: 0 }, logsIngestionLimits: { requestsPerMinute: Infinity, bytesPerMinute: Infinity },
    });
    const bareCertificate = await generateSelfSignedCertificate();
    const bare = await startBareServer(bareCertificate);
    const bareCaFile = path.join(directory, 'bare-ca.pem');
    writeFileSync(bareCaFile, bareCertificate.cert);
    try {
      const rule = emulator.topology.rules.find((candidate) => candidate.streamDeclarations.has('Custom-ContosoAppRaw'));
      if (rule === undefined) {
        throw new Error('the example has no rule with the stream Custom-ContosoAppRaw');
      }
      const acceptedRequests = (immutableId: string) => emulator.stats().dataCollectionRules
        .find((entry) => entry.immutableId === immutableId)?.requestsAccepted ?? 0;
      const route = `/dataCollectionRules/${rule.immutableId}/streams/Custom-ContosoAppRaw?api-version=2023-01-01`;
      const plain = batch();
      const bodies = { plain: Buffer.from(plain), gzip: gzipSync(plain) };
      const recordBytes = Math.round(Buffer.byteLength(plain) / RECORDS_PER_BATCH);
      const rows: string[] = [];
      const measures: Record<string, unknown>[] = [];
      for (const encoding of ['plain', 'gzip'] as const) {
        const bodyFile = path.join(directory, `body-${encoding}`);
        writeFileSync(bodyFile, bodies[encoding]);
        // Measures alternate, bare server then emulator, REPEATS times: drifts of the machine fall on both alike.
        const bareRates: number[] = [];
        const emulatorRates: number[] = [];
        for (let repeat = 0; repeat < REPEATS; repeat++) {
          const baseline = await load(`https://127.0.0.1:${(bare.address() as AddressInfo).port}${route}`, bareCaFile, bodyFile, encoding === 'gzip');
          const acceptedBefore = acceptedRequests(rule.immutableId);
          const measured = await load(`${emulator.httpsUrl}${route}`, emulator.certificatePath, bodyFile, encoding === 'gzip');
          const accepted = acceptedRequests(rule.immutableId) - acceptedBefore;
          if (accepted !== measured.requests || measured.failures > 0 || baseline.failures > 0) {
            throw new Error(`${encoding}: ${measured.requests} requests acknowledged, ${accepted} accepted, ${measured.failures} failures (baseline ${baseline.failures})`);
          }
          bareRates.push((baseline.requests * RECORDS_PER_BATCH) / baseline.seconds);
          emulatorRates.push((measured.requests * RECORDS_PER_BATCH) / measured.seconds);
        }
        const emulatorRate = median(emulatorRates);
        const bareRate = median(bareRates);
        // Each emulator run against the bare run just before it: the ratio is the median of these pairs.
        const pairRatios = emulatorRates.map((rate, index) => rate / bareRates[index]);
        const ratio = median(pairRatios);
        measures.push({
          encoding, bodyBytes: bodies[encoding].length, emulatorRecordsPerSecond: emulatorRate, bareRecordsPerSecond: bareRate,
          ratio, ratioOfMedians: emulatorRate / bareRate, emulatorRuns: emulatorRates, bareRuns: bareRates, pairRatios,
        });
        rows.push(`| ${encoding} (${bodies[encoding].length} bytes per request) | ${Math.round(emulatorRate)} | ${Math.round(bareRate)} | `
          + `${ratio.toFixed(2)} | ${pairRatios.map((pair) => pair.toFixed(2)).join(', ')} | 0.5 |`);
      }
      const date = new Date().toISOString();
      const machine = machineDetails();
      const report = [
        `# Emulator Logs Ingestion API benchmark, ${date.slice(0, 10)}`,
        '',
        `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}.`,
        `Batches of ${RECORDS_PER_BATCH} records of ~${recordBytes} bytes, ${CONCURRENCY} requests in flight over keep-alive HTTPS from a separate`
        + ` process, ${SECONDS} s per measure, bare server and emulator alternating ${REPEATS} times. The emulator reads, checks, transforms (parse of the example's ContosoApp rule) and stores`
        + ' every record; the baseline server only reads, gunzips and parses the bodies.',
        '',
        '| body | emulator records/s (median) | bare HTTPS server records/s (median) | ratio (median of the pairs) | each pair | target |',
        '|---|---:|---:|---:|---|---:|',
        ...rows,
      ];
      mkdirSync(RESULTS, { recursive: true });
      const stamp = date.slice(0, 19).replace(/:/g, '-');
      writeFileSync(path.join(RESULTS, `emulator-logs-ingestion-${stamp}.json`), `${JSON.stringify({
        date, machine, seconds: SECONDS, concurrency: CONCURRENCY, repeats: REPEATS, recordsPerBatch: RECORDS_PER_BATCH, recordBytes, measures,
      }, null, 2)}\n`);
      writeFileSync(path.join(RESULTS, `emulator-logs-ingestion-${stamp}.md`), `${report.join('\n')}\n`);
      console.log(report.join('\n'));
    } finally {
      bare.close();
      await emulator.stop();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

void main();
