import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DataConnectorsPageOptions, dataConnectorsStatus, DataConnectorsStatus } from './handlers/data-connectors-handler';

/** A file the page loads, read once and kept in memory. */
export interface PageAsset {
  readonly headers: Readonly<Record<string, string | number>>;
  readonly body: Buffer;
}

/**
 * The page admits scripts, styles and requests from the emulator only: nothing from the internet, even if a library
 * tried. Mermaid and uPlot set inline styles, hence `'unsafe-inline'` for styles (never for scripts).
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
  + "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Resolves a file of an npm package of the project (a runtime dependency, so it ships with the emulator). */
function packageFile(packageName: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${packageName}/package.json`)), file);
}

/** Where the page finds Mermaid's ES module build, which loads only the chunks a flowchart needs. */
const MERMAID_PATH = '/emulator/page/vendor/mermaid';

/**
 * Every path the page serves, and the file behind it: the page's own files from `page/` beside this module, and the
 * libraries it uses from `node_modules` (uPlot for the graph, Mermaid for the diagram). A list made once, at start:
 * no request path is ever joined to a folder.
 */
function assetFiles(): ReadonlyMap<string, string> {
  const page = path.join(__dirname, 'page');
  const mermaid = packageFile('mermaid', 'dist');
  const chunks = path.join('chunks', 'mermaid.esm.min');
  const mermaidChunks = readdirSync(path.join(mermaid, chunks)).filter((name) => name.endsWith('.mjs'))
    .map((name): [string, string] => [`${MERMAID_PATH}/chunks/mermaid.esm.min/${name}`, path.join(mermaid, chunks, name)]);
  return new Map([
    ['/', path.join(page, 'index.html')],
    ['/emulator/page/data-connectors.js', path.join(page, 'data-connectors.js')],
    ['/emulator/page/data-connectors.css', path.join(page, 'data-connectors.css')],
    ['/emulator/page/vendor/uPlot.iife.min.js', packageFile('uplot', 'dist/uPlot.iife.min.js')],
    ['/emulator/page/vendor/uPlot.min.css', packageFile('uplot', 'dist/uPlot.min.css')],
    [`${MERMAID_PATH}/mermaid.esm.min.mjs`, path.join(mermaid, 'mermaid.esm.min.mjs')],
    ...mermaidChunks,
  ]);
}

/**
 * The emulator's Data connectors page (`GET /`), its files, and the JSON it polls (`GET /emulator/connectors`).
 */
export class DataConnectorsPage {
  /** The JSON endpoint the page polls. */
  public static readonly STATUS_PATH = '/emulator/connectors';

  private readonly files = assetFiles();
  private readonly cache = new Map<string, PageAsset>();

  constructor(private readonly options: DataConnectorsPageOptions) {}

  /** The connectors, their status and rows per minute, and the topology diagram. */
  public status(): DataConnectorsStatus {
    return dataConnectorsStatus(this.options);
  }

  /** The file served at `pathname`, or undefined when the page has none there. */
  public asset(pathname: string): PageAsset | undefined {
    const cached = this.cache.get(pathname);
    if (cached !== undefined) {
      return cached;
    }
    const file = this.files.get(pathname);
    if (file === undefined) {
      return undefined;
    }
    const body = readFileSync(file);
    const asset: PageAsset = {
      body,
      headers: {
        'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        // The page itself may change with the package; the libraries are pinned.
        'cache-control': pathname.startsWith('/emulator/page/vendor/') ? 'public, max-age=86400' : 'no-cache',
      },
    };
    this.cache.set(pathname, asset);
    return asset;
  }
}
