import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, Node, parseDocument, Scalar, YAMLMap } from 'yaml';
import { templateSequences } from '../../model/terraform/template-text';
import { ConfigError } from '../../stacks/config/config-error';
import { synthesizeConfigFile } from '../../stacks/config/synthesize-config';
import { fuzzCases, pick, seededRandom } from './seeded-random';

/**
 * Seeded, bounded fuzzing of the config as a pull request writes it: hostile strings put in place of random values and
 * keys of the example config (templates, paths out of the project, names JavaScript objects have, control characters,
 * very long text). Every case either synthesizes or fails with positioned problems; never another error. What
 * synthesizes holds no template sequence but the declared variables and the constructs' own references, and nothing of
 * a file outside the project.
 */
const SECRET = 'SECRET-OUTSIDE-THE-PROJECT';
const MARKER = 'FUZZ';

const PAYLOADS: readonly string[] = [
  `\${file("../outside.txt")}${MARKER}`, `%{ if true }${MARKER}%{ endif }`, `$\${${MARKER}}`, `$$\${file("${MARKER}")}`, `%%{${MARKER}}`,
  `$%{${MARKER}}`, `\${var.${MARKER}}`, `\${var.forwarder_admin_ssh_public_key}${MARKER}`, `\${ ${MARKER}`, `${MARKER}}`,
  '../outside.txt', '/etc/passwd', '../../../../etc/hostname', 'transforms/../../outside.txt', 'constructor', '__proto__', 'toString',
  `${MARKER}\u0000`, `${MARKER}\r\n`, '\uFEFF', `${MARKER}${'x'.repeat(600)}`, '', ' ', `${MARKER}"'\`<>&`, '\u202e', `${MARKER}\ud83d\ude00`,
];

type Mutation = { at: string; kind: 'value' | 'key' | 'entry'; payload: string };

/** Every scalar of the document with its path (keys included), to pick from. */
function scalarsOf(node: unknown, trail: string, found: Array<{ node: Scalar; parent?: YAMLMap; isKey: boolean; at: string }>, parent?: YAMLMap): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      if (isScalar(pair.key)) {
        found.push({ node: pair.key, parent: node, isKey: true, at: `${trail}.${key}` });
      }
      scalarsOf(pair.value, `${trail}.${key}`, found, node);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => scalarsOf(item, `${trail}[${index}]`, found));
  } else if (isScalar(node)) {
    found.push({ node, parent, isKey: false, at: trail });
  }
}

/** Values a config may hold any text in: what reaches Azure as names and descriptions, and tags. */
const FREE_TEXT = /\.(title|description|publisher|support\.name|tags\.[^.]+)$/;

/**
 * Half the cases put hostile text anywhere (most are refused); the other half only in free text, with the payloads
 * that carry the marker, so that they synthesize and the output is checked.
 */
function mutate(text: string, random: () => number): { text: string; mutations: Mutation[] } {
  const freeTextOnly = random() < 0.5;
  const document = parseDocument(text);
  const scalars: Array<{ node: Scalar; parent?: YAMLMap; isKey: boolean; at: string }> = [];
  scalarsOf(document.contents, '', scalars);
  const maps: YAMLMap[] = [];
  const collect = (node: unknown) => {
    if (isMap(node)) {
      maps.push(node);
      node.items.forEach((pair) => collect(pair.value));
    } else if (isSeq(node)) {
      node.items.forEach(collect);
    }
  };
  collect(document.contents);
  const mutations: Mutation[] = [];
  const freeText = scalars.filter((scalar) => !scalar.isKey && typeof scalar.node.value === 'string' && FREE_TEXT.test(scalar.at));
  for (let count = 1 + Math.floor(random() * 3); count > 0; count--) {
    const payload = pick(random, freeTextOnly ? PAYLOADS.filter((candidate) => candidate.includes(MARKER)) : PAYLOADS);
    const choice = random();
    if (freeTextOnly) {
      const target = pick(random, freeText);
      target.node.value = `${String(target.node.value)} ${payload}`;
      mutations.push({ at: target.at, kind: 'value', payload });
    } else if (choice < 0.2) {
      const map = pick(random, maps);
      map.set(document.createNode(payload) as Node, document.createNode(pick(random, PAYLOADS)));
      mutations.push({ at: '(new entry)', kind: 'entry', payload });
    } else {
      const target = pick(random, scalars);
      target.node.value = target.isKey || typeof target.node.value === 'string' || random() < 0.3 ? payload : target.node.value;
      mutations.push({ at: target.at, kind: target.isKey ? 'key' : 'value', payload });
    }
  }
  return { text: document.toString({ lineWidth: 0 }), mutations };
}

/** Every string of a synthesized stack that Terraform reads as a template, keys included, with where it is. */
function templateStrings(value: unknown, trail: string, visit: (text: string, at: string) => void): void {
  if (typeof value === 'string') {
    visit(value, trail);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => templateStrings(item, `${trail}[${index}]`, visit));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      // Metadata, the backend and variable declarations are not templates (Terraform reads them literally).
      if (key === '//' || (trail === '' && (key === 'terraform' || key === 'variable'))) {
        continue;
      }
      visit(key, `${trail}.${key} (key)`);
      templateStrings(item, `${trail}.${key}`, visit);
    }
  }
}

describe('config fuzzing', () => {
  let root: string;
  const example = readFileSync('examples/sentinel.yaml', 'utf8');
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'config-fuzzing-'));
    writeFileSync(path.join(root, 'outside.txt'), SECRET);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('hostile values and keys synthesize to nothing dangerous, or fail with positioned problems', () => {
    const random = seededRandom(0xc0f16);
    const outcomes = { synthesized: 0, refused: 0 };
    for (let index = 0; index < fuzzCases(24, 'SENTINEL_CONFIG_FUZZ_CASES'); index++) {
      const { text, mutations } = mutate(example, random);
      const project = path.join(root, `case-${index}`);
      cpSync('examples', project, { recursive: true });
      writeFileSync(path.join(project, 'sentinel.yaml'), text);
      const label = `case ${index}: ${JSON.stringify(mutations)}`;
      const out = path.join(project, 'cdktf.out');
      try {
        synthesizeConfigFile(path.join(project, 'sentinel.yaml'), out);
        outcomes.synthesized++;
      } catch (error) {
        if (!(error instanceof ConfigError)) {
          throw new Error(`${label}: not a ConfigError: ${(error as Error).stack}`);
        }
        for (const problem of error.problems) {
          expect({ label, ok: problem.line >= 1 && problem.column >= 1 && problem.message !== '' && !problem.message.includes(SECRET) }).toEqual({ label, ok: true });
        }
        outcomes.refused++;
        rmSync(project, { recursive: true, force: true });
        continue;
      }
      for (const stack of readdirSync(path.join(out, 'stacks'))) {
        const json = readFileSync(path.join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8');
        expect({ label, leaked: json.includes(SECRET) }).toEqual({ label, leaked: false });
        const document = JSON.parse(json) as { variable?: Record<string, unknown> };
        const declared = new Set(Object.keys(document.variable ?? {}));
        templateStrings(document, '', (value, at) => {
          for (const sequence of templateSequences(value)) {
            const variable = /^\s*var\.([A-Za-z_][\w-]*)\s*$/.exec(sequence.expression)?.[1];
            const allowed = sequence.kind === '$' && sequence.text.endsWith('}') && !sequence.expression.includes(MARKER)
              && (variable === undefined || declared.has(variable));
            expect({ label, at, sequence: sequence.text, allowed }).toEqual({ label, at, sequence: sequence.text, allowed: true });
          }
        });
      }
      rmSync(project, { recursive: true, force: true });
    }
    // The generator reaches both outcomes: some hostile strings are data that synthesizes, others are refused.
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(outcomes.synthesized).toBeGreaterThan(0);
    expect(outcomes.synthesized + outcomes.refused).toBe(fuzzCases(24, 'SENTINEL_CONFIG_FUZZ_CASES'));
  });
});
