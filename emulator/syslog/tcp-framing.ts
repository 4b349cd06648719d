import { CARRIAGE_RETURN, DIGIT_NINE, DIGIT_ONE, DIGIT_ZERO, LINE_FEED, NUL, SPACE } from './character-codes';

/** The default largest frame: 64 KiB, rsyslog's largest `$MaxMessageSize` in common use. */
export const DEFAULT_MAX_FRAME_BYTES = 65_536;

/** A MSG-LEN of more digits than this is not taken as octet counting (999,999,999 bytes is far beyond any frame). */
const MAX_LENGTH_DIGITS = 9;

/** Options of a {@link SyslogStreamDecoder}. */
export interface SyslogStreamDecoderOptions {
  /**
   * The largest frame, in bytes; a longer one is cut to this size, counted in `oversizedFrames`, and the rest of it
   * is skipped.
   *
   * @default 65536
   */
  readonly maxFrameBytes?: number;
}

/**
 * The end of the text in `buffer[start, end)` so that no UTF-8 character is cut: when the last character starts
 * before `end` but needs bytes past it, the text ends before that character.
 */
function endOnCharacterBoundary(buffer: Buffer, start: number, end: number): number {
  let index = end - 1;
  while (index > start && index > end - 4 && (buffer[index] & 0xc0) === 0x80) {
    index--;
  }
  const lead = buffer[index];
  const characterBytes = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return index + characterBytes > end ? index : end;
}

/**
 * Splits a TCP syslog stream into messages, RFC 6587 §3.4, detecting the framing of each frame as rsyslog does:
 *
 * - octet counting (§3.4.1): `MSG-LEN SP SYSLOG-MSG`, MSG-LEN a decimal byte count that does not start with 0; taken
 *   when the frame starts with 1-9 and at most 9 digits are followed by SP;
 * - otherwise non-transparent framing (§3.4.2): the message ends at LF, which may follow CR (CRLF), or at NUL.
 *
 * Chunks may split the stream anywhere, in the length digits or inside a UTF-8 character: bytes are kept until a
 * frame is complete and only then decoded (invalid UTF-8 becomes U+FFFD). Empty frames (blank lines between
 * messages) yield nothing. A frame longer than `maxFrameBytes` is cut to that size (on a character boundary),
 * yielded at once, counted in `oversizedFrames`, and the rest of it skipped: up to its length for octet counting, up
 * to the next LF or NUL otherwise. Never throws on any bytes.
 */
export class SyslogStreamDecoder {
  private readonly maxFrameBytes: number;
  /** The bytes not yet decoded, at `[0, stored)`. */
  private storage: Buffer = Buffer.alloc(0);
  private stored = 0;
  /** How many bytes at the start of `storage` are known to hold no LF or NUL (a non-transparent frame in progress). */
  private scannedBytes = 0;
  /** Bytes of an oversized octet-counted frame still to skip. */
  private bytesToSkip = 0;
  /** Whether the rest of an oversized non-transparent frame is being skipped, up to its LF or NUL. */
  private skippingToTrailer = false;
  private oversizedFrameCount = 0;

  constructor(options: SyslogStreamDecoderOptions = {}) {
    const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    if (!Number.isInteger(maxFrameBytes) || maxFrameBytes < 1) {
      throw new RangeError(`maxFrameBytes: expected a positive integer, received ${maxFrameBytes}`);
    }
    this.maxFrameBytes = maxFrameBytes;
  }

  /** How many frames were longer than `maxFrameBytes` and cut. */
  public get oversizedFrames(): number {
    return this.oversizedFrameCount;
  }

  /** Takes the next bytes of the stream; returns the messages they complete, in order. */
  public push(chunk: Buffer): string[] {
    const frames: string[] = [];
    let buffer: Buffer;
    const fromStorage = this.stored > 0;
    if (!fromStorage) {
      buffer = chunk;
    } else {
      this.ensureCapacity(this.stored + chunk.length);
      chunk.copy(this.storage, this.stored);
      this.stored += chunk.length;
      buffer = this.storage.subarray(0, this.stored);
    }
    const resumeScanAt = this.scannedBytes;
    this.scannedBytes = 0;
    const consumed = this.decode(buffer, resumeScanAt, frames);
    this.keep(buffer, consumed, fromStorage);
    return frames;
  }

  /** Ends the stream: returns the last frame when it had no trailer (or was cut short), and resets the decoder. */
  public end(): string[] {
    const frames: string[] = [];
    if (this.stored > 0 && this.bytesToSkip === 0 && !this.skippingToTrailer) {
      const buffer = this.storage.subarray(0, this.stored);
      const body = this.octetCountedBodyStart(buffer);
      const start = body < 0 ? 0 : body;
      let end = Math.min(buffer.length, start + this.maxFrameBytes);
      if (body < 0 && end > start && buffer[end - 1] === CARRIAGE_RETURN) {
        end--;
      }
      if (end > start) {
        frames.push(buffer.toString('utf8', start, endOnCharacterBoundary(buffer, start, end)));
      }
    }
    this.stored = 0;
    this.scannedBytes = 0;
    this.bytesToSkip = 0;
    this.skippingToTrailer = false;
    return frames;
  }

  /** The index after `MSG-LEN SP` when `buffer` starts with one, else -1. */
  private octetCountedBodyStart(buffer: Buffer): number {
    if (buffer.length === 0 || buffer[0] < DIGIT_ONE || buffer[0] > DIGIT_NINE) {
      return -1;
    }
    let index = 1;
    while (index < buffer.length && index <= MAX_LENGTH_DIGITS && buffer[index] >= DIGIT_ZERO && buffer[index] <= DIGIT_NINE) {
      index++;
    }
    return index <= MAX_LENGTH_DIGITS && buffer[index] === SPACE ? index + 1 : -1;
  }

  /**
   * Yields the complete frames of `buffer` into `frames`; returns how many bytes were consumed (the rest starts an
   * incomplete frame). `resumeScanAt`: bytes at the start known to hold no trailer.
   */
  private decode(buffer: Buffer, resumeScanAt: number, frames: string[]): number {
    const end = buffer.length;
    const maxFrameBytes = this.maxFrameBytes;
    let position = 0;
    let nextLineFeed = -1;
    let nextNul = -1;
    while (position < end) {
      if (this.bytesToSkip > 0) {
        const skipped = Math.min(this.bytesToSkip, end - position);
        this.bytesToSkip -= skipped;
        position += skipped;
        continue;
      }
      // Trailer positions are found with indexOf and cached, so a chunk of many frames is scanned once.
      if (nextLineFeed !== end && nextLineFeed < position) {
        nextLineFeed = buffer.indexOf(LINE_FEED, position === 0 ? resumeScanAt : position);
        nextLineFeed = nextLineFeed < 0 ? end : nextLineFeed;
      }
      if (nextNul !== end && nextNul < position) {
        nextNul = buffer.indexOf(NUL, position === 0 ? resumeScanAt : position);
        nextNul = nextNul < 0 ? end : nextNul;
      }
      const trailer = Math.min(nextLineFeed, nextNul);
      if (this.skippingToTrailer) {
        if (trailer === end) {
          return end;
        }
        this.skippingToTrailer = false;
        position = trailer + 1;
        continue;
      }

      // RFC 6587 §3.4.1 octet counting: MSG-LEN = NONZERO-DIGIT *DIGIT, then SP.
      const first = buffer[position];
      if (first >= DIGIT_ONE && first <= DIGIT_NINE) {
        let index = position + 1;
        let length = first - DIGIT_ZERO;
        while (index < end && index - position <= MAX_LENGTH_DIGITS && buffer[index] >= DIGIT_ZERO && buffer[index] <= DIGIT_NINE) {
          length = length * 10 + buffer[index] - DIGIT_ZERO;
          index++;
        }
        const digits = index - position;
        if (index === end && digits <= MAX_LENGTH_DIGITS) {
          return position;
        }
        if (digits <= MAX_LENGTH_DIGITS && buffer[index] === SPACE) {
          const bodyStart = index + 1;
          const available = end - bodyStart;
          if (length > maxFrameBytes) {
            if (available < maxFrameBytes) {
              return position;
            }
            const bodyEnd = bodyStart + maxFrameBytes;
            frames.push(buffer.toString('utf8', bodyStart, endOnCharacterBoundary(buffer, bodyStart, bodyEnd)));
            this.oversizedFrameCount++;
            this.bytesToSkip = length - maxFrameBytes;
            position = bodyEnd;
            continue;
          }
          if (available < length) {
            return position;
          }
          frames.push(buffer.toString('utf8', bodyStart, bodyStart + length));
          position = bodyStart + length;
          continue;
        }
      }

      // RFC 6587 §3.4.2 non-transparent framing: up to LF (CRLF) or NUL.
      if (trailer === end) {
        if (end - position > maxFrameBytes) {
          const cut = position + maxFrameBytes;
          frames.push(buffer.toString('utf8', position, endOnCharacterBoundary(buffer, position, cut)));
          this.oversizedFrameCount++;
          this.skippingToTrailer = true;
          return end;
        }
        this.scannedBytes = end - position;
        return position;
      }
      let frameEnd = trailer;
      if (frameEnd > position && buffer[frameEnd - 1] === CARRIAGE_RETURN) {
        frameEnd--;
      }
      if (frameEnd - position > maxFrameBytes) {
        const cut = position + maxFrameBytes;
        frames.push(buffer.toString('utf8', position, endOnCharacterBoundary(buffer, position, cut)));
        this.oversizedFrameCount++;
      } else if (frameEnd > position) {
        frames.push(buffer.toString('utf8', position, frameEnd));
      }
      position = trailer + 1;
    }
    return position;
  }

  /**
   * Keeps `buffer[consumed..]`, the start of an incomplete frame, at the start of the storage; `fromStorage` says
   * whether `buffer` is a view of the storage itself.
   */
  private keep(buffer: Buffer, consumed: number, fromStorage: boolean): void {
    const rest = buffer.length - consumed;
    if (rest === 0) {
      this.stored = 0;
      return;
    }
    if (fromStorage) {
      this.storage.copyWithin(0, consumed, buffer.length);
    } else {
      this.ensureCapacity(rest);
      buffer.copy(this.storage, 0, consumed);
    }
    this.stored = rest;
  }

  /** Grows the storage to hold at least `bytes`, keeping what it holds. */
  private ensureCapacity(bytes: number): void {
    if (this.storage.length >= bytes) {
      return;
    }
    const grown = Buffer.allocUnsafe(Math.max(bytes, this.storage.length * 2, 4096));
    this.storage.copy(grown, 0, 0, this.stored);
    this.storage = grown;
  }
}
