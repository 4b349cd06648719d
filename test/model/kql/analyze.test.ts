import { analyzeKql } from '../../../model/kql/analyze';
import { COMMON_SECURITY_LOG_TABLE } from '../../../model/tables/common-security-log';
import { SYSLOG_TABLE } from '../../../model/tables/syslog';

const tables = [SYSLOG_TABLE, COMMON_SECURITY_LOG_TABLE];

describe('analyzeKql', () => {
  test('returns the result columns with the analyzer\'s types', () => {
    const analysis = analyzeKql('Syslog | where SeverityLevel == "err" | extend Next = ProcessID + 1 | project TimeGenerated, Next, HostName',
      { tables });
    expect(analysis.diagnostics).toEqual([]);
    expect(analysis.resultColumns).toEqual([
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'Next', type: 'long' },
      { name: 'HostName', type: 'string' },
    ]);
  });

  test('reports a missing expression with its line and column', () => {
    const analysis = analyzeKql('Syslog\n| extend x = ', { tables });
    expect(analysis.diagnostics).toEqual([
      expect.objectContaining({ line: 2, column: 13, severity: 'error', code: 'KS006', message: 'Missing expression' }),
    ]);
  });

  test('reports an unknown column by name', () => {
    const analysis = analyzeKql('CommonSecurityLog | where DestinationPortt == 22', { tables });
    expect(analysis.diagnostics).toHaveLength(1);
    expect(analysis.diagnostics[0]).toMatchObject({
      line: 1, column: 27, severity: 'error',
      message: "The name 'DestinationPortt' does not refer to any known column, table, variable or function.",
    });
  });

  test('knows only the tables it is given', () => {
    const analysis = analyzeKql('SecurityEvent | take 1', { tables: [SYSLOG_TABLE] });
    expect(analysis.diagnostics[0].message).toContain("'SecurityEvent'");
  });

  test('reads column names that need quoting', () => {
    const analysis = analyzeKql("source | project ['my column'], ['it\\'s']", {
      tables: [{ tableName: 'source', columns: [{ name: 'my column', type: 'string' }, { name: "it's", type: 'long' }] }],
    });
    expect(analysis.diagnostics).toEqual([]);
    expect(analysis.resultColumns).toEqual([{ name: 'my column', type: 'string' }, { name: "it's", type: 'long' }]);
  });

  test('calls functions it is given', () => {
    const analysis = analyzeKql('print g = geo_location("203.0.113.7")', {
      tables: [], functions: [{ name: 'geo_location', returnType: 'dynamic', parameters: [{ name: 'ip', type: 'string' }] }],
    });
    expect(analysis.diagnostics).toEqual([]);
    expect(analysis.resultColumns).toEqual([{ name: 'g', type: 'dynamic' }]);
  });

  test('a rename of a column to its own name is a warning (the engine runs it); a rename onto another column stays an error', () => {
    const self = analyzeKql('Syslog | project-rename Computer = Computer, Host = HostName', { tables });
    expect(self.diagnostics).toEqual([
      expect.objectContaining({ line: 1, column: 25, severity: 'warning', code: 'KS171' }),
    ]);
    expect(self.diagnostics[0].message).toContain('Renaming a column to its own name changes nothing');
    expect(self.resultColumns.map((column) => column.name)).toEqual(expect.arrayContaining(['Computer', 'Host']));

    const onto = analyzeKql('Syslog | project-rename Computer = HostName', { tables });
    expect(onto.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'KS171' })]);
    expect(onto.diagnostics[0].message).not.toContain('its own name');
  });
});
