/**
 * In-process emulator benchmark, on one core:
 * 1. CEF lines of ~400 bytes parsed, mapped, transformed (the example's CEF rule) and stored, per second, sustained
 *    (tables full at the default row cap, the oldest rows dropped as new ones come, as in a long run) and filling empty
 *    tables; baseline: a naive tokenizer (String.split on the header bars and the extension spaces) over the same lines.
 *    Every measure runs once unmeasured first, to warm the JIT up.
 * 2. A transformation `where + extend + project` compiled from KQL, rows per second; baseline: the same logic written
 *    by hand as a JavaScript function.
 * 3. A transformation with regular expressions (`matches regex` + `extract`), which run on re2js (RE2, as Kusto); baselines:
 *    the same logic by hand with JavaScript's RegExp (backtracking, not Kusto's meaning), and with the native `re2`
 *    bindings when they are installed (`npm install --no-save re2`; not a dependency: they need a compiler or a download
 *    from GitHub at install).
 * Targets (issue 6): 150,000 lines/s and 1,000,000 rows/s. Writes bench/results/emulator-in-process-<date>.{json,md}.
 * Run with `npm run bench:emulator`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { IngestionPipeline } from '../../emulator/pipeline/ingestion-pipeline';
import { DEFAULT_ROW_CAP_PER_TABLE, WorkspaceStore } from '../../emulator/store/table-store';
import { loadTopology } from '../../emulator/topology/load-topology';
import { compileTransformation } from '../../model/kql/evaluate/compile-transformation';
import { Row } from '../../model/kql/values';
import { COMMON_SECURITY_LOG_TABLE } from '../../model/tables/common-security-log';
import { synthesizeExample } from '../../stacks/main';
import { machineDetails, median } from '../support/machine';

const LINES = Number(process.env.BENCH_LINES ?? 200_000);
const ROWS = Number(process.env.BENCH_ROWS ?? 2_000_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const RESULTS = path.resolve(__dirname, '..', '..', '..', 'bench', 'results');

/** CEF lines of about 400 bytes, varied so that nothing is cached by accident; every tenth is a heartbeat. */
function cefLines(count: number): string[] {
  const lines: string[] = [];
  for (let index = 0; index < count; index++) {
    const activity = index % 10 === 0 ? 'Appliance heartbeat' : 'Blocked connection';
    lines.push(`<164>Nov 25 10:${String(index % 60).padStart(2, '0')}:00 fw-${index % 7} CEF:0|Contoso|Firewall|2.1|${100 + (index % 50)}|${activity}|7|`
      + `src=10.${index % 250}.${(index >> 8) % 250}.${index % 200} dst=192.168.${index % 100}.${index % 250} spt=${1024 + (index % 60000)} dpt=443 `
      + `proto=TCP act=blocked suser=CONTOSO\\\\user${index % 500} duser=svc-${index % 40} cs1Label=Policy cs1=Default deny outbound `
      + `cs2Label=Zone cs2=dmz-${index % 5} msg=Connection from 10.${index % 250}.0.1 to the internet was blocked by policy rule ${index % 97} `
      + `deviceExternalId=FW${index % 13} cn1Label=Risk cn1=${index % 100} requestClientApplication=curl/8.${index % 9}`);
  }
  // As the listeners have them: decoded from a datagram's bytes, flat strings (not the ropes `+` makes).
  return lines.map((line) => Buffer.from(line, 'utf8').toString('utf8'));
}

/** The baseline: split the header on bars and the extension on spaces; no escapes, no mapping. */
function naiveTokenize(line: string): number {
  const start = line.indexOf('CEF:');
  const parts = line.slice(start).split('|');
  let count = parts.length;
  for (const pair of (parts[7] ?? '').split(' ')) {
    const equals = pair.indexOf('=');
    if (equals > 0) {
      count += pair.slice(0, equals).length;
    }
  }
  return count;
}

/** Runs `work` once to warm the JIT up (not counted), then REPEATS times; the median rate and a checksum. */
function rate(work: () => number, count: number): { perSecond: number; checksum: number } {
  const runs: number[] = [];
  let checksum = 0;
  work();
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const start = performance.now();
    checksum += work();
    runs.push(count / ((performance.now() - start) / 1000));
  }
  return { perSecond: median(runs), checksum };
}

const outdir = mkdtempSync(path.join(tmpdir(), 'bench-emulator-'));
try {
  const document = JSON.parse(readFileSync(synthesizeExample(outdir), 'utf8'));
  const topology = loadTopology(document, { stackName: 'sentinel-example', httpsBaseUrl: 'https://127.0.0.1:0' });
  const forwarder = topology.forwarders[0].key;
  const lines = cefLines(LINES);
  console.error(`average line: ${Math.round(lines.reduce((sum, line) => sum + line.length, 0) / lines.length)} bytes`);

  // Sustained: one emulator's stores at the default row cap, full after the warm-up run, so the oldest rows are dropped
  // as new ones come, as in a long run.
  const sustainedStores = new Map(topology.workspaces.map((workspace) => [workspace.address,
    new WorkspaceStore(workspace.tables.values(), DEFAULT_ROW_CAP_PER_TABLE)]));
  const sustainedPipeline = new IngestionPipeline(topology, sustainedStores);
  const pipelineRate = rate(() => {
    const before = sustainedPipeline.statistics(forwarder).rowsWritten;
    for (const line of lines) {
      sustainedPipeline.ingestSyslog(forwarder, line, '10.0.0.1');
    }
    return sustainedPipeline.statistics(forwarder).rowsWritten - before;
  }, LINES);
  // Filling: a fresh store each run with room for every row, nothing dropped.
  const fillingRate = rate(() => {
    const stores = new Map(topology.workspaces.map((workspace) => [workspace.address, new WorkspaceStore(workspace.tables.values(), LINES)]));
    const pipeline = new IngestionPipeline(topology, stores);
    for (const line of lines) {
      pipeline.ingestSyslog(forwarder, line, '10.0.0.1');
    }
    return pipeline.statistics(forwarder).rowsWritten;
  }, LINES);
  const naiveRate = rate(() => lines.reduce((sum, line) => sum + naiveTokenize(line), 0), LINES);

  const inputColumns = COMMON_SECURITY_LOG_TABLE.columns.filter((column) => column.reserved !== true);
  const compiled = compileTransformation(
    'source | where DeviceAction == "blocked" and DestinationPort == 443 | extend Risk = DeviceCustomNumber1 * 2, Zone = tolower(DeviceCustomString2) '
    + '| project TimeGenerated, SourceIP, DestinationIP, Risk, Zone', inputColumns);
  const rows: Row[] = [];
  for (let index = 0; index < 10_000; index++) {
    rows.push({
      TimeGenerated: new Date(1_764_000_000_000 + index), DeviceAction: index % 3 === 0 ? 'allowed' : 'blocked', DestinationPort: index % 5 === 0 ? 80 : 443,
      DeviceCustomNumber1: index % 100, DeviceCustomString2: `DMZ-${index % 5}`, SourceIP: `10.0.${index % 250}.1`, DestinationIP: '192.168.1.1',
    });
  }
  const handWritten = (row: Row): Row | undefined => {
    if (!(row.DeviceAction === 'blocked' && row.DestinationPort === 443)) {
      return undefined;
    }
    return {
      TimeGenerated: row.TimeGenerated, SourceIP: row.SourceIP, DestinationIP: row.DestinationIP,
      Risk: row.DeviceCustomNumber1 === null ? null : (row.DeviceCustomNumber1 as number) * 2,
      Zone: typeof row.DeviceCustomString2 === 'string' ? row.DeviceCustomString2.toLowerCase() : null,
    };
  };
  const applyAll = (apply: (row: Row) => Row | undefined) => () => {
    let kept = 0;
    for (let index = 0; index < ROWS; index++) {
      if (apply(rows[index % rows.length]) !== undefined) {
        kept++;
      }
    }
    return kept;
  };
  const transformRate = rate(applyAll((row) => compiled.apply(row)), ROWS);
  const handWrittenRate = rate(applyAll(handWritten), ROWS);
  if (transformRate.checksum !== handWrittenRate.checksum) {
    throw new Error(`the compiled transformation kept ${transformRate.checksum / REPEATS} rows per run, the hand-written one ${handWrittenRate.checksum / REPEATS}`);
  }

  const regexCompiled = compileTransformation(
    'source | where Message matches regex "(?i)failed password" | extend User = extract("for (?:invalid user )?([\\\\w.-]+) from", 1, Message) '
    + '| project TimeGenerated, User', [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Message', type: 'string' }]);
  const messages: Row[] = [];
  for (let index = 0; index < 10_000; index++) {
    messages.push({
      TimeGenerated: new Date(1_764_000_000_000 + index),
      Message: index % 4 === 0 ? `Accepted publickey for user${index % 50} from 10.0.${index % 250}.1 port ${1024 + index} ssh2`
        : `Failed password for ${index % 3 === 0 ? 'invalid user ' : ''}user${index % 50} from 10.0.${index % 250}.1 port ${1024 + index} ssh2`,
    });
  }
  const byHand = (test: (text: string) => boolean, user: (text: string) => string | undefined) => (row: Row): Row | undefined => {
    const text = row.Message as string;
    return test(text) ? { TimeGenerated: row.TimeGenerated, User: user(text) ?? '' } : undefined;
  };
  const failed = /failed password/i;
  const userPattern = /for (?:invalid user )?([\w.-]+) from/;
  const applyMessages = (apply: (row: Row) => Row | undefined) => () => {
    let kept = 0;
    for (let index = 0; index < ROWS / 4; index++) {
      if (apply(messages[index % messages.length]) !== undefined) {
        kept++;
      }
    }
    return kept;
  };
  const regexRate = rate(applyMessages((row) => regexCompiled.apply(row)), ROWS / 4);
  const jsRegexRate = rate(applyMessages(byHand((text) => failed.test(text), (text) => userPattern.exec(text)?.[1])), ROWS / 4);
  let nativeRate: { perSecond: number; checksum: number } | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const NativeRe2 = require('re2') as new (pattern: string, flags?: string) => RegExp;
    const nativeFailed = new NativeRe2('failed password', 'i');
    const nativeUser = new NativeRe2('for (?:invalid user )?([\\w.-]+) from');
    nativeRate = rate(applyMessages(byHand((text) => nativeFailed.test(text), (text) => nativeUser.exec(text)?.[1])), ROWS / 4);
  } catch {
    nativeRate = undefined;
  }
  if (regexRate.checksum !== jsRegexRate.checksum) {
    throw new Error(`the regex transformation kept ${regexRate.checksum / REPEATS} rows per run, the hand-written one ${jsRegexRate.checksum / REPEATS}`);
  }

  const date = new Date().toISOString();
  const machine = machineDetails();
  const lines2 = [
    `# Emulator in-process benchmark, ${date.slice(0, 10)}`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}. One core (single thread).`,
    `Medians of ${REPEATS} runs.`,
    '',
    '| measure | emulator | baseline | ratio | target |',
    '|---|---:|---:|---:|---:|',
    `| CEF lines parsed, mapped, transformed and stored per second, sustained (${LINES} lines a run into full tables at the default cap of ${DEFAULT_ROW_CAP_PER_TABLE} rows) | ${Math.round(pipelineRate.perSecond)} | ${Math.round(naiveRate.perSecond)} (naive split, nothing mapped) | ${(pipelineRate.perSecond / naiveRate.perSecond).toFixed(2)} | 150000 |`,
    `| the same, filling empty tables (a fresh store each run, room for every row) | ${Math.round(fillingRate.perSecond)} | ${Math.round(naiveRate.perSecond)} | ${(fillingRate.perSecond / naiveRate.perSecond).toFixed(2)} | |`,
    `| transformation rows per second, where + extend + project (${ROWS} rows) | ${Math.round(transformRate.perSecond)} | ${Math.round(handWrittenRate.perSecond)} (hand-written JavaScript) | ${(transformRate.perSecond / handWrittenRate.perSecond).toFixed(2)} | 1000000 |`,
    `| transformation rows per second, matches regex + extract on re2js (${ROWS / 4} rows) | ${Math.round(regexRate.perSecond)} | ${Math.round(jsRegexRate.perSecond)} (hand-written, JavaScript RegExp) | ${(regexRate.perSecond / jsRegexRate.perSecond).toFixed(2)} | |`,
    `| the same by hand on the native re2 bindings | ${nativeRate === undefined ? 'not installed' : Math.round(nativeRate.perSecond)} | ${Math.round(jsRegexRate.perSecond)} | ${nativeRate === undefined ? '' : (nativeRate.perSecond / jsRegexRate.perSecond).toFixed(2)} | |`,
  ];
  mkdirSync(RESULTS, { recursive: true });
  const stamp = date.slice(0, 19).replace(/:/g, '-');
  writeFileSync(path.join(RESULTS, `emulator-in-process-${stamp}.json`), `${JSON.stringify({
    date, machine, repeats: REPEATS, lines: LINES, rows: ROWS,
    pipelineLinesPerSecond: pipelineRate.perSecond, pipelineFillingLinesPerSecond: fillingRate.perSecond, naiveTokenizerLinesPerSecond: naiveRate.perSecond,
    transformRowsPerSecond: transformRate.perSecond, handWrittenRowsPerSecond: handWrittenRate.perSecond,
    regexTransformRowsPerSecond: regexRate.perSecond, jsRegexRowsPerSecond: jsRegexRate.perSecond, nativeRe2RowsPerSecond: nativeRate?.perSecond ?? null,
  }, null, 2)}\n`);
  writeFileSync(path.join(RESULTS, `emulator-in-process-${stamp}.md`), `${lines2.join('\n')}\n`);
  console.log(lines2.join('\n'));
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
