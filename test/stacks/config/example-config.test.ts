import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { synthesizeConfigFile } from '../../../stacks/config/synthesize-config';
import { synthesizeExample } from '../../../stacks/main';

/** The synthesized Terraform JSON of a file. */
function terraformOf(file: string): Record<string, unknown> & { '//': { sentinel: { connectors: Array<{ constructPath: string }> } } } {
  return JSON.parse(readFileSync(file, 'utf8'));
}

describe('examples/sentinel.yaml', () => {
  let outdir: string;

  beforeAll(() => {
    outdir = mkdtempSync(path.join(tmpdir(), 'example-config-'));
  });

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('synthesizes the same Terraform as the example stack of stacks/main.ts', () => {
    const fromCode = terraformOf(synthesizeExample(path.join(outdir, 'code')));
    const synthesis = synthesizeConfigFile('examples/sentinel.yaml', path.join(outdir, 'config'));

    expect(synthesis.stacks).toEqual([{ name: 'sentinel-example', terraformPath: path.join(outdir, 'config', 'stacks', 'sentinel-example', 'cdk.tf.json') }]);
    const fromConfig = terraformOf(synthesis.stacks[0].terraformPath);
    // The config lists its connectors before its solutions, so the connector the custom-rest-source solution makes comes
    // last in the connector list under `//` (which Terraform ignores) instead of in the middle: same entries, other order.
    const byPath = (connectors: Array<{ constructPath: string }>) => [...connectors].sort((first, second) => first.constructPath.localeCompare(second.constructPath));
    expect(byPath(fromConfig['//'].sentinel.connectors)).toEqual(byPath(fromCode['//'].sentinel.connectors));
    fromConfig['//'].sentinel.connectors = fromCode['//'].sentinel.connectors;
    expect(fromConfig).toEqual(fromCode);
    expect(synthesis.warnings).toEqual([]);
  });
});
