import { COMMON_SECURITY_LOG_TABLE } from '../../../model/tables/common-security-log';
import { CEF_EXTENSION_KEY_COLUMNS, toCommonSecurityLogRow } from '../../../emulator/syslog/cef-to-common-security-log';
import { intValue, longValue, realValue } from '../../../emulator/syslog/column-numbers';
import { CefEvent, parseCef } from '../../../emulator/syslog/parse-cef';
import { parseSyslog } from '../../../emulator/syslog/parse-syslog';
import { EventContext } from '../../../emulator/syslog/syslog-to-row';

const CONTEXT: EventContext = { receivedAt: new Date('2025-06-01T12:00:00Z'), senderAddress: '10.0.0.9', collectorHostName: 'forwarder-1' };

function cefOf(text: string): CefEvent {
  const result = parseCef(text);
  if (!result.ok) {
    throw new Error(`not CEF: ${result.expected}`);
  }
  return result.value;
}

/** The row of a CEF text without syslog header. */
function rowOf(extension: string, header = 'CEF:0|Vendor|Product|1.0|100|Name|5|') {
  return toCommonSecurityLogRow(cefOf(header + extension), undefined, CONTEXT);
}

describe('the key → column map (spec 4.5)', () => {
  test('holds every key of Microsoft\'s page, the custom keys and their labels', () => {
    const keys = Object.keys(CEF_EXTENSION_KEY_COLUMNS);
    expect(keys).toHaveLength(79 + 2 + 2 * (4 + 4 + 3 + 6 + 2 + 2 + 1 + 2));
    expect(CEF_EXTENSION_KEY_COLUMNS).toMatchObject({
      act: 'DeviceAction', dmac: 'DestinationMACAddress', dvcpid: 'ProcessID', deviceProcessName: 'ProcessName',
      outcome: 'EventOutcome', cat: 'DeviceEventCategory', in: 'ReceivedBytes', out: 'SentBytes', rt: 'ReceiptTime',
      c6a4Label: 'DeviceCustomIPv6Address4Label', cfp1: 'DeviceCustomFloatingPoint1', cn3: 'DeviceCustomNumber3',
      cs6Label: 'DeviceCustomString6Label', flexString2: 'FlexString2', deviceCustomDate2Label: 'DeviceCustomDate2Label',
      flexDate1: 'FlexDate1', flexNumber2Label: 'FlexNumber2Label', start: 'StartTime', end: 'EndTime',
    });
  });

  test('maps only to writable columns of the schema, spelled as the schema spells them', () => {
    const writable = new Set(COMMON_SECURITY_LOG_TABLE.columns.filter((column) => column.reserved !== true).map((column) => column.name));
    expect(Object.values(CEF_EXTENSION_KEY_COLUMNS).filter((column) => !writable.has(column))).toEqual([]);
    expect(new Set(Object.values(CEF_EXTENSION_KEY_COLUMNS)).size).toBe(Object.keys(CEF_EXTENSION_KEY_COLUMNS).length);
  });
});

describe('rows', () => {
  test('header fields go to their columns (spec 4.4), LogSeverity raw', () => {
    expect(rowOf('', 'CEF:0|Palo Alto Networks|PAN-OS|10.1|end|TRAFFIC|High|')).toEqual({
      TimeGenerated: CONTEXT.receivedAt, Computer: '10.0.0.9', CollectorHostName: 'forwarder-1', SourceSystem: 'OpsManager',
      DeviceVendor: 'Palo Alto Networks', DeviceProduct: 'PAN-OS', DeviceVersion: '10.1', DeviceEventClassID: 'end',
      Activity: 'TRAFFIC', LogSeverity: 'High',
    });
  });

  test('Computer is the syslog HOSTNAME when there is one', () => {
    const syslog = parseSyslog('<164>Oct 11 22:14:15 firewall-7 CEF:0|V|P|1|2|N|3|src=1.2.3.4', CONTEXT.receivedAt);
    expect(syslog.ok && toCommonSecurityLogRow(cefOf('CEF:0|V|P|1|2|N|3|src=1.2.3.4'), syslog.value, CONTEXT)).toMatchObject({
      Computer: 'firewall-7', SourceIP: '1.2.3.4',
    });
  });

  test('int, long and real columns get numbers', () => {
    expect(rowOf('spt=443 in=9007199254740991 out=0 cfp1=-1.5e3 cn1=-7 cnt=12 type=1')).toMatchObject({
      SourcePort: 443, ReceivedBytes: 9_007_199_254_740_991, SentBytes: 0, DeviceCustomFloatingPoint1: -1500,
      DeviceCustomNumber1: -7, EventCount: 12, EventType: 1,
    });
  });

  test('a value that does not convert is left out of its column and kept in AdditionalExtensions', () => {
    const row = rowOf('cn3=N/A dpt=99999999999 cfp2=0x10 spt=443 deviceDirection=2 start=yesterday deviceDirection=constructor');
    expect(row).toMatchObject({
      SourcePort: 443,
      AdditionalExtensions: 'cn3=N/A;dpt=99999999999;cfp2=0x10;deviceDirection=2;start=yesterday;deviceDirection=constructor',
    });
    expect(row).not.toHaveProperty('DeviceCustomNumber3');
    expect(row).not.toHaveProperty('DestinationPort');
    expect(row).not.toHaveProperty('CommunicationDirection');
  });

  test('start and end become StartTime and EndTime; rt stays a string in ReceiptTime', () => {
    expect(rowOf('start=1659523775038 end=Aug 03 2022 10:49:36 UTC rt=1659523775038')).toMatchObject({
      StartTime: new Date('2022-08-03T10:49:35.038Z'), EndTime: new Date('2022-08-03T10:49:36Z'), ReceiptTime: '1659523775038',
    });
  });

  test('deviceDirection 0 and 1 are Inbound and Outbound; RemoteIP and RemotePort follow the direction', () => {
    expect(rowOf('deviceDirection=0 src=1.1.1.1 spt=1111 dst=2.2.2.2 dpt=22')).toMatchObject({
      CommunicationDirection: 'Inbound', RemoteIP: '1.1.1.1', RemotePort: '1111',
    });
    expect(rowOf('deviceDirection=1 src=1.1.1.1 spt=1111 dst=2.2.2.2 dpt=22')).toMatchObject({
      CommunicationDirection: 'Outbound', RemoteIP: '2.2.2.2', RemotePort: '22',
    });
    expect(rowOf('src=1.1.1.1')).not.toHaveProperty('RemoteIP');
  });

  test('unknown keys go to AdditionalExtensions as key=value joined by ";", empty values included', () => {
    expect(rowOf('act=blocked details_alertType=x y BarracudaWafSessionID= accountName=some-comp').AdditionalExtensions)
      .toBe('details_alertType=x y;BarracudaWafSessionID=;accountName=some-comp');
  });

  test('an empty value of a mapped key leaves the column empty; a key given twice keeps its last value', () => {
    const row = rowOf('act= src=1.1.1.1 src=2.2.2.2');
    expect(row).not.toHaveProperty('DeviceAction');
    expect(row).not.toHaveProperty('AdditionalExtensions');
    expect(row.SourceIP).toBe('2.2.2.2');
  });

  test('custom strings, numbers and labels', () => {
    expect(rowOf('cs1=My App 1 cs1Label=appName cn1=50 cn1Label=threatWeight c6a1=fe80::1 flexDate1=2024-01-01')).toMatchObject({
      DeviceCustomString1: 'My App 1', DeviceCustomString1Label: 'appName', DeviceCustomNumber1: 50,
      DeviceCustomNumber1Label: 'threatWeight', DeviceCustomIPv6Address1: 'fe80::1', FlexDate1: '2024-01-01',
    });
  });

  test('writes only columns of the schema, with values of their types', () => {
    const row = rowOf('cnt=1 in=2 cfp1=3.5 start=1 act=a deviceDirection=1 spt=5 x=1', 'CEF:0|V|P|1|2|N|3|');
    const types = new Map(COMMON_SECURITY_LOG_TABLE.columns.map((column) => [column.name, column]));
    for (const [column, value] of Object.entries(row)) {
      const definition = types.get(column);
      expect(definition?.reserved).not.toBe(true);
      const javascriptTypes: Record<string, string> = { string: 'string', int: 'number', long: 'number', real: 'number', datetime: 'object' };
      const expected = javascriptTypes[definition?.type ?? 'unknown'];
      expect([column, typeof value]).toEqual([column, expected]);
    }
  });
});

describe('column numbers', () => {
  test('int takes decimal integers in 32 bits', () => {
    expect([intValue('0'), intValue('-2147483648'), intValue('2147483647'), intValue('+5')]).toEqual([0, -2_147_483_648, 2_147_483_647, 5]);
    expect(['2147483648', '1.0', '', '-', ' 1', '1e3', '0x1'].map(intValue)).toEqual(Array(7).fill(undefined));
  });

  test('long takes decimal integers of up to 19 digits', () => {
    expect(longValue('9223372036854775807')).toBe(9_223_372_036_854_775_807);
    expect(longValue('-9223372036854775808')).toBe(-9_223_372_036_854_775_808);
    expect(longValue('1234567890123456')).toBe(1_234_567_890_123_456);
    expect(['9223372036854775808', '-9223372036854775809', '99999999999999999999', '1.5'].map(longValue)).toEqual(Array(4).fill(undefined));
  });

  test('real takes decimal numbers, not hexadecimal, Infinity or NaN', () => {
    expect(['1', '-1.5', '.5', '5.', '1e10', '2.5E-3'].map(realValue)).toEqual([1, -1.5, 0.5, 5, 1e10, 0.0025]);
    expect(['', '.', 'e5', '0x10', 'Infinity', 'NaN', '1e', '1 ', '1e999'].map(realValue)).toEqual(Array(9).fill(undefined));
  });
});
