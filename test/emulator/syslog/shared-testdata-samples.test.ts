import { Row } from '../../../model/kql/values';
import { toCommonSecurityLogRow } from '../../../emulator/syslog/cef-to-common-security-log';
import { findCefText, parseCef } from '../../../emulator/syslog/parse-cef';
import { parseSyslog } from '../../../emulator/syslog/parse-syslog';
import { EventContext } from '../../../emulator/syslog/syslog-to-row';
import { readTestdata } from '../../support/shared-testdata';

/**
 * The real-world samples of shared/testdata (see its PROVENANCE.md) through the parsing layer: every vector of
 * cef/expected.jsonl mapped to the expected CommonSecurityLog fields, every line of cef/samples.log and
 * syslog/samples.log parsed.
 */

const CONTEXT: EventContext = { receivedAt: new Date('2025-06-01T12:00:00Z'), senderAddress: '192.0.2.10', collectorHostName: 'forwarder-1' };

interface Vector {
  raw: string;
  expect: Record<string, string>;
  source: string;
  note?: string;
  parserOutput?: Record<string, string>;
}

/** The lines of a shared test data file, without empty ones. */
function linesOf(relativePath: string): string[] {
  return readTestdata(relativePath).split('\n').filter((line) => line.trim() !== '');
}

/** What the forwarder makes of a raw CEF line: syslog header, CEF text, CommonSecurityLog row; a string says what failed. */
function commonSecurityLogRowOf(raw: string): Row | string {
  const syslog = parseSyslog(raw, CONTEXT.receivedAt);
  if (!syslog.ok) {
    return `syslog: ${syslog.expected} at ${syslog.position}`;
  }
  const text = findCefText(syslog.value);
  if (text === undefined) {
    return 'no CEF in the message';
  }
  const cef = parseCef(text);
  return cef.ok ? toCommonSecurityLogRow(cef.value, syslog.value, CONTEXT) : `CEF: ${cef.expected} at ${cef.position}`;
}

/** A field of expected.jsonl the emulator deliberately does not produce, and what it produces instead. */
interface DeliberateDifference {
  /** 1-based line of cef/expected.jsonl. */
  readonly vector: number;
  readonly column: string;
  readonly reason: string;
  /** The emulator's value, derived from the expected one, so that the difference is exactly the one documented. */
  readonly emulatorValue: (expected: string) => string;
}

const LEGACY_AGENT_KEPT_DOUBLED_BACKSLASH = 'The WithSecure CSV is a CommonSecurityLog export of the legacy Log Analytics (OMS) '
  + 'agent (SourceSystem=OpsManager), which stored an escaped backslash "\\\\" as sent; the CEF spec (spec 4.6) reads '
  + '"\\\\" in an extension value as one backslash, and the emulator follows the spec.';
const EXPORT_DROPPED_SEMICOLON = 'The CSV export shows two spaces where the raw msg has "; " (the semicolon was lost '
  + 'in the export, as the vector\'s note says); the emulator keeps the raw text.';

function keptDoubledBackslash(vector: number, column: string): DeliberateDifference {
  return { vector, column, reason: LEGACY_AGENT_KEPT_DOUBLED_BACKSLASH, emulatorValue: (expected) => expected.split('\\\\').join('\\') };
}

/**
 * Every field of cef/expected.jsonl that the emulator deliberately does not follow, with the reason (rows of the
 * emulator's "Differences from Azure" table). Asserted both ways: each listed field differs from the vector exactly
 * as described, and every field not listed matches, so the list cannot go stale.
 */
const DELIBERATE_DIFFERENCES: readonly DeliberateDifference[] = [
  keptDoubledBackslash(1, 'SourceUserName'),
  keptDoubledBackslash(2, 'SourceUserName'),
  keptDoubledBackslash(5, 'SourceUserName'),
  keptDoubledBackslash(7, 'SourceUserName'),
  keptDoubledBackslash(8, 'Message'),
  keptDoubledBackslash(11, 'SourceUserName'),
  keptDoubledBackslash(12, 'Message'),
  keptDoubledBackslash(12, 'SourceUserName'),
  keptDoubledBackslash(13, 'SourceUserName'),
  keptDoubledBackslash(13, 'DeviceCustomString1'),
  keptDoubledBackslash(14, 'SourceUserName'),
  { vector: 16, column: 'Message', reason: EXPORT_DROPPED_SEMICOLON, emulatorValue: (expected) => expected.replace('"  ', '"; ') },
];

const vectors: Vector[] = linesOf('cef/expected.jsonl').map((line) => JSON.parse(line) as Vector);

/** The sample source a vector comes from, as PROVENANCE.md names them. */
function sourceOf(vector: Vector): string {
  return vector.source.includes('WithSecure') ? 'WithSecure' : vector.source.includes('Radiflow') ? 'Radiflow' : vector.source;
}

interface FieldOutcome {
  readonly vector: number;
  readonly column: string;
  readonly expected: string;
  readonly actual: unknown;
  readonly difference?: DeliberateDifference;
}

const outcomes: FieldOutcome[] = vectors.flatMap((vector, index) => {
  const row = commonSecurityLogRowOf(vector.raw);
  return Object.entries(vector.expect).map(([column, expected]) => ({
    vector: index + 1, column, expected,
    actual: typeof row === 'string' ? row : row[column],
    difference: DELIBERATE_DIFFERENCES.find((difference) => difference.vector === index + 1 && difference.column === column),
  }));
});

describe('cef/expected.jsonl', () => {
  test('has the 24 vectors PROVENANCE.md lists: 16 WithSecure, 8 Radiflow', () => {
    expect(vectors.map(sourceOf).sort()).toEqual([...Array(8).fill('Radiflow'), ...Array(16).fill('WithSecure')]);
  });

  test('every field the emulator follows matches', () => {
    const mismatches = outcomes.filter((outcome) => outcome.difference === undefined && outcome.actual !== outcome.expected);
    expect(mismatches).toEqual([]);
  });

  test('every deliberate difference is exactly the documented one, and still a difference', () => {
    const stale = outcomes.filter((outcome) => outcome.difference !== undefined
      && (outcome.actual === outcome.expected || outcome.actual !== outcome.difference.emulatorValue(outcome.expected)))
      .map(({ vector, column, expected, actual }) => ({ vector, column, expected, actual }));
    expect(stale).toEqual([]);
    const listed = DELIBERATE_DIFFERENCES.map(({ vector, column }) => `${vector} ${column}`);
    const found = outcomes.filter((outcome) => outcome.difference !== undefined).map(({ vector, column }) => `${vector} ${column}`);
    expect(found.sort()).toEqual([...listed].sort());
  });

  test('every vector passes, exactly or with its documented differences', () => {
    const summary = new Map<string, { total: number; exact: number; documented: number }>();
    vectors.forEach((vector, index) => {
      const fields = outcomes.filter((outcome) => outcome.vector === index + 1);
      const counts = summary.get(sourceOf(vector)) ?? { total: 0, exact: 0, documented: 0 };
      counts.total++;
      if (fields.every((field) => field.actual === field.expected)) {
        counts.exact++;
      } else if (fields.every((field) => field.actual === (field.difference?.emulatorValue(field.expected) ?? field.expected))) {
        counts.documented++;
      }
      summary.set(sourceOf(vector), counts);
    });
    const lines = [...summary].map(([source, { total, exact, documented }]) =>
      `${source} ${exact + documented}/${total} (${exact} field for field, ${documented} with documented differences)`);
    console.log(`cef/expected.jsonl vectors:\n${lines.join('\n')}\n`
      + `deliberate differences: ${DELIBERATE_DIFFERENCES.length} fields in ${new Set(DELIBERATE_DIFFERENCES.map((difference) => difference.vector)).size} vectors`);
    expect(lines).toEqual([
      'WithSecure 16/16 (6 field for field, 10 with documented differences)',
      'Radiflow 8/8 (8 field for field, 0 with documented differences)',
    ]);
  });

  test('Radiflow rows agree with the columns of the Radiflow parser output', () => {
    for (const vector of vectors.filter((candidate) => candidate.parserOutput !== undefined)) {
      const row = commonSecurityLogRowOf(vector.raw) as Row;
      const parserOutput = vector.parserOutput as Record<string, string>;
      expect({
        EventClassID: row.DeviceEventClassID, EventMessage: row.Activity, EventSeverity: row.LogSeverity,
        EventServer: row.Computer, EventID: /^id=(\d+)(;|$)/.exec(String(row.AdditionalExtensions))?.[1],
      }).toEqual(parserOutput);
    }
  });

  test('Radiflow\'s #012 (a line feed rsyslog escaped) is kept as text, as Azure stores what rsyslog forwards', () => {
    const row = commonSecurityLogRowOf(vectors[16].raw) as Row;
    expect(row.AdditionalExtensions).toContain(';SrcMac=00:30:DE:40:D0:8D#012;DstMac=B8:27:EB:11:DE:24;');
  });
});

/** Sources of the sample files by line range, as PROVENANCE.md lists them (1-based, inclusive). */
const CEF_SAMPLE_SOURCES: ReadonlyArray<readonly [string, number, number]> = [
  ['WithSecure', 1, 16], ['Radiflow', 17, 24], ['FortiWeb', 25, 28], ['Barracuda', 29, 30],
];
const SYSLOG_SAMPLE_SOURCES: ReadonlyArray<readonly [string, number, number]> = [
  ['OpenVPN', 1, 12], ['Exabeam', 13, 14], ['OracleDatabaseAudit', 15, 20],
];

/** `source passed/total` per source of a sample file. */
function passCounts(sources: ReadonlyArray<readonly [string, number, number]>, passed: boolean[]): string[] {
  return sources.map(([source, first, last]) => {
    const slice = passed.slice(first - 1, last);
    return `${source} ${slice.filter(Boolean).length}/${slice.length}`;
  });
}

describe('cef/samples.log', () => {
  const lines = linesOf('cef/samples.log');

  test('every line parses into a CommonSecurityLog row', () => {
    const rows = lines.map(commonSecurityLogRowOf);
    const counts = passCounts(CEF_SAMPLE_SOURCES, rows.map((row) => typeof row !== 'string'));
    console.log(`cef/samples.log parsed: ${counts.join(', ')}`);
    expect(counts).toEqual(['WithSecure 16/16', 'Radiflow 8/8', 'FortiWeb 4/4', 'Barracuda 2/2']);
  });

  test('FortiWeb and Barracuda lines, which have no expectations, give the columns their keys name', () => {
    const [fortiWeb, , , , barracuda] = lines.slice(24).map(commonSecurityLogRowOf) as Row[];
    expect(fortiWeb).toMatchObject({
      Computer: 'syslog.fortiweb-cloud.com', DeviceEventClassID: 'N/A', Activity: 'URL Access Violation', LogSeverity: 'Substantial',
      SourceIP: '49.206.123.11', SourcePort: 36381, DestinationPort: 443, DeviceCustomNumber1: 50, DeviceCustomNumber2: 1530,
      ReceiptTime: '2022-07-25T04:56:13-05:00', AdditionalExtensions: 'cn3=N/A',
      RequestClientApplication: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/103.0.0.0 Safari/537.36',
    });
    expect(fortiWeb).not.toHaveProperty('DeviceVendor');
    expect(barracuda).toMatchObject({
      Computer: 'Barracuda', DeviceVendor: 'BarracudaNetworks', DeviceProduct: 'WAAS', Message: 'lang=en', ReceivedBytes: 209,
      SentBytes: 0, FlexNumber1: 0, FlexString1: 'HTTP/1.1', DestinationServiceName: 'app18247_561194',
      AdditionalExtensions: 'BarracudaWafCustomHeader1=;BarracudaWafCustomHeader2=;BarracudaWafCustomHeader3=;BarracudaWafResponseType=INTERNAL;BarracudaWafSessionID=',
    });
  });
});

describe('syslog/samples.log', () => {
  const lines = linesOf('syslog/samples.log');
  const events = lines.map((line) => parseSyslog(line, CONTEXT.receivedAt));

  test('every line parses, with a timestamp, a host and a program', () => {
    const counts = passCounts(SYSLOG_SAMPLE_SOURCES, events.map((event) => event.ok && event.value.format === 'rfc3164'
      && event.value.hostName !== undefined && event.value.appName !== undefined));
    console.log(`syslog/samples.log parsed: ${counts.join(', ')}`);
    expect(counts).toEqual(['OpenVPN 12/12', 'Exabeam 2/2', 'OracleDatabaseAudit 6/6']);
  });

  test('header fields of each source', () => {
    const values = events.map((event) => (event.ok ? event.value : undefined));
    expect(values[0]).toMatchObject({ hostName: 'demo-host.local', appName: 'openvpn', facility: 1, severity: 5, hasPriority: false });
    expect(values[1]).toMatchObject({ appName: 'openvpn', processId: '30264', message: '1.2.3.4:41445 peer info: IV_TCPNL=1' });
    expect(values[12]).toMatchObject({
      facility: 10, severity: 5, hasPriority: true, hostName: 'exabeam.exabeam.local', appName: 'Exabeam',
      timestamp: new Date('2025-05-06T12:31:17Z'),
    });
    expect(values[14]).toMatchObject({ hostName: 'localhost', appName: 'journal' });
    expect(values[14]?.message.startsWith('Oracle Audit[52963]: LENGTH')).toBe(true);
  });
});
