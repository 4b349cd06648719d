import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CommandIo } from '../../cli/command-io';
import { main } from '../../cli/main';
import { expectSamplesToMatch, SamplesMismatchError } from '../../emulator/samples';
import { EXAMPLE_STACK_NAME, synthesizeExample } from '../../stacks/main';

const SHIPPED_SAMPLES = path.resolve(__dirname, '..', '..', 'samples');

async function run(argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CommandIo = { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line), readStdin: () => '', stdinIsTerminal: () => false };
  const code = await main(['samples', ...argv], io);
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** The Terraform JSON of the example stack in an output folder. */
function stackFile(outDir: string): string {
  return path.join(outDir, 'stacks', EXAMPLE_STACK_NAME, 'cdk.tf.json');
}

/**
 * A copy of the synthesized example whose transformations changed as a pull request would change them: the
 * ContosoApp rule lower-cases Level, and the CEF rule no longer drops keepalives.
 */
function changedTransformations(exampleOut: string, into: string): void {
  mkdirSync(path.dirname(stackFile(into)), { recursive: true });
  const terraform = JSON.parse(readFileSync(stackFile(exampleOut), 'utf8'));
  const rules = terraform.resource.azurerm_monitor_data_collection_rule as Record<string, { data_flow: Array<{ transform_kql?: string }> }>;
  let changed = 0;
  for (const rule of Object.values(rules)) {
    for (const flow of rule.data_flow) {
      if (flow.transform_kql?.includes('duration_ms=') === true) {
        flow.transform_kql = `${flow.transform_kql} | extend Level = tolower(Level)`;
        changed++;
      }
      if (flow.transform_kql?.includes('keepalive') === true) {
        flow.transform_kql = 'source | where Activity !has "heartbeat"';
        changed++;
      }
    }
  }
  expect(changed).toBe(2);
  writeFileSync(stackFile(into), JSON.stringify(terraform));
}

describe('sentinel-cdk samples', () => {
  let root: string;
  let exampleOut: string;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'samples-'));
    exampleOut = path.join(root, 'example.out');
    synthesizeExample(exampleOut);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A fresh copy of the shipped samples. */
  function samplesCopy(name: string): string {
    const copy = path.join(root, name);
    cpSync(SHIPPED_SAMPLES, copy, { recursive: true });
    return copy;
  }

  test('the shipped samples pass on the example, and the connectors that cannot take samples say why', async () => {
    const result = await run(['--out', exampleOut, '--samples', SHIPPED_SAMPLES]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      'ok      ContosoApp            Logs Ingestion API: 5 inputs, 5 rows',
      'ok      ContosoAuditCodeless  Codeless Connector poller: 3 inputs, 4 rows',
      'ok      ContosoAuditFunction  Azure Functions poller: 3 inputs, 3 rows',
      'ok      ContosoWeb            Custom logs via AMA: 3 inputs, 3 rows',
      'ok      LinuxAuth             Syslog via AMA: 6 inputs, 4 rows',
      'ok      SecurityAppliances    CEF via AMA: 6 inputs, 3 rows',
      '-       Office365             Service to service: Microsoft\'s service sends this data to the workspace; no samples possible',
      '6 connectors passed, 0 failed, 0 skipped, 2 without samples.',
    ]));
  });

  test('fails on a changed transformation and names the input, the table and the column', async () => {
    const changedOut = path.join(root, 'changed.out');
    changedTransformations(exampleOut, changedOut);
    const result = await run(['--out', changedOut, '--samples', SHIPPED_SAMPLES]);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      'FAIL    ContosoApp            Logs Ingestion API: 5 inputs, 5 rows, 4 differences',
      '          records.json[0] -> ContosoApp_CL, column Level:',
      '            expected: "WARN"',
      '            actual:   "warn"',
      'FAIL    SecurityAppliances    CEF via AMA: 6 inputs, 4 rows, 1 difference',
      '          appliances.syslog:11 -> CommonSecurityLog: row not expected',
      'ok      LinuxAuth             Syslog via AMA: 6 inputs, 4 rows',
      '4 connectors passed, 2 failed, 0 skipped, 2 without samples.',
    ]));
    // The keepalive row is shown with its columns.
    expect(result.stdout).toContain('            actual:   {"TimeGenerated":"<received>","DeviceVendor":"Contoso","DeviceProduct":"Firewall","DeviceVersion":"2.1","DeviceEventClassID":"keepalive"');
    // A row whose parse failed has no Level: no difference there.
    expect(result.stdout).not.toContain('records.json[3]');
  });

  test('--update rewrites only the expected rows that changed, and says which', async () => {
    const changedOut = path.join(root, 'update.out');
    changedTransformations(exampleOut, changedOut);
    const samples = samplesCopy('update-samples');
    const untouched = ['LinuxAuth', 'ContosoAuditFunction', 'ContosoAuditCodeless'].map((name) => path.join(samples, name, 'expected.jsonl'));
    const before = untouched.map((file) => statSync(file).mtimeMs);

    const updated = await run(['--update', '--out', changedOut, '--samples', samples]);
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain(`Updated 2 files: ${path.join(samples, 'ContosoApp', 'expected.jsonl')}, `
      + `${path.join(samples, 'SecurityAppliances', 'expected.jsonl')}; review the change before you commit it.`);
    expect(updated.stdout).toContain('updated ContosoApp            Logs Ingestion API: 5 inputs, 5 rows, 4 differences');
    expect(untouched.map((file) => statSync(file).mtimeMs)).toEqual(before);
    const application = readFileSync(path.join(samples, 'ContosoApp', 'expected.jsonl'), 'utf8');
    expect(application).toContain('"Level":"warn"');
    expect(application).not.toContain('"Level":"WARN"');
    expect(readFileSync(path.join(samples, 'SecurityAppliances', 'expected.jsonl'), 'utf8')).toContain('"sample":"appliances.syslog:11"');

    const again = await run(['--update', '--out', changedOut, '--samples', samples]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No expected rows changed.');
    expect(await run(['--out', changedOut, '--samples', samples])).toMatchObject({ code: 0 });
  });

  test('the jest helper resolves with the report when the rows match, and throws the diff when one differs', async () => {
    const report = await expectSamplesToMatch({ outDir: exampleOut, samplesDir: SHIPPED_SAMPLES });
    expect(report.connectors.filter((connector) => connector.status === 'passed').map((connector) => connector.name).sort())
      .toEqual(['ContosoApp', 'ContosoAuditCodeless', 'ContosoAuditFunction', 'ContosoWeb', 'LinuxAuth', 'SecurityAppliances']);

    const samples = samplesCopy('helper-samples');
    const expectedFile = path.join(samples, 'ContosoAuditFunction', 'expected.jsonl');
    writeFileSync(expectedFile, readFileSync(expectedFile, 'utf8').replace('"Action":"apikey.create"', '"Action":"apikey.created"'));
    const failure = await expectSamplesToMatch({ outDir: exampleOut, samplesDir: samples }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SamplesMismatchError);
    const mismatch = failure as SamplesMismatchError;
    expect(mismatch.code).toBe('SENTINEL_CDK_SAMPLES_MISMATCH');
    expect(mismatch.report.passed).toBe(false);
    expect(mismatch.message).toContain([
      '          records.json[1] -> ContosoAuditFunction_CL, column Action:',
      '            expected: "apikey.created"',
      '            actual:   "apikey.create"',
    ].join('\n'));
  });

  test('fails on samples it cannot run: an unknown connector, the wrong kind of file, a .log file, no expected rows, a record the stream refuses', async () => {
    const samples = samplesCopy('broken-samples');
    mkdirSync(path.join(samples, 'Firewalls'));
    writeFileSync(path.join(samples, 'Firewalls', 'fw.syslog'), '<164>CEF:0|Contoso|Firewall|2.1|100|Port scan|7|src=10.1.2.3\n');
    writeFileSync(path.join(samples, 'ContosoAuditFunction', 'more.syslog'), '<38>hello\n');
    writeFileSync(path.join(samples, 'LinuxAuth', 'sshd.log'), '<38>hello\n');
    rmSync(path.join(samples, 'ContosoAuditCodeless', 'expected.jsonl'));
    writeFileSync(path.join(samples, 'ContosoApp', 'records.json'), JSON.stringify([{ TimeGenerated: 'yesterday', RawData: 'x' }]));
    writeFileSync(path.join(samples, 'ContosoWeb', 'access.syslog'), '10.0.0.1 - - [20/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 12\n');

    const result = await run(['--out', exampleOut, '--samples', samples]);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      'FAIL    Firewalls             no such connector: 0 inputs, 0 rows',
      '          no connector "Firewalls" in stack sentinel-example; name the folder after a connector\'s construct id '
        + '(Office365, DefenderXdr, LinuxAuth, SecurityAppliances, ContosoWeb, ContosoApp, ContosoAuditFunction, ContosoAuditCodeless)',
      '          more.syslog: this connector (Azure Functions poller) takes JSON records in .json files, not syslog lines',
      '          sshd.log: name files of syslog samples *.syslog, not *.log (which is commonly git-ignored, so the file might never reach the repository)',
      '          ContosoAuditCodeless/expected.jsonl does not exist; write it with `sentinel-cdk samples --update` and review it',
      '          access.syslog: this connector (Custom logs via AMA) takes lines of its text files in .txt files',
    ]));
    expect(result.stdout).toMatch(/records\.json\[0\]: the Logs Ingestion API answered 400 .*InvalidRecord/);
  });

  test('a recorded API response the poller cannot read fails with the poller\'s error', async () => {
    const samples = samplesCopy('response-samples');
    writeFileSync(path.join(samples, 'ContosoAuditCodeless', 'zz.response.json'), '<html>rate limited</html>');
    const result = await run(['--out', exampleOut, '--samples', samples]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/ {10}zz\.response\.json: the poll stopped: the response is not JSON \(.*\): "<html>rate limited<\/html>"/);
  });

  test('--help shows the layout and how to synthesize; the command list names samples', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: sentinel-cdk samples [--update] [--out DIR] [--stack NAME] [--samples DIR]');
    expect(help.stdout).toContain('synthesize first: `npx cdktf synth` (or `npm start`)');
    const lines: string[] = [];
    expect(await main(['--help'], { stdout: (line) => lines.push(line), stderr: () => undefined, readStdin: () => '', stdinIsTerminal: () => false })).toBe(0);
    expect(lines.join('\n')).toContain('  samples     send each connector\'s sample data through the emulator and diff the rows with the expected ones');
  });

  test('fails with exit code 2 when the synthesized output or the samples folder is missing', async () => {
    expect(await run(['--out', path.join(root, 'nope'), '--samples', SHIPPED_SAMPLES])).toMatchObject({
      code: 2, stderr: expect.stringContaining('does not exist; synthesize first (`npx cdktf synth` or `npm start`), or pass --out'),
    });
    expect(await run(['--out', exampleOut, '--samples', path.join(root, 'no-samples')])).toMatchObject({
      code: 2, stderr: expect.stringContaining('is not a folder; make one with a sub-folder per connector'),
    });
  });
});
