import Papa from 'papaparse';

/**
 * A text a spreadsheet would run as a formula when it opens the file: one that begins with `=`,
 * `+`, `-`, `@`, a tab or a carriage return (OWASP's list, as papaparse's `escapeFormulae`
 * uses), here also behind any number of apostrophes. Those texts get one apostrophe more, so
 * that taking one off gives back every text written, including one that began with `'=`.
 *
 * Papaparse's own default (`escapeFormulae: true`, `/^[=+\-@\t\r].*$/`) misses a text with a
 * line break after its first line (`.` stops at the break and `$` asks for the end of the text),
 * so the pattern is given here, without the tail.
 */
const FORMULA = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

/** A cell's value: text is guarded, numbers and booleans are written as they are, null and undefined as a blank cell. */
export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Between rows and after the last one; `\r\n` (RFC 4180) unless given. */
  readonly newline?: '\n' | '\r\n';
}

/**
 * Writes a table as CSV (RFC 4180 quoting) that a spreadsheet opens without running anything:
 * a text cell that would start a formula gets a leading apostrophe, which Excel and LibreOffice
 * show as text. Numbers stay numbers (`-6.9175` is written as it is), so give numeric cells as
 * numbers, not as strings. The registry reader takes the apostrophe off again.
 *
 * @example
 * writeCsv(['name', 'lat'], [['=1+1', -6.9175]]) // 'name,lat\r\n"\'=1+1",-6.9175\r\n'
 */
export function writeCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const newline = options.newline ?? '\r\n';
  // Rows as arrays, the header the first of them: given as `fields`, an empty `data` would be
  // written as one blank row.
  const text = Papa.unparse([[...header], ...rows.map((row) => [...row])], { newline, escapeFormulae: FORMULA });
  return `${text}${newline}`;
}

/**
 * A cell as it was before {@link writeCsv} guarded it: one leading apostrophe off a cell that
 * begins with apostrophes before a formula character, any other cell as it is (`'s-Hertogenbosch`).
 */
export function unguardCsvCell(cell: string): string {
  return GUARDED.test(cell) ? cell.slice(1) : cell;
}
