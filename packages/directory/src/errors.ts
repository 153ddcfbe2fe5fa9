export const DIRECTORY_ERROR_CODES = ['UNKNOWN_REGENCY', 'UNKNOWN_BAPAS', 'NO_LOCATION'] as const;
export type DirectoryErrorCode = (typeof DIRECTORY_ERROR_CODES)[number];

/**
 * A location could not be resolved: an unknown regency code or Bapas id (the message names
 * it), or nothing to resolve from.
 *
 * @example
 * try { directory.resolveLocation({ regencyCode: '99.99' }) } catch (error) {
 *   if (error instanceof DirectoryError) console.error(error.code, error.field) // UNKNOWN_REGENCY regencyCode
 * }
 */
export class DirectoryError extends Error {
  override readonly name = 'DirectoryError';
  readonly code: DirectoryErrorCode;
  /** The input field at fault: `regencyCode`, `bapasId`, or `location` for NO_LOCATION. */
  readonly field: string;

  constructor(code: DirectoryErrorCode, field: string, message: string) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

/**
 * One problem in a registry file. `row` is the spreadsheet row number for CSV (the header is
 * row 1, so the first partner is row 2) and the 1-based position in the list for JSON; 0 for a
 * problem with the file as a whole (bad JSON, a missing column).
 */
export interface RegistryIssue {
  row: number;
  /** The CSV column or the JSON path (`offerings.0.service`) at fault; empty for the whole row or file. */
  field: string;
  message: string;
  /** Which list the row belongs to: `partners` (the default), `pokmas` (JSON), or `file`. */
  section?: 'partners' | 'pokmas' | 'file';
}

/** `row 4, kind: ...`: where the problem is and what to do about it. */
export function formatRegistryIssue(issue: RegistryIssue): string {
  const where = issue.section === 'file' || issue.row === 0 ? 'file' : `${issue.section === 'pokmas' ? 'pokmas ' : ''}row ${issue.row}`;
  return issue.field ? `${where}, ${issue.field}: ${issue.message}` : `${where}: ${issue.message}`;
}

const MESSAGE_ISSUES = 5;

/**
 * A registry file was refused: every issue found, all at once. Nothing of the file was loaded.
 *
 * @example
 * try { await loadRegistryFile('partners.csv') } catch (error) {
 *   if (error instanceof RegistryError) for (const issue of error.issues) console.error(formatRegistryIssue(issue))
 * }
 */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  readonly issues: RegistryIssue[];
  readonly file?: string;

  constructor(issues: RegistryIssue[], file?: string) {
    const shown = issues.slice(0, MESSAGE_ISSUES).map(formatRegistryIssue).join('; ');
    const more = issues.length > MESSAGE_ISSUES ? `; and ${issues.length - MESSAGE_ISSUES} more` : '';
    const count = `${issues.length} problem${issues.length === 1 ? '' : 's'}`;
    super(`${file ? `${file}: ` : ''}registry refused, ${count}: ${shown}${more}`);
    this.issues = issues;
    if (file !== undefined) this.file = file;
  }
}
