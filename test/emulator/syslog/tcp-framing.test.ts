import { DEFAULT_MAX_FRAME_BYTES, SyslogStreamDecoder } from '../../../emulator/syslog/tcp-framing';

/** Every message of `stream` pushed in chunks cut at `cuts` (byte offsets), then the end. */
function decodeInChunks(stream: Buffer, cuts: number[], decoder = new SyslogStreamDecoder()): string[] {
  const frames: string[] = [];
  let start = 0;
  for (const cut of [...cuts, stream.length]) {
    frames.push(...decoder.push(stream.subarray(start, cut)));
    start = cut;
  }
  return [...frames, ...decoder.end()];
}

/** An octet-counted frame (RFC 6587 §3.4.1) of `message`. */
function octetCounted(message: string): string {
  return `${Buffer.byteLength(message)} ${message}`;
}

describe('octet counting (RFC 6587 §3.4.1)', () => {
  const messages = ['<13>Oct 11 22:14:15 host app: first', '<13>1 - - - - - - second, with a\nline feed inside', '<14>third ünïcödé ✓ 🎉'];
  const stream = Buffer.from(messages.map(octetCounted).join(''));

  test('splits a stream of frames', () => {
    expect(decodeInChunks(stream, [])).toEqual(messages);
  });

  test('splits frames however the chunks are cut: in the length digits, in the body, in a UTF-8 character', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      expect(decodeInChunks(stream, [cut])).toEqual(messages);
    }
  });

  test('splits frames pushed one byte at a time', () => {
    expect(decodeInChunks(stream, Array.from({ length: stream.length - 1 }, (_, index) => index + 1))).toEqual(messages);
  });

  test('a length of ten or more digits, or starting with 0, is not octet counting', () => {
    expect(decodeInChunks(Buffer.from('1234567890 x\n0 y\n'), [])).toEqual(['1234567890 x', '0 y']);
  });

  test('a frame cut short by the end of the stream yields what arrived', () => {
    expect(decodeInChunks(Buffer.from('20 <13>short'), [])).toEqual(['<13>short']);
  });
});

describe('non-transparent framing (RFC 6587 §3.4.2)', () => {
  test('ends a frame at LF, CRLF or NUL, and yields no empty frames', () => {
    expect(decodeInChunks(Buffer.from('<13>a\n<13>b\r\n\n<13>c\u0000<13>d\n'), [])).toEqual(['<13>a', '<13>b', '<13>c', '<13>d']);
  });

  test('detects the framing per frame, so both can follow each other', () => {
    const stream = Buffer.from(`<13>a\n${octetCounted('<13>b\nwith LF')}<13>c\n${octetCounted('<13>d')}\n`);
    for (let cut = 1; cut < stream.length; cut++) {
      expect(decodeInChunks(stream, [cut])).toEqual(['<13>a', '<13>b\nwith LF', '<13>c', '<13>d']);
    }
  });

  test('a line that starts with digits is not taken for a length', () => {
    expect(decodeInChunks(Buffer.from('2024-01-01T00:00:00Z host app: x\n'), [3])).toEqual(['2024-01-01T00:00:00Z host app: x']);
  });

  test('end() yields the last frame without trailer, and a CR at its end is dropped', () => {
    expect(decodeInChunks(Buffer.from('<13>a\n<13>b\r'), [])).toEqual(['<13>a', '<13>b']);
    const decoder = new SyslogStreamDecoder();
    expect(decoder.push(Buffer.from('<13>unterminated'))).toEqual([]);
    expect(decoder.end()).toEqual(['<13>unterminated']);
    expect(decoder.end()).toEqual([]);
  });

  test('a UTF-8 character split between chunks is decoded whole', () => {
    const stream = Buffer.from('<13>€uro\n');
    expect(decodeInChunks(stream, [5, 6])).toEqual(['<13>€uro']);
  });

  test('many frames in one chunk are found in one pass', () => {
    const line = '<13>Oct 11 22:14:15 host app: message\n';
    const frames = new SyslogStreamDecoder().push(Buffer.from(line.repeat(20_000)));
    expect(frames).toHaveLength(20_000);
  });
});

describe('frames beyond maxFrameBytes', () => {
  test('the default limit is 64 KiB', () => {
    expect(DEFAULT_MAX_FRAME_BYTES).toBe(65_536);
    const decoder = new SyslogStreamDecoder();
    const frames = decodeInChunks(Buffer.from(`${'x'.repeat(70_000)}\n<13>next\n`), [1000, 66_000], decoder);
    expect(frames.map((frame) => frame.length)).toEqual([65_536, 8]);
    expect(decoder.oversizedFrames).toBe(1);
  });

  test('an octet-counted frame is cut, counted, and the decoder resynchronises after its length', () => {
    const decoder = new SyslogStreamDecoder({ maxFrameBytes: 10 });
    const stream = Buffer.from(`${octetCounted('<13>0123456789abcdef')}${octetCounted('<13>ok')}`);
    for (let cut = 1; cut < stream.length; cut++) {
      expect(decodeInChunks(stream, [cut], decoder)).toEqual(['<13>012345', '<13>ok']);
    }
    expect(decoder.oversizedFrames).toBe(stream.length - 1);
  });

  test('a non-transparent frame is cut, counted, and the rest skipped up to its LF', () => {
    const decoder = new SyslogStreamDecoder({ maxFrameBytes: 8 });
    expect(decodeInChunks(Buffer.from('<13>0123456789\n<13>ok\n<13>abcdefgh\n'), [3, 12], decoder))
      .toEqual(['<13>0123', '<13>ok', '<13>abcd']);
    expect(decoder.oversizedFrames).toBe(2);
  });

  test('a cut never splits a UTF-8 character', () => {
    const decoder = new SyslogStreamDecoder({ maxFrameBytes: 6 });
    expect(decodeInChunks(Buffer.from('<13>€€€\n<13>ok\n'), [], decoder)).toEqual(['<13>', '<13>ok']);
  });

  test('a 64 KiB frame without trailer is cut as soon as it passes the limit', () => {
    const decoder = new SyslogStreamDecoder();
    const frames = decoder.push(Buffer.alloc(65_537, 'y'));
    expect(frames).toEqual(['y'.repeat(65_536)]);
    expect(decoder.push(Buffer.from('yyy\n<13>after\n'))).toEqual(['<13>after']);
  });

  test('rejects a limit that is not a positive integer', () => {
    expect(() => new SyslogStreamDecoder({ maxFrameBytes: 0 })).toThrow(RangeError);
    expect(() => new SyslogStreamDecoder({ maxFrameBytes: 1.5 })).toThrow('maxFrameBytes');
  });
});
