import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CommandIo } from '../../cli/command-io';
import { main } from '../../cli/main';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs the command line in-process with `stdin` as standard input. */
function run(argv: string[], stdin = '') {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CommandIo = {
    stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line), readStdin: () => stdin, stdinIsTerminal: () => false,
  };
  const code = main(argv, io);
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('sentinel-cdk kql check --input Microsoft-Table-<Table> (a workspace transformation, issue 18)', () => {
  test('reads and writes the table of Microsoft\'s catalog: its columns checked, a column it lacks a warning', () => {
    const clean = run(['kql', 'check', '--input', 'Microsoft-Table-AzureActivity', '-'], 'source | where OperationNameValue has "delete" | extend Extra = 1');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("<stdin>:1:57 warning The result column 'Extra' does not exist in the table 'AzureActivity'");
    const typo = run(['kql', 'check', '--input', 'Microsoft-Table-AzureActivity', '-'], 'source | where OperationNameValu has "delete"');
    expect([typo.code, typo.stdout]).toEqual([1,
      "<stdin>:1:16 error The name 'OperationNameValu' does not refer to any known column, table, variable or function. (KS142)"]);
  });

  test('a table the model does not know is a usage error that says how to give its columns', () => {
    const unknown = run(['kql', 'check', '--input', 'Microsoft-Table-SecurityEvent', '-'], 'source');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--input: "Microsoft-Table-SecurityEvent" is not a stream or table the model knows');
  });
});

describe('sentinel-cdk kql check, as users run it', () => {
  test('fails on a missing expression with the position and the message (npx, the built bin)', () => {
    const result = spawnSync('sh', ['-c', "echo 'source | extend x = ' | npx --no-install sentinel-cdk kql check --input Microsoft-Syslog -"], {
      cwd: ROOT, encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('<stdin>:1:20 error Missing expression (KS006)\n');
    expect(result.stderr).toBe('1 error in <stdin>\n');
  });

  test('prints the result columns of a valid transformation and exits 0', () => {
    const stdout = execFileSync('node', [path.join(ROOT, 'bin', 'sentinel-cdk.js'), 'kql', 'check', '--input', 'Microsoft-Syslog', '-'], {
      input: 'source | where SeverityLevel == "err" | project TimeGenerated, Computer, ProcessID', encoding: 'utf8',
    });
    expect(stdout).toBe('Result columns (3):\n  TimeGenerated  datetime\n  Computer       string\n  ProcessID      int\n');
  });
});

describe('sentinel-cdk kql check', () => {
  test('reads a file and names it in diagnostics', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'kql-'));
    try {
      const file = path.join(directory, 'cef.kql');
      writeFileSync(file, 'source\n| where DeviceVendor == "Contoso"\n| extend Port = DestinationPortt\n');
      const result = run(['kql', 'check', '--input', 'CommonSecurityLog', file]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(`${file}:3:17 error The name 'DestinationPortt' does not refer to any known column, table, variable or function. (KS142)`);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test('checks the result against the output table', () => {
    const result = run(['kql', 'check', '--input', 'Microsoft-Syslog', '-'], 'source | extend Host = tolower(HostName)');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("<stdin>:1:17 warning The result column 'Host' does not exist in the table 'Syslog'; ingestion drops it (billed, not stored).");
  });

  test('checks a custom stream given by its columns against a custom table', () => {
    const result = run([
      'kql', 'check', '--input', 'Custom-App', '--columns', 'TimeGenerated:datetime,RawData:string',
      '--output', 'Custom-App_CL', '--output-columns', 'TimeGenerated:datetime,Level:string', '-',
    ], 'source | parse RawData with Level:string " " * | project-away RawData');
    expect(result).toEqual({ code: 0, stderr: '', stdout: 'Result columns (2):\n  TimeGenerated  datetime\n  Level          string' });
  });

  test('fails on a column the output table lacks, and on a reserved column', () => {
    const result = run(['kql', 'check', '--input', 'Microsoft-Syslog', '--output', 'Syslog', '-'], 'source | extend TenantId = "x"');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("<stdin>:1:17 error The column 'TenantId' of 'Syslog' is filled by Log Analytics");
  });

  test('reports a wrong column type for the output table', () => {
    const result = run([
      'kql', 'check', '--input', 'Custom-App', '--columns', 'TimeGenerated:datetime,RawData:string',
      '--output-columns', 'TimeGenerated:datetime,RawData:int', '-',
    ], 'source');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("error The result column 'RawData' is string, but 'output.RawData' is int; convert it with toint().");
  });

  test('checks a query over the known tables with --query', () => {
    const result = run(['kql', 'check', '--query', '-'], 'CommonSecurityLog | summarize Events = count() by DeviceVendor | top 5 by Events');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Result columns (2):\n  DeviceVendor  string\n  Events        long');
  });

  test('warnings alone exit 0', () => {
    const result = run(['kql', 'check', '--input', 'Custom-App', '--columns', 'TimeGenerated:datetime,N:long',
      '--output-columns', 'TimeGenerated:datetime,N:int', '-'], 'source');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("<stdin>:1:1 warning The result column 'N' is long, but 'output.N' is int");
  });
});

describe('sentinel-cdk usage errors exit 2', () => {
  test.each([
    [['kql', 'check', '-'], '--input is required'],
    [['kql', 'check', '--input', 'Custom-X', '-'], '--input: "Custom-X" is not a stream or table the model knows'],
    [['kql', 'check', '--input', 'Custom-X', '--columns', 'a', '-'], '--columns: "a" is not name:type'],
    [['kql', 'check', '--input', 'Custom-X', '--columns', 'a:text', '-'], '--columns: "a:text" has an unknown type "text"'],
    [['kql', 'check', '--input', 'Syslog', '--output', 'Nope', '-'], '--output: "Nope" is not a table the model knows'],
    [['kql', 'check', '--input', 'Syslog', '--bogus'], "Unknown option '--bogus'"],
    [['kql', 'lint'], 'kql: unknown subcommand "lint"; expected: check'],
    [['deploy'], 'unknown command "deploy"'],
  ])('%j', (argv, message) => {
    const result = run(argv, 'source');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`sentinel-cdk: ${message}`);
  });

  test('an empty input', () => {
    expect(run(['kql', 'check', '--input', 'Syslog', '-'], '  \n')).toMatchObject({ code: 2, stderr: expect.stringContaining('<stdin> holds no KQL') });
  });

  test('a missing file', () => {
    expect(run(['kql', 'check', '--input', 'Syslog', 'missing.kql'])).toMatchObject({ code: 2, stderr: 'sentinel-cdk: missing.kql: does not exist' });
  });

  test('--help prints the usage and exits 0', () => {
    expect(run(['kql', 'check', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: sentinel-cdk kql check') });
    expect(run(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Commands:') });
  });
});
