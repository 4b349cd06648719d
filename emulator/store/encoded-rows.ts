import { KqlTimespan, KqlValue, Row } from '../../model/kql/values';

/**
 * Rows kept outside the JavaScript heap, encoded into byte segments, in arrival order and bounded by a row count.
 *
 * Why: a row kept as a JavaScript object holds some 25 objects (the row, its strings, a Date) that survive every
 * young-generation collection and are copied out of it; with a table of 100,000 rows filling at the emulator's rate,
 * that copying was most of the per-event cost (`--trace-gc`: a 17 ms scavenge every 25 ms). Encoded rows are plain
 * bytes the collector never visits; a row is decoded when a query reads it.
 *
 * Layout of a row: its shape (u32: the sequence of its members' names, numbered per table as they appear, since
 * rows of one source share a few shapes), then for each member with a value a tag (u8) and the value. Strings and
 * dynamic values (as JSON) are a u32 byte length and UTF-8; numbers, datetimes (epoch milliseconds) and timespans
 * (milliseconds) a float64; booleans are the tag. A row decodes through its shape's generated builder, an object
 * literal with the names, so decoded rows are fast objects. Past {@link MAX_SHAPES} shapes (members in ever new
 * orders), a row is written INLINE instead: each value preceded by its column's number (u16), then END.
 * Null members are not kept: a missing member reads as null, as everywhere in the evaluator.
 *
 * Rows go to the newest segment; one that does not fit starts a new segment, large enough for it. Slots of a ring
 * hold each row's segment and offset; when the oldest row is dropped, its segment goes once no row of it is left.
 *
 * Segments are shared memory (SharedArrayBuffer): a query runs on a worker thread over a {@link EncodedRowsSnapshot}
 * (the segments and the offsets of the rows held when the query started) while rows keep coming. Bytes once written
 * never change while a snapshot is pinned: new rows go after them, and a freed segment is only reused when no
 * snapshot is pinned.
 */

const END = 0xffff;
/** The shape of a row written with its column numbers. */
const INLINE = 0xffffffff;
/** Shapes a table numbers before it writes rows inline. */
const MAX_SHAPES = 65_536;
/** Columns a table can number (the column number is a u16 and END is taken). */
const MAX_COLUMNS = END;

/** What a value is; ASCII is a string whose bytes are all ASCII, read back without UTF-8 decoding. */
const enum Tag { STRING = 1, NUMBER = 2, TRUE = 3, FALSE = 4, DATETIME = 5, DYNAMIC = 6, TIMESPAN = 7, ASCII = 8 }

/** Bytes of a new segment: large enough to hold thousands of rows, small enough to free memory as rows go. */
const SEGMENT_BYTES = 4 * 1024 * 1024;
/** Freed segments a table keeps for reuse. */
const MAX_SPARE_SEGMENTS = 2;

/** A sequence of member names; the shapes of a table form a tree, one child per next name. */
class Shape {
  public readonly next = new Map<string, Shape>();
  /** The child taken last: rows of a table mostly follow one path, checked before the map. */
  public lastName: string | undefined;
  public lastNext: Shape | undefined;
  private build?: (values: KqlValue[]) => Row;

  constructor(public readonly id: number, public readonly names: readonly string[]) {}

  /** A row of this shape from its values, built by an object literal with the names (a fast object). */
  public row(values: KqlValue[]): Row {
    if (this.build === undefined) {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- names are JSON string literals.
      this.build = new Function('values',
        `return {${this.names.map((name, index) => `${JSON.stringify(name)}: values[${index}]`).join(', ')}};`) as (values: KqlValue[]) => Row;
    }
    return this.build(values);
  }
}

interface Segment {
  readonly bytes: Buffer;
  readonly shared: SharedArrayBuffer;
  used: number;
  /** Rows of the segment still held. */
  live: number;
}

/** The rows of one table, encoded; see the top of this file. */
export class EncodedRows {
  /** Each held row's segment and offset, by slot; grown to `rowCap` as rows come, so an empty table costs little. */
  private segmentOfSlot = new Int32Array(16);
  private offsetOfSlot = new Int32Array(16);
  private readonly segments = new Map<number, Segment>();
  private readonly spares: SharedArrayBuffer[] = [];
  private newestSegmentId = -1;
  private newest: Segment | undefined;
  private start = 0;
  private count = 0;
  private readonly columnNumbers = new Map<string, number>();
  private readonly columnNames: string[] = [];
  private readonly shapes: Shape[] = [new Shape(0, [])];
  /** Snapshots being read: while any is, freed segments are not reused. */
  private pins = 0;

  constructor(private readonly rowCap: number) {
    if (!Number.isInteger(rowCap) || rowCap < 1) {
      throw new RangeError(`a table holds at least one row; the row cap is ${rowCap}`);
    }
  }

  /** Rows held. */
  public get size(): number {
    return this.count;
  }

  /** Bytes of the segments held, with the freed ones kept for reuse: the memory the rows take. */
  public get bytes(): number {
    let total = 0;
    this.segments.forEach((segment) => { total += segment.bytes.length; });
    this.spares.forEach((spare) => { total += spare.byteLength; });
    return total;
  }

  /** Appends a row; when `rowCap` rows are held, the oldest is dropped first. Returns whether one was dropped. */
  public append(row: Row): boolean {
    let dropped = false;
    if (this.count === this.rowCap) {
      this.release(this.start);
      this.start = (this.start + 1) % this.rowCap;
      this.count--;
      dropped = true;
    }
    if (this.count === this.segmentOfSlot.length) {
      // Rows are only dropped once rowCap are held, so until then the slots start at 0 and do not wrap.
      this.grow();
    }
    const slot = (this.start + this.count) % this.rowCap;
    let segment: Segment | undefined = this.newest;
    let offset = segment === undefined ? -1 : this.encode(row, segment);
    if (segment === undefined || offset < 0) {
      segment = this.startSegment(Math.max(SEGMENT_BYTES, upperBoundBytes(row)));
      offset = this.encode(row, segment);
      if (offset < 0) {
        throw new Error('a row does not fit a segment made for its size');
      }
    }
    segment.live++;
    this.segmentOfSlot[slot] = this.newestSegmentId;
    this.offsetOfSlot[slot] = offset;
    this.count++;
    return dropped;
  }

  /** The rows held, oldest first, decoded as they are read. */
  public *rows(): Iterable<Row> {
    for (let index = 0; index < this.count; index++) {
      const slot = (this.start + index) % this.rowCap;
      const segment = this.segments.get(this.segmentOfSlot[slot]) as Segment;
      yield decodeRow(segment.bytes, this.offsetOfSlot[slot], this.shapes, this.columnNames);
    }
  }

  /**
   * The rows held now, for a reader on another thread: their segments (shared, not copied) and offsets, and the
   * shapes and column names numbered from `shapesKnown` and `columnsKnown` on (the reader keeps those it was sent).
   * The bytes stay as they are until `release()` is called.
   */
  public snapshot(shapesKnown: number, columnsKnown: number): { snapshot: EncodedRowsSnapshot; release: () => void } {
    const segmentOfRow = new Int32Array(this.count);
    const offsetOfRow = new Int32Array(this.count);
    const segments: Array<[number, SharedArrayBuffer]> = [];
    for (let index = 0; index < this.count; index++) {
      const slot = (this.start + index) % this.rowCap;
      segmentOfRow[index] = this.segmentOfSlot[slot];
      offsetOfRow[index] = this.offsetOfSlot[slot];
    }
    this.segments.forEach((segment, id) => segments.push([id, segment.shared]));
    this.pins++;
    let released = false;
    return {
      snapshot: {
        segments, segmentOfRow, offsetOfRow,
        shapesFrom: shapesKnown, shapes: this.shapes.slice(shapesKnown).map((shape) => shape.names),
        columnsFrom: columnsKnown, columnNames: this.columnNames.slice(columnsKnown),
      },
      release: () => {
        if (!released) {
          released = true;
          this.pins--;
        }
      },
    };
  }

  private grow(): void {
    const capacity = Math.min(this.rowCap, this.segmentOfSlot.length * 2);
    const segments = new Int32Array(capacity);
    const offsets = new Int32Array(capacity);
    segments.set(this.segmentOfSlot);
    offsets.set(this.offsetOfSlot);
    this.segmentOfSlot = segments;
    this.offsetOfSlot = offsets;
  }

  private release(slot: number): void {
    const id = this.segmentOfSlot[slot];
    const segment = this.segments.get(id) as Segment;
    segment.live--;
    if (segment.live === 0 && segment !== this.newest) {
      this.segments.delete(id);
      this.keepSpare(segment);
    }
  }

  private startSegment(bytes: number): Segment {
    if (this.newest !== undefined && this.newest.live === 0) {
      this.segments.delete(this.newestSegmentId);
      this.keepSpare(this.newest);
    }
    const shared = (bytes <= SEGMENT_BYTES ? this.spares.pop() : undefined) ?? new SharedArrayBuffer(bytes);
    const segment: Segment = { bytes: Buffer.from(shared), shared, used: 0, live: 0 };
    this.newestSegmentId++;
    this.segments.set(this.newestSegmentId, segment);
    this.newest = segment;
    return segment;
  }

  /**
   * Keeps a freed segment of the standard size for the next one: a table that drops its oldest rows frees a segment
   * as often as it starts one, and a new 4 MiB of external memory each time makes V8 run full collections.
   */
  private keepSpare(segment: Segment): void {
    if (this.pins === 0 && segment.bytes.length === SEGMENT_BYTES && this.spares.length < MAX_SPARE_SEGMENTS) {
      this.spares.push(segment.shared);
    }
  }

  private columnNumber(name: string): number {
    let number = this.columnNumbers.get(name);
    if (number === undefined) {
      number = this.columnNames.length;
      if (number >= MAX_COLUMNS) {
        throw new Error(`a table of the emulator holds at most ${MAX_COLUMNS} columns`);
      }
      this.columnNumbers.set(name, number);
      this.columnNames.push(name);
    }
    return number;
  }

  /**
   * Writes a row at the end of a segment; returns its offset, or -1 when it does not fit (nothing is kept). `inline`
   * writes each value's column number instead of the row's shape: for rows past the shapes a table numbers.
   */
  private encode(row: Row, segment: Segment, inline = false): number {
    const bytes = segment.bytes;
    const limit = bytes.length;
    const start = segment.used;
    if (start + 4 > limit) {
      return -1;
    }
    let shape: Shape | undefined = this.shapes[0];
    let offset = start + 4;
    for (const name in row) {
      const value = row[name];
      if (value === null || value === undefined) {
        continue;
      }
      if (inline) {
        if (offset + 2 > limit) {
          return -1;
        }
        bytes.writeUInt16LE(this.columnNumber(name), offset);
        offset += 2;
      } else {
        shape = this.nextShape(shape as Shape, name);
        if (shape === undefined) {
          return this.encode(row, segment, true);
        }
      }
      offset = writeValue(bytes, offset, value);
      if (offset < 0) {
        return -1;
      }
    }
    if (inline) {
      if (offset + 2 > limit) {
        return -1;
      }
      bytes.writeUInt16LE(END, offset);
      offset += 2;
    }
    bytes.writeUInt32LE(inline ? INLINE : (shape as Shape).id, start);
    segment.used = offset;
    return start;
  }

  /** The shape of `shape`'s names and `name`, or undefined when a new one would pass {@link MAX_SHAPES}. */
  private nextShape(shape: Shape, name: string): Shape | undefined {
    if (shape.lastName === name) {
      return shape.lastNext;
    }
    let next = shape.next.get(name);
    if (next === undefined) {
      if (this.shapes.length >= MAX_SHAPES) {
        return undefined;
      }
      next = new Shape(this.shapes.length, [...shape.names, name]);
      shape.next.set(name, next);
      this.shapes.push(next);
    }
    shape.lastName = name;
    shape.lastNext = next;
    return next;
  }
}

/** What a reader on another thread needs to decode the rows a table held at one moment; see {@link EncodedRows.snapshot}. */
export interface EncodedRowsSnapshot {
  /** The segments by id. */
  readonly segments: ReadonlyArray<readonly [number, SharedArrayBuffer]>;
  /** Each row's segment id and offset, oldest row first. */
  readonly segmentOfRow: Int32Array;
  readonly offsetOfRow: Int32Array;
  /** The names of the shapes numbered `shapesFrom`, `shapesFrom + 1`, ... */
  readonly shapesFrom: number;
  readonly shapes: ReadonlyArray<readonly string[]>;
  /** The column names numbered `columnsFrom`, ... (of rows written inline). */
  readonly columnsFrom: number;
  readonly columnNames: readonly string[];
}

/**
 * The rows of snapshots of one table, on the reader's side: it keeps the shapes and column names it was sent, so that
 * the next snapshot sends only the new ones.
 */
export class EncodedRowsReader {
  private readonly shapes: Shape[] = [];
  private readonly columnNames: string[] = [];

  /** Shapes and column names known: what the next snapshot starts from. */
  public get known(): { readonly shapes: number; readonly columns: number } {
    return { shapes: this.shapes.length, columns: this.columnNames.length };
  }

  /** The rows of a snapshot, oldest first, decoded as they are read. */
  public rows(snapshot: EncodedRowsSnapshot): Iterable<Row> {
    snapshot.shapes.forEach((names, index) => { this.shapes[snapshot.shapesFrom + index] = new Shape(snapshot.shapesFrom + index, names); });
    snapshot.columnNames.forEach((name, index) => { this.columnNames[snapshot.columnsFrom + index] = name; });
    const segments = new Map(snapshot.segments.map(([id, shared]) => [id, Buffer.from(shared)]));
    const { shapes, columnNames } = this;
    return {
      *[Symbol.iterator]() {
        for (let index = 0; index < snapshot.segmentOfRow.length; index++) {
          yield decodeRow(segments.get(snapshot.segmentOfRow[index]) as Buffer, snapshot.offsetOfRow[index], shapes, columnNames);
        }
      },
    };
  }
}

function decodeRow(bytes: Buffer, start: number, shapes: readonly Shape[], columnNames: readonly string[]): Row {
  const shapeId = bytes.readUInt32LE(start);
  const cursor = { offset: start + 4 };
  if (shapeId !== INLINE) {
    const shape = shapes[shapeId];
    const values: KqlValue[] = new Array(shape.names.length);
    for (let index = 0; index < values.length; index++) {
      values[index] = readValue(bytes, cursor);
    }
    return shape.row(values);
  }
  const row: Row = {};
  for (;;) {
    const column = bytes.readUInt16LE(cursor.offset);
    if (column === END) {
      return row;
    }
    cursor.offset += 2;
    row[columnNames[column]] = readValue(bytes, cursor);
  }
}

/** Writes a tag and a value; returns the offset after it, or -1 when it does not fit. */
function writeValue(bytes: Buffer, offset: number, value: Exclude<KqlValue, null>): number {
  // The largest fixed part: tag (1), length or float64 (8).
  if (offset + 9 > bytes.length) {
    return -1;
  }
  switch (typeof value) {
    case 'string':
      return writeText(bytes, offset, Tag.STRING, value);
    case 'number':
      bytes[offset] = Tag.NUMBER;
      bytes.writeDoubleLE(value, offset + 1);
      return offset + 9;
    case 'boolean':
      bytes[offset] = value ? Tag.TRUE : Tag.FALSE;
      return offset + 1;
    default:
      if (value instanceof Date) {
        bytes[offset] = Tag.DATETIME;
        bytes.writeDoubleLE(value.getTime(), offset + 1);
        return offset + 9;
      }
      if (value instanceof KqlTimespan) {
        bytes[offset] = Tag.TIMESPAN;
        bytes.writeDoubleLE(value.milliseconds, offset + 1);
        return offset + 9;
      }
      return writeText(bytes, offset, Tag.DYNAMIC, JSON.stringify(value));
  }
}

/** Node's own readers of Buffer, without the argument handling of `toString`. */
interface SliceReadable {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** Reads the tag and value at `cursor.offset`, and moves the cursor past them. */
function readValue(bytes: Buffer, cursor: { offset: number }): KqlValue {
  const offset = cursor.offset;
  const tag = bytes[offset];
  switch (tag) {
    case Tag.STRING:
    case Tag.DYNAMIC:
    case Tag.ASCII: {
      const length = bytes.readUInt32LE(offset + 1);
      const from = offset + 5;
      cursor.offset = from + length;
      const text = tag === Tag.ASCII ? (bytes as unknown as SliceReadable).latin1Slice(from, from + length)
        : (bytes as unknown as SliceReadable).utf8Slice(from, from + length);
      return tag === Tag.DYNAMIC ? JSON.parse(text) as KqlValue : text;
    }
    case Tag.NUMBER:
      cursor.offset = offset + 9;
      return bytes.readDoubleLE(offset + 1);
    case Tag.DATETIME:
      cursor.offset = offset + 9;
      return new Date(bytes.readDoubleLE(offset + 1));
    case Tag.TIMESPAN:
      cursor.offset = offset + 9;
      return new KqlTimespan(bytes.readDoubleLE(offset + 1));
    default:
      cursor.offset = offset + 1;
      return tag === Tag.TRUE;
  }
}

/** Node's own UTF-8 writer of Buffer (what `write(text, offset, 'utf8')` ends in, without its argument handling). */
interface Utf8Writable {
  utf8Write(text: string, offset: number): number;
}

/** Text up to this length is copied by a loop while it is ASCII, cheaper than a native call. */
const SHORT_TEXT = 24;

/** Writes a tag, a u32 length and the UTF-8 of `text`; returns the offset after it, or -1 when it does not fit. */
function writeText(bytes: Buffer, offset: number, tag: Tag, text: string): number {
  // A UTF-16 unit takes at most 3 bytes of UTF-8: short text needs no measuring.
  const room = bytes.length - offset - 5;
  if (text.length * 3 > room && Buffer.byteLength(text, 'utf8') > room) {
    return -1;
  }
  bytes[offset] = tag;
  const length = text.length;
  let written = -1;
  if (length <= SHORT_TEXT) {
    const base = offset + 5;
    let index = 0;
    for (; index < length; index++) {
      const code = text.charCodeAt(index);
      if (code >= 0x80) {
        break;
      }
      bytes[base + index] = code;
    }
    if (index === length) {
      written = length;
      if (tag === Tag.STRING) {
        bytes[offset] = Tag.ASCII;
      }
    }
  }
  if (written < 0) {
    written = (bytes as unknown as Utf8Writable).utf8Write(text, offset + 5);
  }
  bytes.writeUInt32LE(written, offset + 1);
  return offset + 5 + written;
}

/** The bytes a row takes encoded, or a little more (measured only when a row starts a segment). */
function upperBoundBytes(row: Row): number {
  let bytes = 2;
  for (const name in row) {
    const value = row[name];
    bytes += 16 + (typeof value === 'string' ? Buffer.byteLength(value, 'utf8')
      : value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof KqlTimespan)
        ? Buffer.byteLength(JSON.stringify(value), 'utf8') : 0);
  }
  return bytes;
}
