import { ROWS_PER_MINUTE_HISTORY_IN_MINUTES, StoredTable, WorkspaceStore } from '../../../emulator/store/table-store';
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

describe('rows per minute', () => {
  const minute = (index: number) => new Date(Date.UTC(2026, 10, 25, 10, index, 30));

  test('counts the rows of each minute, oldest first, ending with the minute of now; quiet minutes are 0', () => {
    const table = new StoredTable(SYSLOG_TABLE, 10);
    table.append({}, minute(0));
    table.append({}, minute(0));
    table.append({}, minute(2));
    const series = table.rowsPerMinute(minute(3));
    expect(series.rows).toHaveLength(ROWS_PER_MINUTE_HISTORY_IN_MINUTES);
    expect(series.rows.slice(-4)).toEqual([2, 0, 1, 0]);
    expect(series.firstMinuteStartMs).toBe(Date.UTC(2026, 10, 25, 10, 3) - (ROWS_PER_MINUTE_HISTORY_IN_MINUTES - 1) * 60_000);
    expect(series.rows.reduce((sum, rows) => sum + rows, 0)).toBe(3);
  });

  test('counts rows past the row cap: the graph shows what arrived, not what is kept', () => {
    const table = new StoredTable(SYSLOG_TABLE, 2);
    for (let index = 0; index < 5; index++) {
      table.append({}, minute(1));
    }
    expect(table.rowsPerMinute(minute(1)).rows.at(-1)).toBe(5);
  });

  test('forgets minutes older than the history, and minutes reused by the ring start from 0', () => {
    const table = new StoredTable(SYSLOG_TABLE, 10);
    table.append({}, minute(0));
    table.append({}, minute(0));
    const later = new Date(minute(0).getTime() + ROWS_PER_MINUTE_HISTORY_IN_MINUTES * 60_000);
    table.append({}, later);
    const series = table.rowsPerMinute(later);
    expect(series.rows.at(-1)).toBe(1);
    expect(series.rows.reduce((sum, rows) => sum + rows, 0)).toBe(1);
    // Asked for a time long after the last row: every minute is 0.
    expect(table.rowsPerMinute(new Date(later.getTime() + 2 * ROWS_PER_MINUTE_HISTORY_IN_MINUTES * 60_000)).rows.every((rows) => rows === 0)).toBe(true);
  });

  test('a clock that goes back counts in its own minute while it is kept', () => {
    const table = new StoredTable(SYSLOG_TABLE, 10);
    table.append({}, minute(5));
    table.append({}, minute(3));
    expect(table.rowsPerMinute(minute(5)).rows.slice(-3)).toEqual([1, 0, 1]);
  });
});

test('a workspace makes a table on first write when the stack did not declare it', () => {
  const store = new WorkspaceStore([SYSLOG_TABLE], 10);
  store.table('Unknown_CL').append({ TimeGenerated: new Date(0) }, new Date(0));
  expect(store.allTables().map((table) => table.tableName)).toEqual(['Syslog', 'Unknown_CL']);
  expect(store.table('Unknown_CL').columns).toEqual([]);
});
