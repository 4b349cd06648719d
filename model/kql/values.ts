/**
 * Values of rows, as the emulator stores them and the KQL evaluator reads and writes them.
 *
 * | KQL type            | JavaScript value                                   |
 * |---------------------|----------------------------------------------------|
 * | string, guid        | string                                             |
 * | int, long, real     | number (long beyond 2^53 loses precision)          |
 * | bool                | boolean                                            |
 * | datetime            | Date                                               |
 * | timespan            | {@link KqlTimespan}                                |
 * | dynamic             | plain JSON: object, array, string, number, boolean |
 * | any type, no value  | null                                               |
 */

/** A KQL timespan, in milliseconds (KQL's tick is 100 ns; sub-millisecond precision is kept as a fraction). */
export class KqlTimespan {
  constructor(public readonly milliseconds: number) {}

  /** KQL's text form, `[-][d.]hh:mm:ss[.fffffff]`, as the query API returns timespans. */
  public toString(): string {
    const sign = this.milliseconds < 0 ? '-' : '';
    let rest = Math.abs(this.milliseconds);
    const days = Math.floor(rest / 86_400_000);
    rest -= days * 86_400_000;
    const hours = Math.floor(rest / 3_600_000);
    rest -= hours * 3_600_000;
    const minutes = Math.floor(rest / 60_000);
    rest -= minutes * 60_000;
    const seconds = Math.floor(rest / 1000);
    const fraction = Math.round((rest - seconds * 1000) * 10_000);
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${sign}${days > 0 ? `${days}.` : ''}${pad(hours)}:${pad(minutes)}:${pad(seconds)}`
      + (fraction > 0 ? `.${String(fraction).padStart(7, '0')}` : '');
  }
}

/** A dynamic value: parsed JSON. */
export type KqlDynamic = { readonly [key: string]: unknown } | readonly unknown[] | string | number | boolean;

/** One value of a row. */
export type KqlValue = string | number | boolean | Date | KqlTimespan | KqlDynamic | null;

/** A row: column name to value; a missing column reads as null. */
export type Row = Record<string, KqlValue>;

/** A column of a result, with its KQL type name (`string`, `long`, `datetime`, `dynamic`, `bool`, ...). */
export interface ResultColumn {
  readonly name: string;
  readonly type: string;
}
