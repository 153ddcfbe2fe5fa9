import type { z } from 'zod';

/**
 * `INVALID_*`: the input named is refused by its schema. `PARTNERS_CHANGED`: a partner object a
 * matcher keeps was changed after `createMatcher` indexed it. `ALLOCATION_UNPROVEN`: not the
 * caller's fault but a bug: the solver's allocation failed the optimality certificate that
 * checks it, so none is returned.
 */
export const MATCHER_ERROR_CODES = [
  'INVALID_CLIENT',
  'INVALID_PARTNERS',
  'INVALID_OPTIONS',
  'INVALID_CLIENTS',
  'PARTNERS_CHANGED',
  'ALLOCATION_UNPROVEN',
] as const;
export type MatcherErrorCode = (typeof MATCHER_ERROR_CODES)[number];

/** One problem with the input, with the path of the field at fault. */
export interface MatcherIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code: string;
}

/**
 * The one error the matcher throws: bad input, with every issue found and the path of each
 * field at fault. Messages say where and what is wrong; of the input they repeat at most a
 * value listed twice (a service, a mode, a place id), never a client's or a partner's id, a
 * location or free text.
 *
 * @example
 * try { recommend(client, partners) } catch (error) {
 *   if (error instanceof MatcherError) console.error(error.code, error.issues)
 * }
 */
export class MatcherError extends Error {
  override readonly name = 'MatcherError';
  readonly code: MatcherErrorCode;
  readonly issues: readonly MatcherIssue[];

  constructor(code: MatcherErrorCode, issues: readonly MatcherIssue[], message?: string) {
    super(message ?? `${code}: ${issues.map(formatIssue).join('; ')}`);
    this.code = code;
    this.issues = issues;
  }

  /** Wraps zod issues, prefixing each path with where the value sat (`['partners']`, ...). */
  static fromZod(code: MatcherErrorCode, error: z.ZodError, prefix: readonly PropertyKey[] = []): MatcherError {
    return new MatcherError(
      code,
      error.issues.map((issue) => ({ path: [...prefix, ...issue.path], message: issue.message, code: issue.code })),
    );
  }
}

/** `needs.0.service: Invalid option ...`: a path and a message a person can act on. */
export function formatIssue(issue: MatcherIssue): string {
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Parses `input` with `schema`, or throws `code` with every issue, its path under `prefix`. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, code: MatcherErrorCode, prefix: readonly PropertyKey[]): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw MatcherError.fromZod(code, parsed.error, prefix);
  return parsed.data;
}
