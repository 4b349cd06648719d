import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CommandIo } from '../../../cli/command-io';
import { main } from '../../../cli/main';
import { runReviewCommand } from '../../../cli/review';
import { TablePlanName } from '../../../constructs/sentinel-workspace';
import { expectGolden, mermaidBlocks } from './golden';
import { synthesizeReviewTopology } from './fixtures/review-topology';

/** Runs a command in-process and keeps what it prints. */
function capture(): CommandIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out, err, stdout: (line) => out.push(line), stderr: (line) => err.push(line), readStdin: () => '', stdinIsTerminal: () => true,
  };
}

const FIXTURES = path.join(__dirname, 'fixtures');

describe('sentinel-cdk review on synthesized fixture pairs', () => {
  let project: string;

  beforeAll(() => {
    project = mkdtempSync(path.join(tmpdir(), 'review-command-'));
    const synthesize = (name: string, variant: Parameters<typeof synthesizeReviewTopology>[1] = {}) =>
      synthesizeReviewTopology(path.join(project, name), variant);
    synthesize('base');
    synthesize('without-cef', { withCef: false });
    synthesize('without-application', { withApplication: false });
    synthesize('renamed-application', { applicationId: 'ContosoApplication' });
    synthesize('widened', { sourceAddressPrefixes: ['10.0.0.0/8', '192.168.10.0/24'] });
    synthesize('with-policy', { withPolicy: true });
    synthesize('changed', {
      linuxAuthFacilities: ['auth', 'authpriv', 'cron'], linuxAuthMinimumLevel: 'Debug',
      cefTransformKql: 'source | where Activity !has "heartbeat" and DeviceEventClassID != "keepalive" | project-away AdditionalExtensions',
      syslogRetentionInDays: 30, syslogTotalRetentionInDays: 730, applicationLevelColumnType: 'int', applicationTablePlan: TablePlanName.BASIC,
    });
    copyFileSync(path.join(FIXTURES, 'plan', 'plan.json'), path.join(project, 'plan.json'));
  });

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  function review(...argv: string[]) {
    const io = capture();
    const code = runReviewCommand(argv, io, project);
    return { code, markdown: io.out.join('\n'), stderr: io.err };
  }

  test('a change: facility added, minimum level lowered, transforms as KQL diffs, retention and plan lowered, a column retyped', () => {
    const { code, markdown } = review('--base', 'base', '--head', 'changed');
    expect(code).toBe(0);
    expect(markdown).toContain('syslog source `syslog`: facility `cron` added: its events are now collected');
    expect(markdown).toContain('minimum level lowered from Info to Debug: now also collects Debug');
    expect(markdown).toContain('+| where Activity !has "heartbeat" and DeviceEventClassID != "keepalive"');
    expect(markdown).toContain('⚠️ interactive retention 90 days → 30 days');
    expect(markdown).toContain('column `Level` retyped from string to int');
    expectGolden('change.md', `${markdown}\n`);
  });

  test('an addition: the CEF connector, its rule and its association', () => {
    const { code, markdown } = review('--base', 'without-cef', '--head', 'base');
    expect(code).toBe(0);
    expect(markdown).toContain('🟢 **added** connector `Firewalls` (Common Event Format (CEF) via AMA)');
    expect(markdown).toMatch(/class .*rule_Sentinel_Firewalls_Rule_FB5F6416.* added/);
    expectGolden('add.md', `${markdown}\n`);
  });

  test('a removal: the application connector, its rule, endpoint and custom table (its rows deleted)', () => {
    const { code, markdown } = review('--base', 'base', '--head', 'without-application');
    expect(code).toBe(0);
    expect(markdown).toContain('⚠️ removing a custom table deletes it and every row in it');
    expect(markdown).toContain('-.->');
    expectGolden('remove.md', `${markdown}\n`);
  });

  test('a replacement: a renamed connector moves its table to a new address; the plan deletes and replaces tables and blocks', () => {
    const { code, markdown, stderr } = review('--base', 'base', '--head', 'renamed-application', '--plan', 'plan.json');
    expect(code).toBe(2);
    expect(markdown).toContain('🟡 **moved** custom table `ContosoApp_CL`');
    expect(markdown).toContain('**1** to create, **2** to update, **2** to replace, **1** to delete; 1 unchanged, 1 data sources read.');
    expect(markdown).toContain('**replace** `azurerm_log_analytics_workspace_table_custom_log.Sentinel_ContosoWeb_Table_AFBF3E10`: the custom table '
      + 'is deleted with every row in it (Terraform: `replace_because_cannot_update`; forced by `name`)');
    // A forwarder re-created for its cloud-init loses no data: counted, not flagged.
    expect(markdown).not.toContain('**replace** `azurerm_linux_virtual_machine');
    expect(stderr).toEqual([
      'blocking: plan.json: delete of azurerm_log_analytics_workspace_table_custom_log.Sentinel_ContosoApp_Table_65F2D0ED: the custom table is deleted with every row in it',
      'blocking: plan.json: replace of azurerm_log_analytics_workspace_table_custom_log.Sentinel_ContosoWeb_Table_AFBF3E10: the custom table is deleted with every row in it',
    ]);
    expectGolden('replacement.md', `${markdown}\n`);
  });

  test('a widened source range: the NSG now admits addresses it did not', () => {
    const { code, markdown } = review('--base', 'base', '--head', 'widened');
    expect(code).toBe(0);
    expect(markdown).toContain('⚠️ rule `AllowSyslogUdp`: sources widened (`10.20.0.0/16` → `10.0.0.0/8`, `192.168.10.0/24`): now admits '
      + 'addresses of `10.0.0.0/8`, `192.168.10.0/24` it did not');
    expect(markdown).toMatch(/class .*forwarder_Forwarder_E6AEDC44.* changed/);
    expectGolden('widened.md', `${markdown}\n`);
  });

  test('the findings the policy pack records in head are listed, each with its rule and resource', () => {
    const { markdown } = review('--base', 'base', '--head', 'with-policy');
    const recorded = (JSON.parse(readFileSync(path.join(project, 'with-policy', 'stacks', 'soc-weu', 'cdk.tf.json'), 'utf8')) as {
      '//': { sentinel: { policy: { findings: Array<{ ruleId: string; resourceAddress?: string; constructPath: string; suppression?: object }> } } };
    })['//'].sentinel.policy.findings;
    expect(recorded.length).toBeGreaterThan(0);
    for (const finding of recorded.filter((candidate) => candidate.suppression === undefined)) {
      expect(markdown).toContain(`| \`${finding.ruleId}\` `);
      expect(markdown).toContain(`\`${finding.resourceAddress ?? finding.constructPath}\``);
    }
  });

  test('no change: every stack unchanged, no diagram', () => {
    const { code, markdown } = review('--base', 'base', '--head', 'base');
    expect(code).toBe(0);
    expect(markdown).toContain('No changes to connectors, rules, tables, forwarders, content or the workspace.');
    expect(mermaidBlocks(markdown)).toEqual([]);
  });

  test('--output writes the Markdown to a file and prints one line', () => {
    const { code, markdown } = review('--base', 'base', '--head', 'widened', '--output', 'review.md');
    expect(code).toBe(0);
    expect(markdown).toBe('Review written to review.md: 1 stack, nothing blocks');
    expect(readFileSync(path.join(project, 'review.md'), 'utf8')).toContain('sources widened');
  });
});

describe('sentinel-cdk review on hand-written stacks', () => {
  test('policy findings of head (new ones marked, suppressed ones with their reason), content and raw resources; an unsuppressed error blocks', () => {
    const io = capture();
    const code = runReviewCommand(['--base', 'base', '--head', 'head'], io, path.join(FIXTURES, 'hand-written'));
    const markdown = io.out.join('\n');
    expect(code).toBe(2);
    expect(io.err).toEqual(['blocking: soc-content: policy error [Sentinel-FWD2] at soc-content/Jump/Nsg: security_rule AllowSsh admits Internet on port 22']);
    expect(markdown).toContain('`Sentinel-WS3` at `azurerm_log_analytics_workspace.Sentinel_64DAE5A3`: The legacy appliance still posts');
    expect(markdown).toContain('⚠️ disabled: it raises no more alerts');
    expect(markdown).toContain('🟢 **added** watchlist `TrustedScanners` row `IPAddress=10.20.0.16`');
    expect(markdown).toContain('`purge_protection_enabled`: `true` → `false`');
    expect(markdown).toContain('sources widened (`10.1.0.0/24` → `10.1.0.0/24`, `Internet`): now admits the whole internet');
    expectGolden('policy-and-content.md', `${markdown}\n`);
  });
});

describe('sentinel-cdk review: mistakes', () => {
  test('fails with the usage (exit code 2) without --base', () => {
    const io = capture();
    expect(main(['review'], io)).toBe(2);
    expect(io.err[0]).toBe('sentinel-cdk: review: --base is required: a synthesized output folder or a git ref (e.g. --base origin/main)');
    expect(io.err[1]).toContain('Usage: sentinel-cdk review --base DIR_OR_GIT_REF');
  });

  test('fails with exit code 1 on a plan that is not Terraform\'s JSON output format, naming the file and the field', () => {
    const io = capture();
    const code = runReviewCommand(['--base', 'base', '--head', 'head', '--plan', 'base/stacks/soc-content/cdk.tf.json'], io, path.join(FIXTURES, 'hand-written'));
    expect(code).toBe(1);
    expect(io.err).toEqual(['sentinel-cdk review: base/stacks/soc-content/cdk.tf.json: format_version: expected "1.x" (Terraform\'s JSON output '
      + 'format 1), received undefined']);
  });
});
