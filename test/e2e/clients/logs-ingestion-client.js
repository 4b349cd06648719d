#!/usr/bin/env node
'use strict';
// Runs the unmodified @azure/monitor-ingestion LogsIngestionClient against the emulator, as a user's program would:
// the emulator's certificate is trusted through NODE_EXTRA_CA_CERTS, set by the caller.
// Usage: logs-ingestion-client.js <endpoint> <ruleImmutableId> <stream> <recordsJsonFile>
// Prints {"uploaded": n} or {"error": {name, message, errors: [{statusCode, code, message, failedLogs}]}} as JSON.
const { readFileSync } = require('node:fs');
const { LogsIngestionClient, isAggregateLogsUploadError } = require('@azure/monitor-ingestion');

/** A static token, as tests use: the emulator accepts any bearer token by default. */
const credential = {
  getToken: async () => ({ token: 'static-test-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

async function run() {
  const [endpoint, ruleId, stream, recordsFile] = process.argv.slice(2);
  const records = JSON.parse(readFileSync(recordsFile, 'utf8'));
  const client = new LogsIngestionClient(endpoint, credential, { retryOptions: { maxRetries: 0 } });
  try {
    await client.upload(ruleId, stream, records);
    process.stdout.write(JSON.stringify({ uploaded: records.length }));
  } catch (error) {
    process.stdout.write(JSON.stringify({
      error: {
        name: error.name,
        message: error.message,
        errors: isAggregateLogsUploadError(error) ? error.errors.map(({ cause, failedLogs }) => ({
          statusCode: cause.statusCode, code: cause.code, message: cause.message, failedLogs: failedLogs.length,
        })) : [],
      },
    }));
  }
}

run();
