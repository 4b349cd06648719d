import { StoredTable, WorkspaceStore } from '../../../emulator/store/table-store';
import { SYSLOG_TABLE } from '../../../model/tables/syslog';

describe('StoredTable', () => {
  test('keeps rows in arrival order and counts them', () => {
    const table = new StoredTable(SYSLOG_TABLE, 10);
    const at = new Date('2026-11-25T10:00:00Z');
    table.append({ SyslogMessage: 'one' }, at);
    table.append({ SyslogMessage: 'two' }, at);
    expect([...table.rows()].map((row) => row.SyslogMessage)).toEqual(['one', 'two']);
    expect(table.statistics()).toEqual({ tableName: 'Syslog', rowCount: 2, rowsWritten: 2, rowsEvicted: 0, lastRowAt: at });
  });

  test('is bounded: past the cap the oldest rows go first, and are counted', () => {
    const table = new StoredTable(SYSLOG_TABLE, 3);
    for (let index = 0; index < 10; index++) {
      table.append({ SyslogMessage: String(index) }, new Date(index));
    }
    expect([...table.rows()].map((row) => row.SyslogMessage)).toEqual(['7', '8', '9']);
    expect(table.statistics()).toMatchObject({ rowCount: 3, rowsWritten: 10, rowsEvicted: 7, lastRowAt: new Date(9) });
  });

  test('a long run stays within the cap', () => {
    const table = new StoredTable(SYSLOG_TABLE, 1000);
    for (let index = 0; index < 200_000; index++) {
      table.append({ SyslogMessage: 'x' }, new Date(0));
    }
    expect(table.statistics().rowCount).toBe(1000);
    expect([...table.rows()]).toHaveLength(1000);
  });
});

test('a workspace makes a table on first write when the stack did not declare it', () => {
  const store = new WorkspaceStore([SYSLOG_TABLE], 10);
  store.table('Unknown_CL').append({ TimeGenerated: new Date(0) }, new Date(0));
  expect(store.allTables().map((table) => table.tableName)).toEqual(['Syslog', 'Unknown_CL']);
  expect(store.table('Unknown_CL').columns).toEqual([]);
});
