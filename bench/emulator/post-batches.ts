/**
 * Load generator of the Logs Ingestion benchmark, run as its own process so that the server measured has its core:
 * posts the same prepared bodies (batches of records) over HTTPS with keep-alive, `concurrency` requests in flight,
 * for `seconds`, and prints `{"requests", "failures", "seconds"}` as JSON.
 * Usage: node post-batches.js <url> <caFile> <bodyFile> <gzip: 0|1> <concurrency> <seconds>
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';

const [url, caFile, bodyFile, gzip, concurrency, seconds] = process.argv.slice(2);
const ca = readFileSync(caFile, 'utf8');
const body = readFileSync(bodyFile);
const agent = new Agent({ keepAlive: true, maxSockets: Number(concurrency), ca });
const headers: Record<string, string> = {
  'content-type': 'application/json', authorization: 'Bearer benchmark', 'content-length': String(body.length),
  ...(gzip === '1' ? { 'content-encoding': 'gzip' } : {}),
};

let requests = 0;
let failures = 0;
const start = performance.now();
const deadline = start + Number(seconds) * 1000;

function post(): Promise<void> {
  return new Promise((resolve) => {
    const outgoing = request(url, { method: 'POST', agent, headers }, (response) => {
      response.resume();
      response.on('end', () => {
        if (response.statusCode === 204) {
          requests++;
        } else {
          failures++;
        }
        resolve();
      });
    });
    outgoing.on('error', () => {
      failures++;
      resolve();
    });
    outgoing.end(body);
  });
}

async function worker(): Promise<void> {
  while (performance.now() < deadline) {
    await post();
  }
}

void Promise.all(Array.from({ length: Number(concurrency) }, worker)).then(() => {
  process.stdout.write(JSON.stringify({ requests, failures, seconds: (performance.now() - start) / 1000 }));
  agent.destroy();
});
