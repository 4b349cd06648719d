/** One record of a CSV file, with the line it starts on. */
export interface CsvRecord {
  /** 1-based line of the record's first character. */
  readonly line: number;
  readonly fields: readonly string[];
}

/** The records of a CSV text, or where it is malformed. */
export type CsvParseResult =
  | { readonly records: CsvRecord[] }
  | { readonly problem: { readonly line: number; readonly column: number; readonly message: string } };

/**
 * Reads CSV as RFC 4180 writes it (what Excel and the Sentinel portal export): comma-separated fields, fields in
 * double quotes may hold commas, line breaks and `""` for a quote; CRLF or LF line ends; a leading BOM is dropped.
 * Blank lines are skipped.
 */
export function parseCsv(text: string): CsvParseResult {
  const input = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let column = 0;
  let recordLine = 1;
  let quoted = false;
  let fieldStarted = false;
  const endField = () => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) {
      records.push({ line: recordLine, fields });
    }
    fields = [];
  };
  for (let index = 0; index < input.length; index++) {
    const character = input[index];
    column++;
    if (quoted) {
      if (character === '"' && input[index + 1] === '"') {
        field += '"';
        index++;
        column++;
      } else if (character === '"') {
        quoted = false;
        const next = input[index + 1];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          return { problem: { line, column: column + 1, message: 'a closing quote must end the field; write a quote inside a quoted field as ""' } };
        }
      } else {
        if (character === '\n') {
          line++;
          column = 0;
        }
        field += character;
      }
      continue;
    }
    if (character === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (character === '"') {
      return { problem: { line, column, message: 'a quote inside an unquoted field; quote the whole field and write the quote as ""' } };
    } else if (character === ',') {
      endField();
    } else if (character === '\r' && input[index + 1] === '\n') {
      continue;
    } else if (character === '\n') {
      endRecord();
      line++;
      column = 0;
      recordLine = line;
    } else {
      field += character;
      fieldStarted = true;
    }
  }
  if (quoted) {
    return { problem: { line, column, message: 'the file ends inside a quoted field; close the quote' } };
  }
  endRecord();
  return { records };
}
