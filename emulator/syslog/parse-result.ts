/**
 * What a parser of the syslog/CEF pipeline returns: a value and the index where parsing stopped, or a failure that
 * says where and what was expected. Parsers return it and never throw on bad input (STYLE.md, "Parsers: small pure
 * functions").
 */
export type ParseResult<T> = ParseSuccess<T> | ParseFailure;

/** A parsed value. */
export interface ParseSuccess<T> {
  readonly ok: true;
  readonly value: T;
  /** Index in the input just after the text that was parsed. */
  readonly next: number;
}

/** Bad input: where the parser gave up and what it expected there. */
export interface ParseFailure {
  readonly ok: false;
  /** Index in the input where the parser gave up. */
  readonly position: number;
  /** What the parser expected at `position`, in words (`"<PRI> with PRI from 0 to 191"`). */
  readonly expected: string;
}

/** A success with its value and the index after the parsed text. */
export function parsed<T>(value: T, next: number): ParseSuccess<T> {
  return { ok: true, value, next };
}

/** A failure at `position`, naming what was expected there. */
export function failed(position: number, expected: string): ParseFailure {
  return { ok: false, position, expected };
}
