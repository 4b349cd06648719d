import { Row } from '../../../model/kql/values';
import { COMMON_SECURITY_LOG_TABLE } from '../../../model/tables/common-security-log';
import { SYSLOG_TABLE } from '../../../model/tables/syslog';
import { TableSchema } from '../../../model/tables/table-schema';
import { toCommonSecurityLogRow } from '../../../emulator/syslog/cef-to-common-security-log';
import { findCiscoAsaText, parseCiscoAsa, toCiscoAsaCommonSecurityLogRow } from '../../../emulator/syslog/cisco-asa';
import { escapeControlCharacters } from '../../../emulator/syslog/escape-control-characters';
import { parseCefExtension } from '../../../emulator/syslog/parse-cef-extension';
import { findCefStart, findCefText, parseCef } from '../../../emulator/syslog/parse-cef';
import { parseStructuredData } from '../../../emulator/syslog/parse-structured-data';
import { parseSyslog } from '../../../emulator/syslog/parse-syslog';
import { parseCefTimestamp, parseRfc3339Timestamp } from '../../../emulator/syslog/parse-timestamp';
import { SyslogStreamDecoder } from '../../../emulator/syslog/tcp-framing';
import { toSyslogRow } from '../../../emulator/syslog/syslog-to-row';
import { readTestdata } from '../../support/shared-testdata';
import { seededRandom } from '../../fuzzing/seeded-random';

/**
 * A bounded fuzz loop: thousands of byte strings from a seeded generator (the same ones on every run) and mutations
 * of the real samples go through every parser and mapper; nothing may throw, and rows hold only writable columns of
 * their table with values of the column's type.
 */

/** Pieces that steer random bytes into the parsers' interesting paths. */
const TOKENS = [
  '<', '>', '<13>', '<191>', '<999>', '1 ', '|', '\\', '\\|', '\\\\', '=', '\\=', ' ', '  ', 'CEF:', 'CEF: 0|', 'CEF:0|a|b|c|d|e|5|',
  '%ASA-6-302013: ', '%FTD-', ' k=', ' cs1=', ' cn1=', ' start=', ' deviceDirection=1', ' in=', ' cfp1=', '[', ']', '"', '-',
  ' deviceDirection=', 'constructor', '__proto__', 'toString', 'hasOwnProperty',
  'Oct 11 22:14:15 ', 'Feb 29 ', '2003-10-11T22:14:15.003Z ', '\n', '\r\n', '\u0000', '\uFEFF', '#012', ':', '[123]:', '\u00e9', '\ud83c\udf89',
];

function randomBytes(random: () => number): Buffer {
  const parts: Buffer[] = [];
  const pieces = Math.floor(random() * 40);
  for (let piece = 0; piece < pieces; piece++) {
    if (random() < 0.5) {
      parts.push(Buffer.from(TOKENS[Math.floor(random() * TOKENS.length)]));
    } else {
      const bytes = Buffer.alloc(1 + Math.floor(random() * 12));
      for (let index = 0; index < bytes.length; index++) {
        bytes[index] = random() < 0.7 ? 0x20 + Math.floor(random() * 95) : Math.floor(random() * 256);
      }
      parts.push(bytes);
    }
  }
  return Buffer.concat(parts);
}

/** A real sample line with random tokens spliced in and random cuts. */
function mutatedSample(random: () => number, samples: string[]): string {
  let line = samples[Math.floor(random() * samples.length)];
  const edits = 1 + Math.floor(random() * 4);
  for (let edit = 0; edit < edits; edit++) {
    const at = Math.floor(random() * (line.length + 1));
    const choice = random();
    if (choice < 0.5) {
      line = line.slice(0, at) + TOKENS[Math.floor(random() * TOKENS.length)] + line.slice(at);
    } else if (choice < 0.8) {
      line = line.slice(0, at);
    } else {
      line = line.slice(0, at) + line.slice(at + Math.floor(random() * 20));
    }
  }
  return line;
}

const JAVASCRIPT_TYPES: Record<string, string> = { string: 'string', int: 'number', long: 'number', real: 'number', datetime: 'object' };

/** The columns of `row` that are not writable columns of `table` or hold a value of another type. */
function badColumns(row: Row, table: TableSchema): string[] {
  return Object.entries(row).filter(([name, value]) => {
    const column = table.columns.find((candidate) => candidate.name === name);
    if (column === undefined || column.reserved === true) {
      return true;
    }
    if (value === null) {
      return false;
    }
    const type = typeof value;
    return type !== JAVASCRIPT_TYPES[column.type] || (type === 'number' && !Number.isFinite(value))
      || (value instanceof Date && Number.isNaN(value.getTime())) || (column.type === 'int' && !Number.isInteger(value));
  }).map(([name, value]) => `${name}=${String(value)}`);
}

const CONTEXT = { receivedAt: new Date('2025-06-01T12:00:00Z'), senderAddress: '::ffff:192.0.2.1', collectorHostName: 'forwarder-1' };

/** Every parser and mapper on one line; returns what broke an invariant. */
function exercise(line: string): string[] {
  const problems: string[] = [];
  escapeControlCharacters(line);
  findCefStart(line);
  parseCefExtension(line, 0);
  parseStructuredData(line, 0);
  parseRfc3339Timestamp(line, 0);
  parseCefTimestamp(line, CONTEXT.receivedAt);
  for (const text of [line, `CEF:${line}`]) {
    const cef = parseCef(text);
    if (cef.ok) {
      problems.push(...badColumns(toCommonSecurityLogRow(cef.value, undefined, CONTEXT), COMMON_SECURITY_LOG_TABLE));
    }
  }
  const syslog = parseSyslog(line, CONTEXT.receivedAt);
  if (syslog.ok) {
    const event = syslog.value;
    problems.push(...badColumns(toSyslogRow(event, CONTEXT), SYSLOG_TABLE));
    const cefText = findCefText(event);
    const cef = cefText === undefined ? undefined : parseCef(cefText);
    if (cef?.ok) {
      problems.push(...badColumns(toCommonSecurityLogRow(cef.value, event, CONTEXT), COMMON_SECURITY_LOG_TABLE));
    }
    const asa = parseCiscoAsa(findCiscoAsaText(event));
    if (asa.ok) {
      problems.push(...badColumns(toCiscoAsaCommonSecurityLogRow(asa.value, event, CONTEXT), COMMON_SECURITY_LOG_TABLE));
    }
  } else if (line.replace(/[\n\r\u0000]/g, '') !== '') {
    problems.push(`syslog failed on a non-empty line: ${JSON.stringify(line)}`);
  }
  return problems;
}

test('4,000 random byte strings break no parser, mapper or invariant', () => {
  const random = seededRandom(0x5e771e1);
  const problems: string[] = [];
  for (let round = 0; round < 4000; round++) {
    problems.push(...exercise(randomBytes(random).toString('utf8')));
  }
  expect(problems).toEqual([]);
});

test('2,000 mutations of the real samples break no parser, mapper or invariant', () => {
  const samples = [...readTestdata('cef/samples.log').split('\n'), ...readTestdata('syslog/samples.log').split('\n')].filter((line) => line !== '');
  const random = seededRandom(0xcef);
  const problems: string[] = [];
  for (let round = 0; round < 2000; round++) {
    problems.push(...exercise(mutatedSample(random, samples)));
  }
  expect(problems).toEqual([]);
});

test('a TCP stream of random bytes in random chunks never yields a frame beyond the limit', () => {
  const random = seededRandom(0x6587);
  for (let round = 0; round < 500; round++) {
    const maxFrameBytes = 1 + Math.floor(random() * 64);
    const decoder = new SyslogStreamDecoder({ maxFrameBytes });
    const stream = Buffer.concat(Array.from({ length: 8 }, () => randomBytes(random)));
    const frames: string[] = [];
    for (let start = 0; start < stream.length;) {
      const end = Math.min(stream.length, start + 1 + Math.floor(random() * 50));
      frames.push(...decoder.push(stream.subarray(start, end)));
      start = end;
    }
    frames.push(...decoder.end());
    // A byte decodes to at most one UTF-16 unit (an invalid one to U+FFFD), so a frame within the limit is as long.
    const tooLong = frames.filter((frame) => frame.length > maxFrameBytes);
    expect(tooLong).toEqual([]);
    expect(frames.flatMap(exercise)).toEqual([]);
  }
});
