#!/usr/bin/env node
'use strict';
// Runs the unmodified @azure/monitor-query-logs LogsQueryClient against the emulator, as a user's program would:
// the emulator's certificate is trusted through NODE_EXTRA_CA_CERTS, set by the caller.
// Usage: query-logs-client.js <endpoint> <workspaceId> <query> [timespanIso]; prints the result as JSON.
const { LogsQueryClient } = require('@azure/monitor-query-logs');

/** A static token, as tests use: the emulator accepts any bearer token by default. */
const credential = {
  getToken: async () => ({ token: 'static-test-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

async function run() {
  const [endpoint, workspaceId, query, timespan] = process.argv.slice(2);
  const client = new LogsQueryClient(credential, { endpoint, retryOptions: { maxRetries: 0 } });
  try {
    const result = await client.queryWorkspace(workspaceId, query, { duration: timespan ?? 'PT1H' });
    const tables = result.status === 'Success' ? result.tables : result.partialTables;
    process.stdout.write(JSON.stringify({
      status: result.status,
      tables: tables.map((table) => ({
        name: table.name, columns: table.columnDescriptors,
        rows: table.rows.map((row) => row.map((cell) => (cell instanceof Date ? { date: cell.toISOString() } : cell))),
      })),
    }));
  } catch (error) {
    process.stdout.write(JSON.stringify({ error: { name: error.name, statusCode: error.statusCode, code: error.code, message: error.message } }));
  }
}

run();
