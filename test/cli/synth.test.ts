import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CommandIo } from '../../cli/command-io';
import { main } from '../../cli/main';
import { runSynth } from '../../cli/synth';

function capture(): { io: CommandIo; stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { io: { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line), readStdin: () => '', stdinIsTerminal: () => false }, stdout, stderr };
}

describe('sentinel-cdk synth', () => {
  let outdir: string;

  beforeAll(() => {
    outdir = mkdtempSync(path.join(tmpdir(), 'synth-command-'));
  });

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('synthesizes a config in-process and prints each stack with its Terraform JSON', () => {
    const { io, stdout, stderr } = capture();
    const out = path.join(outdir, 'example');
    expect(main(['synth', '--config', 'examples/sentinel.yaml', '--out', out], io)).toBe(0);
    const terraformPath = path.join(out, 'stacks', 'sentinel-example', 'cdk.tf.json');
    expect(stdout).toEqual([`Synthesized stack sentinel-example: ${terraformPath}`]);
    expect(stderr).toEqual([]);
    expect(Object.keys(JSON.parse(readFileSync(terraformPath, 'utf8')).resource)).toContain('azurerm_log_analytics_workspace');
  });

  test('writes to CDKTF_OUTDIR when --out is not given, as `cdktf synth` runs it', () => {
    const { io } = capture();
    const out = path.join(outdir, 'from-cdktf');
    expect(runSynth(['--config', 'examples/sentinel.yaml'], io, { CDKTF_OUTDIR: out })).toBe(0);
    expect(existsSync(path.join(out, 'stacks', 'sentinel-example', 'cdk.tf.json'))).toBe(true);
  });

  test('fails with exit code 1 and every problem at its position when the config is invalid', () => {
    const { io, stdout, stderr } = capture();
    const config = 'test/stacks/config/fixtures/invalid/sentinel.yaml';
    expect(main(['synth', '--config', config, '--out', path.join(outdir, 'invalid')], io)).toBe(1);
    expect(stdout).toEqual([]);
    expect(stderr).toHaveLength(8);
    expect(stderr[1]).toBe(`${config}:12:22: workspaces.soc-prod.retentionInDays: must be a number (got "ninety")`);
    expect(stderr[7]).toBe(`7 problems in ${config}; fix them and synthesize again`);
  });

  test('fails with exit code 2 on a missing config or an unknown option', () => {
    const missing = capture();
    expect(main(['synth', '--config', path.join(outdir, 'nope.yaml')], missing.io)).toBe(2);
    expect(missing.stderr[0]).toMatch(/nope\.yaml does not exist; pass --config, or write a starter with `sentinel-cdk init`$/);
    const unknown = capture();
    expect(main(['synth', '--confg', 'x'], unknown.io)).toBe(2);
    expect(unknown.stderr.join('\n')).toContain('Usage: sentinel-cdk synth [--config FILE] [--out DIR]');
  });
});
