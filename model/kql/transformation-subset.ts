/**
 * The KQL that a data collection rule transformation accepts (Azure Monitor, "Supported KQL features in
 * Azure Monitor transformations"). A transformation runs per record: anything not listed is refused.
 */

/** Tabular operators a transformation may use, by the language service's syntax node class. */
export const SUPPORTED_QUERY_OPERATORS: ReadonlyMap<string, string> = new Map([
  ['FilterOperator', 'where'],
  ['ExtendOperator', 'extend'],
  ['ProjectOperator', 'project'],
  ['ProjectAwayOperator', 'project-away'],
  ['ProjectRenameOperator', 'project-rename'],
  ['ParseOperator', 'parse'],
  ['PrintOperator', 'print'],
]);

/** At most this many columns per `parse` statement. */
export const MAX_PARSE_COLUMNS = 10;

/** At most this many characters per transformation (Azure Monitor DCR limits). */
export const MAX_TRANSFORMATION_CHARACTERS = 15_360;

/**
 * Scalar functions a transformation may call: the documented list, plus the aliases Kusto documents as the same
 * function (`iff` for `iif`, `floor` for `bin`, `toreal` for `todouble`, `todynamic` for `parse_json`, `toboolean`
 * for `tobool`, `bag_pack` for `pack`, `notempty` for `isnotempty`, `notnull` for `isnotnull`; Microsoft's DCRs use
 * `todynamic`) and `not`, which real Microsoft DCRs use.
 */
export const SUPPORTED_SCALAR_FUNCTIONS: ReadonlySet<string> = new Set([
  // bitwise
  'binary_and', 'binary_or', 'binary_not', 'binary_shift_left', 'binary_shift_right', 'binary_xor',
  // conversion
  'tobool', 'toboolean', 'todatetime', 'todouble', 'toreal', 'todynamic', 'toguid', 'toint', 'tolong', 'tostring', 'totimespan',
  // datetime and timespan
  'ago', 'datetime_add', 'datetime_diff', 'datetime_part', 'dayofmonth', 'dayofweek', 'dayofyear', 'endofday',
  'endofmonth', 'endofweek', 'endofyear', 'getmonth', 'getyear', 'hourofday', 'make_datetime', 'make_timespan',
  'now', 'startofday', 'startofmonth', 'startofweek', 'startofyear', 'weekofyear',
  // dynamic and arrays
  'array_concat', 'array_length', 'pack_array', 'pack', 'bag_pack', 'parse_json', 'parse_xml', 'zip',
  // math
  'abs', 'bin', 'floor', 'ceiling', 'exp', 'exp10', 'exp2', 'isfinite', 'isinf', 'isnan', 'log', 'log10', 'log2',
  'pow', 'round', 'sign',
  // conditional
  'case', 'iif', 'iff', 'max_of', 'min_of', 'not',
  // string
  'base64_encodestring', 'base64_decodestring', 'countof', 'extract', 'extract_all', 'indexof', 'isempty',
  'isnotempty', 'notempty', 'split', 'strcat', 'strcat_delim', 'strlen', 'substring', 'tolower', 'toupper', 'hash_sha256',
  // type
  'gettype', 'isnotnull', 'notnull', 'isnull',
  // tabular helper and transformation-only functions
  'columnifexists', 'parse_cef_dictionary', 'geo_location',
]);

/** Names that the documentation asks to spell differently, with the spelling a transformation accepts. */
export const TRANSFORMATION_SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['column_ifexists', 'columnifexists'],
  ['base64_encode_tostring', 'base64_encodestring'],
  ['base64_decode_tostring', 'base64_decodestring'],
]);
