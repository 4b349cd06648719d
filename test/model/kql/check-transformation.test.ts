import { checkTransformation, TransformationCode } from '../../../model/kql/check-transformation';
import { MAX_TRANSFORMATION_CHARACTERS } from '../../../model/kql/transformation-subset';
import { COMMON_SECURITY_LOG_TABLE } from '../../../model/tables/common-security-log';
import { SYSLOG_TABLE } from '../../../model/tables/syslog';
import { ColumnDefinition, TableSchema } from '../../../model/tables/table-schema';
import { microsoftTableSchema, readTestdataDataCollectionRule } from '../../support/shared-testdata';

const syslogInput = SYSLOG_TABLE.columns.filter((column) => column.reserved !== true);
const cefInput = COMMON_SECURITY_LOG_TABLE.columns.filter((column) => column.reserved !== true);
const rawInput: ColumnDefinition[] = [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }];
const appTable: TableSchema = {
  tableName: 'ContosoApp_CL',
  columns: [
    { name: 'TimeGenerated', type: 'datetime' }, { name: 'Level', type: 'string' }, { name: 'DurationMs', type: 'int' },
    { name: 'Bytes', type: 'long' }, { name: 'Id', type: 'guid' },
  ],
};

const codes = (transformKql: string, inputColumns: readonly ColumnDefinition[], outputTable?: TableSchema) => {
  const check = checkTransformation(transformKql, { inputColumns, outputTable });
  return { errors: check.errors.map((finding) => finding.code), warnings: check.warnings.map((finding) => finding.code), check };
};

describe('valid transformations', () => {
  test.each([
    ['pass-through', 'source'],
    ['filter', 'source | where SyslogMessage !contains "healthcheck" and SeverityLevel in ("err", "crit")'],
    ['Microsoft\'s CEF dedup', 'source | where ProcessName !contains "CEF"'],
    ['extend and project-away', 'source | extend Host = tolower(HostName) | project-away Host'],
    ['let with a scalar', 'let noisy = "cron"; source | where ProcessName != noisy'],
    ['Kusto\'s aliases (issue 18: Microsoft\'s DCRs use todynamic)', 'source | extend D = todynamic(SyslogMessage), B = toboolean("true"), '
      + 'P = bag_pack("a", 1) | where notempty(HostName) and notnull(D) | project-away D, B, P'],
    ['regex and case', 'source | where SyslogMessage matches regex "^Failed password" | extend SeverityLevel = case(SeverityLevel == "err", "error", SeverityLevel)'],
  ])('%s', (_name, transformKql) => {
    const { errors, warnings } = codes(transformKql, syslogInput, SYSLOG_TABLE);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });

  test('parse into typed columns of a custom table', () => {
    const { errors, check } = codes(
      'source | parse RawData with Level:string " took " DurationMs:int "ms" | project-away RawData', rawInput, appTable);
    expect(errors).toEqual([]);
    expect(check.resultColumns).toEqual([
      { name: 'TimeGenerated', type: 'datetime' }, { name: 'Level', type: 'string' }, { name: 'DurationMs', type: 'int' },
    ]);
  });

  test('the transformation-only functions', () => {
    const { errors } = codes('source | extend Geo = geo_location(SourceIP), Cef = parse_cef_dictionary(AdditionalExtensions) '
      + '| extend MaliciousIPCountry = tostring(Geo.Country), DeviceCustomString1 = tostring(Cef.Extension.cs1) | project-away Geo, Cef',
    cefInput, COMMON_SECURITY_LOG_TABLE);
    expect(errors).toEqual([]);
  });
});

describe('fails', () => {
  test('on a syntax error, with the analyzer\'s message and position', () => {
    const { check } = codes('source\n| extend x = ', syslogInput, SYSLOG_TABLE);
    expect(check.errors).toEqual([expect.objectContaining({ line: 2, column: 13, code: 'KS006', message: 'Missing expression' })]);
  });

  test('on an unknown input column', () => {
    const { check } = codes('source | where Hostname == "fw01"', syslogInput, SYSLOG_TABLE);
    expect(check.errors[0].message).toBe("The name 'Hostname' does not refer to any known column, table, variable or function.");
  });

  test.each([
    ['summarize', 'source | summarize count() by HostName'],
    ['take', 'source | take 10'],
    ['join', 'source | join (source) on HostName'],
    ['mv-expand', 'source | extend a = split(SyslogMessage, " ") | mv-expand a'],
    ['sort', 'source | order by TimeGenerated'],
  ])('on the %s operator', (keyword, transformKql) => {
    const { check } = codes(transformKql, syslogInput);
    const finding = check.errors.find((error) => error.code === TransformationCode.UNSUPPORTED_OPERATOR);
    expect(finding?.message).toContain(`The '${keyword === 'sort' ? 'order' : keyword}' operator is not supported in a transformation`);
  });

  test('on a function outside the supported list, and names the right spelling', () => {
    const { check } = codes('source | extend a = trim(" ", SyslogMessage), b = column_ifexists("x", "")', syslogInput);
    expect(check.errors.map((error) => error.message)).toEqual([
      "The function 'trim' is not supported in a transformation (see \"Supported KQL features in Azure Monitor transformations\").",
      "The function 'column_ifexists' is spelled 'columnifexists' in a transformation.",
    ]);
  });

  test('accepts functions the query defines with let', () => {
    const { errors } = codes('let clean = (s:string) { tolower(s) }; source | extend HostName = clean(HostName)', syslogInput, SYSLOG_TABLE);
    expect(errors).toEqual([]);
  });

  test('on a dynamic literal', () => {
    expect(codes('source | extend d = dynamic({"a": 1}) | project-away d', syslogInput).errors)
      .toEqual([TransformationCode.DYNAMIC_LITERAL]);
  });

  test('on a parse statement with more than 10 columns', () => {
    const pattern = Array.from({ length: 11 }, (_, index) => `c${index}:string`).join(' "," ');
    expect(codes(`source | parse RawData with ${pattern}`, rawInput).errors).toEqual([TransformationCode.TOO_MANY_PARSE_COLUMNS]);
  });

  test('on a transformation longer than Azure accepts', () => {
    const long = `source | where RawData != "${'x'.repeat(MAX_TRANSFORMATION_CHARACTERS)}"`;
    expect(codes(long, rawInput).errors).toEqual([TransformationCode.TOO_LONG]);
  });

  test('when the result has no TimeGenerated', () => {
    expect(codes('source | project RawData', rawInput).errors).toEqual([TransformationCode.MISSING_TIME_GENERATED]);
  });

  test('when TimeGenerated is not a datetime, pointing at where it is made', () => {
    const { check } = codes('source | extend TimeGenerated = RawData', rawInput);
    expect(check.errors).toEqual([expect.objectContaining({
      code: TransformationCode.TIME_GENERATED_NOT_DATETIME, column: 17,
      message: "'TimeGenerated' must be of type datetime, but the result has string; use todatetime().",
    })]);
  });

  test('warns on a result column missing from a custom table (Azure drops it at ingestion), suggesting the case-correct name', () => {
    const { check } = codes('source | extend level = "info" | project-away RawData', rawInput, appTable);
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual([expect.objectContaining({
      code: TransformationCode.UNKNOWN_OUTPUT_COLUMN, column: 17,
      message: "The result column 'level' does not exist in the table 'ContosoApp_CL' (did you mean 'Level'? column names are case sensitive); "
        + 'ingestion drops it (billed, not stored). Rename it to a table column, add it to the table, or drop it with project-away.',
    })]);
  });

  test('points a dropped column passed through from the input stream at `source`, not at the start of the text', () => {
    const { check } = codes('// the raw line stays\nsource\n| extend Level = "info"', rawInput, appTable);
    expect(check.warnings).toEqual([expect.objectContaining({
      code: TransformationCode.UNKNOWN_OUTPUT_COLUMN, line: 2, column: 1,
      message: expect.stringMatching(/^The result column 'RawData' \(from the input stream\) does not exist in the table 'ContosoApp_CL'/),
    })]);
  });

  test('on a type mismatch, naming the conversion', () => {
    const { check } = codes('source | extend Level = 3, Id = "x" | project-away RawData', rawInput, appTable);
    expect(check.errors.map((error) => error.message)).toEqual([
      "The result column 'Level' is long, but 'ContosoApp_CL.Level' is string; convert it with tostring().",
      "The result column 'Id' is string, but 'ContosoApp_CL.Id' is guid; convert it with toguid().",
    ]);
  });

  test('on writing a column Log Analytics fills', () => {
    expect(codes('source | extend TenantId = "x"', syslogInput, SYSLOG_TABLE).errors).toEqual([TransformationCode.RESERVED_OUTPUT_COLUMN]);
  });
});

describe('warns', () => {
  test('when a long goes into an int column, and accepts int into long', () => {
    const { errors, warnings } = codes('source | extend DurationMs = strlen(RawData) * 2, Bytes = toint(1) | project-away RawData', rawInput, appTable);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([TransformationCode.OUTPUT_TYPE_MISMATCH]);
  });

  test('when a column missing from a built-in table would be dropped by ingestion', () => {
    const { errors, warnings } = codes('source | extend Tag = "x"', syslogInput, SYSLOG_TABLE);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([TransformationCode.UNKNOWN_OUTPUT_COLUMN]);
  });
});

describe('Microsoft\'s own data collection rules', () => {
  const rules = [
    'sentinel-content/dcr/Auth0/DCR.json',
    'sentinel-content/dcr/SalesforceServiceCloud/SalesforceAuditLogs_DCR.json',
    'sentinel-content/dcr/CiscoMerakiEventsViaRESTAPI/dcr.json',
  ];
  const flows = rules.flatMap((file) => {
    const rule = readTestdataDataCollectionRule(file);
    return rule.properties.dataFlows.map((flow) => ({ file, flow, rule }));
  });

  test.each(flows.map(({ file, flow, rule }) => [`${file} ${flow.streams[0]} -> ${flow.outputStream}`, flow, rule] as const))(
    '%s analyzes without errors against its stream declaration',
    (_name, flow, rule) => {
      const inputColumns = rule.properties.streamDeclarations[flow.streams[0]].columns as ColumnDefinition[];
      const check = checkTransformation(flow.transformKql, { inputColumns });
      expect(check.errors).toEqual([]);
      expect(check.resultColumns.find((column) => column.name === 'TimeGenerated')?.type).toBe('datetime');
    },
  );

  test('the Cisco Meraki IDS flow matches ASimNetworkSessionLogs, extra columns only warned about', () => {
    const rule = readTestdataDataCollectionRule('sentinel-content/dcr/CiscoMerakiEventsViaRESTAPI/dcr.json');
    const flow = rule.properties.dataFlows.find((candidate) => candidate.outputStream === 'Microsoft-ASimNetworkSessionLogs');
    if (flow === undefined) {
      throw new Error('the Meraki rule has no ASimNetworkSessionLogs flow');
    }
    const check = checkTransformation(flow.transformKql, {
      inputColumns: rule.properties.streamDeclarations[flow.streams[0]].columns as ColumnDefinition[],
      outputTable: microsoftTableSchema('ASimNetworkSessionLogs'),
    });
    expect(check.errors).toEqual([]);
    // The rule passes through IDS fields (signature, clientIp, ...) that the ASIM table lacks.
    expect(check.warnings.map((warning) => warning.code)).toEqual(Array(11).fill(TransformationCode.UNKNOWN_OUTPUT_COLUMN));
    expect(check.warnings[0].message).toContain("'signature'");
  });

  test('a broken copy of the Auth0 transformation fails with the analyzer\'s position', () => {
    const rule = readTestdataDataCollectionRule('sentinel-content/dcr/Auth0/DCR.json');
    const flow = rule.properties.dataFlows[0];
    const broken = flow.transformKql.replace("TimeGenerated = ['date']", "TimeGenerated = ['dates']");
    const check = checkTransformation(broken, {
      inputColumns: rule.properties.streamDeclarations[flow.streams[0]].columns as ColumnDefinition[],
    });
    expect(check.errors[0]).toMatchObject({ line: 1, column: 32, message: expect.stringContaining("'dates'") });
  });
});
