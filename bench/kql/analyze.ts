/**
 * KQL analysis benchmark, on one core: milliseconds per `analyzeKql` of a short query over every table a Sentinel
 * query may read (Syslog, CommonSecurityLog, Microsoft's catalog: 17 tables, over 1,200 columns), as the emulator runs
 * for each query API request and synth for each transformation. Baseline, in the same run: the same analysis with the
 * table symbols built again for every text (the path before they were shared), through the same language service.
 * Writes bench/results/kql-analyze-<date>.{json,md}. Run with `npm run bench:kql`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeKql, kustoTypeName } from '../../model/kql/analyze';
import { kusto } from '../../model/kql/language-service';
import { queryableBuiltInTables } from '../../model/tables/builtin-tables';
import { machineDetails, median } from '../support/machine';

/* eslint-disable @typescript-eslint/no-explicit-any */

const ANALYSES = Number(process.env.BENCH_ANALYSES ?? 200);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const RESULTS = path.resolve(__dirname, '..', '..', '..', 'bench', 'results');
const QUERY = 'Syslog | where SyslogMessage has "sshd" | summarize Count = count() by Computer | take 10';

const tables = queryableBuiltInTables();

/** The baseline: what analyzeKql did for each text before, symbols included. */
function analyzeWithFreshSymbols(text: string): number {
  const language = kusto();
  const symbols = language.Symbols;
  const members = tables.map((table) => new symbols.TableSymbol.$ctor7(table.tableName,
    `(${table.columns.map((column) => `['${column.name}']:${kustoTypeName(column.type)}`).join(', ')})`, null));
  const database = new symbols.DatabaseSymbol.$ctor2('sentinel', null, members);
  const code = language.KustoCode.ParseAndAnalyze(text, language.GlobalState.Default.WithDatabase(database));
  return Number(code.GetDiagnostics().Count);
}

function msPerAnalysis(analyze: (text: string) => unknown): number {
  const times: number[] = [];
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const start = performance.now();
    for (let index = 0; index < ANALYSES; index++) {
      analyze(`${QUERY} // ${index}`);
    }
    times.push((performance.now() - start) / ANALYSES);
  }
  return median(times);
}

function main(): void {
  const columns = tables.reduce((sum, table) => sum + table.columns.length, 0);
  // Warm the language service and the JIT up on both paths.
  msPerAnalysis((text) => analyzeKql(text, { tables }));
  msPerAnalysis(analyzeWithFreshSymbols);
  const shared = msPerAnalysis((text) => analyzeKql(text, { tables }));
  const baseline = msPerAnalysis(analyzeWithFreshSymbols);
  const result = {
    machine: machineDetails(), tables: tables.length, columns, analyses: ANALYSES, repeats: REPEATS,
    msPerAnalysis: Number(shared.toFixed(3)), baselineMsPerAnalysis: Number(baseline.toFixed(3)),
    ratio: Number((baseline / shared).toFixed(2)),
  };
  mkdirSync(RESULTS, { recursive: true });
  const stamp = new Date().toISOString().replace(/:/g, '-').replace(/\..*/, '');
  writeFileSync(path.join(RESULTS, `kql-analyze-${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
  const lines = [
    `# KQL analysis, ${stamp}`, '',
    `Machine: ${Object.entries(result.machine).map(([key, value]) => `${key} ${value}`).join(', ')}.`, '',
    `${tables.length} tables, ${columns} columns; median of ${REPEATS} runs of ${ANALYSES} analyses.`, '',
    '| path | ms per analysis |', '|---|---|',
    `| analyzeKql (table symbols shared) | ${result.msPerAnalysis} |`,
    `| baseline: table symbols built for each text | ${result.baselineMsPerAnalysis} |`, '',
    `Ratio baseline / shared: ${result.ratio}.`,
  ];
  writeFileSync(path.join(RESULTS, `kql-analyze-${stamp}.md`), `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
