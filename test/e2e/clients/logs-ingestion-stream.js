#!/usr/bin/env node
'use strict';
// Streams records through the unmodified @azure/monitor-ingestion LogsIngestionClient, one upload every interval,
// until its standard input closes: the steady traffic a sender keeps up while something else happens. The emulator's
// certificate is trusted through NODE_EXTRA_CA_CERTS, set by the caller.
// Usage: logs-ingestion-stream.js <endpoint> <ruleImmutableId> <stream> <marker> <intervalMs>
// Each record's RawData is `INFO user=stream src=10.0.0.9 duration_ms=<n> msg=<marker>-<n>`. Prints, as JSON, the
// markers whose upload the client saw acknowledged, the errors it saw, and the slowest upload in milliseconds.
const { LogsIngestionClient } = require('@azure/monitor-ingestion');

/** A static token, as tests use: the emulator accepts any bearer token by default. */
const credential = {
  getToken: async () => ({ token: 'static-test-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

async function run() {
  const [endpoint, ruleId, stream, marker, intervalText] = process.argv.slice(2);
  const interval = Number(intervalText);
  const client = new LogsIngestionClient(endpoint, credential, { retryOptions: { maxRetries: 0 } });
  let stopped = false;
  process.stdin.on('end', () => { stopped = true; });
  process.stdin.on('close', () => { stopped = true; });
  process.stdin.resume();
  const acknowledged = [];
  const errors = [];
  let slowestMs = 0;
  // Bounded: a caller that never closes standard input still gets an answer after 10 minutes.
  const deadline = Date.now() + 600_000;
  for (let n = 0; !stopped && Date.now() < deadline; n++) {
    const id = `${marker}-${n}`;
    const started = Date.now();
    try {
      await client.upload(ruleId, stream, [{ TimeGenerated: new Date().toISOString(), RawData: `INFO user=stream src=10.0.0.9 duration_ms=${n} msg=${id}` }]);
      acknowledged.push(id);
    } catch (error) {
      errors.push(`${id}: ${error.message}`);
    }
    slowestMs = Math.max(slowestMs, Date.now() - started);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  process.stdout.write(JSON.stringify({ acknowledged, errors, slowestMs }));
}

run();
