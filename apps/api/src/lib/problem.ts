import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * The problems this API answers with. Each kind declares its own status and title, so the
 * code that raises a problem only says which kind and what to fix. Schema errors, in the body,
 * the query or the path, all answer 422; a body that is not JSON at all answers 400.
 */
export const PROBLEM_KINDS = {
  'malformed-json': { status: 400, title: 'Malformed JSON' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not Found' },
  'method-not-allowed': { status: 405, title: 'Method Not Allowed' },
  conflict: { status: 409, title: 'Conflict' },
  'precondition-failed': { status: 412, title: 'Precondition Failed' },
  'payload-too-large': { status: 413, title: 'Content Too Large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported Media Type' },
  validation: { status: 422, title: 'Invalid request' },
  'precondition-required': { status: 428, title: 'Precondition Required' },
  'invalid-header': { status: 400, title: 'Invalid header' },
  internal: { status: 500, title: 'Internal Server Error' },
  unavailable: { status: 503, title: 'Service Unavailable' },
} as const satisfies Record<string, { status: ContentfulStatusCode; title: string }>;
export type ProblemKind = keyof typeof PROBLEM_KINDS;

/** The `type` URI of a problem kind: a stable, non-resolvable identifier (RFC 9457 3.1.1). */
export const problemType = (kind: ProblemKind): string => `urn:pokmas:problem:${kind}`;

export const ProblemIssueSchema = z
  .object({
    /** Where the fault is, as zod gives it: `["client", "needs", 0, "service"]`. */
    path: z.array(z.union([z.string(), z.number()])),
    /** The same place as a JSON Pointer: `/client/needs/0/service`. */
    pointer: z.string(),
    message: z.string(),
    code: z.string(),
  })
  .openapi('ProblemIssue');
export type ProblemIssue = z.infer<typeof ProblemIssueSchema>;

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: problemType('validation') }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    /** The request id, as in the `X-Request-Id` header, to quote when asking for help. */
    requestId: z.string().optional(),
    /** Present for validation problems: the fields at fault, the first `MAX_ISSUES` of them. */
    issues: z.array(ProblemIssueSchema).optional(),
    /** How many more issues were found than `issues` lists. */
    omittedIssues: z.number().int().optional(),
    /** A referral's refusal: the rule's reason code (`ineligible-age`, `no-capacity`, `invalid-transition`, ...). */
    code: z.string().optional(),
    /** With `invalid-transition`: the statuses the referral may move to now. */
    allowed: z.array(z.string()).optional(),
  })
  .openapi('Problem', { description: 'An RFC 9457 problem detail, served as application/problem+json' });
export type Problem = z.infer<typeof ProblemSchema>;

export interface ProblemExtras {
  issues?: readonly ProblemIssue[];
  /** Issues listed at most, `MAX_ISSUES` when absent: an import lists every row issue of a file. */
  maxIssues?: number;
  headers?: Record<string, string>;
  code?: string;
  allowed?: readonly string[];
}

/**
 * The one error the HTTP layer throws for an expected failure; `app.onError` turns it into a
 * problem+json response.
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(detail);
  }
}

/**
 * A problem tells what is wrong with the input without quoting it back whole: a 2 MiB body of
 * unknown keys once came back as a 4 MiB problem. It lists at most `MAX_ISSUES` issues (and
 * counts the others), and cuts any text that may hold input: a message beyond `MAX_MESSAGE`
 * characters (the longest the schemas write is under 300), a path segment beyond `MAX_SEGMENT`,
 * the detail beyond `MAX_DETAIL`.
 */
export const MAX_ISSUES = 20;
const MAX_MESSAGE = 500;
const MAX_SEGMENT = 64;
const MAX_DETAIL = 1000;

/** `text`, or its first `max` characters and an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Builds a problem+json response on the context (keeping headers already set on it). Problems
 * are never cached: they may describe a request that carried client data.
 */
export function problem(c: Context, kind: ProblemKind, detail: string, extras: ProblemExtras = {}): Response {
  const { status, title } = PROBLEM_KINDS[kind];
  const requestId = c.get('requestId') as string | undefined;
  const maxIssues = extras.maxIssues ?? MAX_ISSUES;
  const body: Problem = {
    type: problemType(kind),
    title,
    status,
    detail: clip(detail, MAX_DETAIL),
    ...(requestId ? { requestId } : {}),
    ...(extras.issues ? { issues: extras.issues.slice(0, maxIssues) } : {}),
    ...(extras.issues && extras.issues.length > maxIssues ? { omittedIssues: extras.issues.length - maxIssues } : {}),
    ...(extras.code === undefined ? {} : { code: extras.code }),
    ...(extras.allowed === undefined ? {} : { allowed: [...extras.allowed] }),
  };
  return c.body(JSON.stringify(body), status, { ...extras.headers, 'Content-Type': PROBLEM_CONTENT_TYPE, 'Cache-Control': 'no-store' });
}

/** `["client", "needs", 0]` as a JSON Pointer (RFC 6901). */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((part) => `/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** An issue as zod or the matcher gives it; zod's `unrecognized_keys` also carries the keys. */
interface SourceIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code: string;
  readonly keys?: readonly string[];
}

/**
 * Turns issues with paths (zod's or the matcher's) into problem issues, under `prefix`, each
 * bounded: zod's message for unknown keys quotes every key, so past the bound it is written
 * again from the keys, naming the first few (see {@link unrecognizedKeys}).
 */
export function toIssues(issues: readonly SourceIssue[], prefix: readonly (string | number)[] = []): ProblemIssue[] {
  return issues.map((issue) => {
    const path = [...prefix, ...issue.path.map((part) => (typeof part === 'number' ? part : clip(String(part), MAX_SEGMENT)))];
    const long = issue.message.length > MAX_MESSAGE;
    const message =
      long && issue.code === 'unrecognized_keys' && issue.keys ? unrecognizedKeys(issue.keys) : clip(issue.message, MAX_MESSAGE);
    return { path, pointer: toPointer(path), message, code: issue.code };
  });
}

/** Keys quoted in a message about unknown keys, at most, each to at most `MAX_QUOTED_KEY` characters. */
const MAX_QUOTED_KEYS = 5;
const MAX_QUOTED_KEY = 40;

/**
 * `Unrecognized keys: "a", "b"` as zod says it, but bounded: a body of a million unknown keys
 * is told about a few, and how many more there are.
 */
export function unrecognizedKeys(keys: readonly string[]): string {
  const shown = keys
    .slice(0, MAX_QUOTED_KEYS)
    .map((key) => JSON.stringify(key.length > MAX_QUOTED_KEY ? `${key.slice(0, MAX_QUOTED_KEY)}…` : key));
  const more = keys.length > MAX_QUOTED_KEYS ? ` and ${keys.length - MAX_QUOTED_KEYS} more` : '';
  return `Unrecognized key${keys.length === 1 ? '' : 's'}: ${shown.join(', ')}${more}`;
}

/** A one-line summary of the issues for `detail`: the first few, as `path: message`. */
export function summarise(issues: readonly ProblemIssue[]): string {
  const shown = issues.slice(0, 3).map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return `${shown.join('; ')}${more}`;
}

/** OpenAPI `responses` entries for the problems a route can answer with. */
export function problemResponses<const S extends readonly ProblemKind[]>(...kinds: S) {
  const descriptions: Record<ProblemKind, string> = {
    'malformed-json': 'The body is not valid JSON',
    unauthorized: 'A bearer token of an account is required and was missing, unknown or revoked',
    forbidden: "The signed-in account's role or scope does not cover this; `detail` names the role needed",
    'not-found': 'No such resource',
    'method-not-allowed': 'The path exists but not with this method',
    conflict: 'The resource exists already (a partner id that is taken)',
    'precondition-failed':
      'If-Match names no current ETag of the partner: it changed since it was read; `detail` gives the current ETag, as does the ETag header',
    'precondition-required': 'The change needs If-Match with the ETag of the partner as last read (GET /v1/partners/{id})',
    'invalid-header': 'A header is not in the form the route takes (If-Match: "*" or a list of quoted ETags)',
    'payload-too-large': 'The body is larger than the limit',
    'unsupported-media-type': 'The body is not sent in the media type the route takes (application/json unless the route says otherwise)',
    validation: 'The body, query or path does not match the schema; `issues` lists every field at fault',
    internal: 'An unexpected error on the server',
    unavailable: 'The server is busy with as much heavy work as it holds; retry after the seconds `Retry-After` gives',
  };
  return Object.fromEntries(
    kinds.map((kind) => [
      PROBLEM_KINDS[kind].status,
      { description: descriptions[kind], content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } },
    ]),
  ) as {
    [K in S[number] as (typeof PROBLEM_KINDS)[K]['status']]: {
      description: string;
      content: { 'application/problem+json': { schema: typeof ProblemSchema } };
    };
  };
}
