import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { GOLDEN_DIRECTORY, mermaidBlocks } from './golden';

/** Debian's chromium (`apt-get install chromium`, done by .ci/run); never a downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Nothing leaves the machine: every request goes to a proxy on the discard port, where nothing listens. */
const CHROMIUM_ARGUMENTS = ['--no-sandbox', '--proxy-server=http://127.0.0.1:9'];
const MERMAID = require.resolve('mermaid/dist/mermaid.min.js');

/** Every Mermaid diagram of the golden reviews, by file. */
const diagrams = readdirSync(GOLDEN_DIRECTORY).filter((name) => name.endsWith('.md')).sort()
  .flatMap((name) => mermaidBlocks(readFileSync(path.join(GOLDEN_DIRECTORY, name), 'utf8')).map((diagram) => [name, diagram] as const));

/**
 * The review's diagrams through the mermaid package's own parser and renderer, in Chromium: Mermaid needs a DOM
 * (DOMPurify), and a browser is where GitHub draws them too.
 */
describe('the review\'s Mermaid diagrams', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGUMENTS });
    page = await browser.newPage();
    await page.addScriptTag({ path: MERMAID });
    await page.evaluate(() => (globalThis as unknown as { mermaid: { initialize(config: object): void } }).mermaid
      .initialize({ startOnLoad: false, securityLevel: 'strict' }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** `mermaid.parse` of a text: the diagram type, or the parser's error. */
  function parse(text: string): Promise<{ diagramType?: string; error?: string }> {
    return page.evaluate(async (source) => {
      const mermaid = (globalThis as unknown as { mermaid: { parse(text: string): Promise<{ diagramType: string }> } }).mermaid;
      try {
        return { diagramType: (await mermaid.parse(source)).diagramType };
      } catch (error) {
        return { error: String((error as Error).message) };
      }
    }, text);
  }

  test('the goldens hold a diagram of each changed stack', () => {
    expect(diagrams.map(([name]) => name)).toEqual(['add.md', 'change.md', 'recorded-policy-error.md', 'remove.md', 'replacement.md', 'widened.md']);
  });

  test.each(diagrams)('%s: the diagram parses as a flowchart', async (_name, diagram) => {
    expect(await parse(diagram)).toEqual({ diagramType: 'flowchart-v2' });
  });

  test('the parser is strict: a broken diagram is refused', async () => {
    expect((await parse('flowchart LR\n  a[[[ --> b')).error).toMatch(/Parse error on line 2/);
  });

  test('rendered, added nodes carry the added class, changed ones the changed class and removed ones the removed class', async () => {
    const [, diagram] = diagrams.find(([name]) => name === 'replacement.md') as readonly [string, string];
    const classes = await page.evaluate(async (source) => {
      interface Element { readonly id: string; getAttribute(name: string): string | null }
      const browser = globalThis as unknown as {
        mermaid: { render(id: string, text: string): Promise<{ svg: string }> };
        document: { body: { innerHTML: string; querySelectorAll(selector: string): ArrayLike<Element> } };
      };
      const { svg } = await browser.mermaid.render('review', source);
      browser.document.body.innerHTML = svg;
      return Array.from(browser.document.body.querySelectorAll('g.node'))
        .map((node) => `${node.id.replace(/^review-flowchart-|-\d+$/g, '')} ${node.getAttribute('class') ?? ''}`);
    }, diagram);
    expect(classes).toEqual(expect.arrayContaining([
      expect.stringMatching(/^source_soc_weu_Sentinel_ContosoApplication .*\badded\b/),
      expect.stringMatching(/^source_soc_weu_Sentinel_ContosoApp .*\bremoved\b/),
      expect.stringMatching(/^table_Sentinel_64DAE5A3_ContosoApp_CL .*\bchanged\b/),
      // The moved rule (same Azure rule, new Terraform address) is one node, not one removed and one added.
      expect.stringMatching(/^rule_Sentinel_ContosoApplication_Rule_0DD5E6CF .*\bchanged\b/),
    ]));
  });
});
