import { checkTransformation } from '../../model/kql/check-transformation';
import { checkLogType, logsIngestionEquivalentOfLegacyTable } from '../../model/legacy-data-collector';

describe('the Logs Ingestion equivalent of a legacy table', () => {
  const equivalent = logsIngestionEquivalentOfLegacyTable('ContosoAudit', ['Computer_s', 'Duration_d', 'Ok_b', 'When_t', 'RequestId_g'], 'When');

  test('keeps the table and its suffixed columns, typed by their suffixes (GUIDs as strings, as the legacy table has them)', () => {
    expect(equivalent.tableName).toBe('ContosoAudit_CL');
    expect(equivalent.tableColumns).toEqual([
      { name: 'TimeGenerated', type: 'datetime' }, { name: 'Computer_s', type: 'string' }, { name: 'Duration_d', type: 'real' },
      { name: 'Ok_b', type: 'boolean' }, { name: 'When_t', type: 'datetime' }, { name: 'RequestId_g', type: 'string' },
    ]);
  });

  test('declares the property names senders post, GUIDs as strings', () => {
    expect(equivalent.streamName).toBe('Custom-ContosoAudit');
    expect(equivalent.streamColumns).toEqual([
      { name: 'Computer', type: 'string' }, { name: 'Duration', type: 'real' }, { name: 'Ok', type: 'boolean' },
      { name: 'When', type: 'datetime' }, { name: 'RequestId', type: 'string' },
    ]);
  });

  test('maps them with a transformation that passes the KQL checks against the table', () => {
    const check = checkTransformation(equivalent.transformKql, {
      inputColumns: equivalent.streamColumns, outputTable: { tableName: equivalent.tableName, columns: equivalent.tableColumns },
    });
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual([]);
    expect(equivalent.transformKql).toContain("TimeGenerated = todatetime(['When'])");
  });

  test('uses the time of ingestion without a time-generated-field', () => {
    expect(logsIngestionEquivalentOfLegacyTable('App', ['Message_s']).transformKql)
      .toBe("source | extend TimeGenerated = now() | project-rename ['Message_s'] = ['Message']");
  });

  test('fails on a column without a type suffix, a bad Log-Type or an unknown time field', () => {
    expect(() => logsIngestionEquivalentOfLegacyTable('App', ['Message'])).toThrow('cannot migrate App_CL: "Message" does not end in a type suffix');
    expect(() => logsIngestionEquivalentOfLegacyTable('App-1', ['Message_s'])).toThrow('"App-1" is not a valid Log-Type');
    expect(() => logsIngestionEquivalentOfLegacyTable('App', ['Message_s'], 'When')).toThrow('the time-generated-field "When" is none of its columns');
  });
});

test('Log-Type: letters, digits and underscores, up to 100', () => {
  expect(checkLogType('Contoso_Audit2')).toBeUndefined();
  expect(checkLogType('x'.repeat(101))).toContain('1 to 100 letters');
});
