import { ProblemError } from './problem';

/**
 * A partner's ETag: strong, its store version quoted (`"3"`). Strong, because If-Match compares
 * strongly (RFC 9110 13.1.1): a weak tag never matches. The version rises with every change of
 * the partner, so one tag names one representation.
 */
export const etagOf = (version: number): string => `"${version}"`;

/** One entity-tag of a list: optional `W/`, then a quoted string of etagc characters. */
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;

/**
 * The partner version a write is conditioned on, from If-Match and the current version.
 * `*` matches the current version; a list (`"2", "3"`) matches when one strong tag in it is
 * the current one. Answers the current version on a match, undefined when nothing matches.
 *
 * @throws ProblemError 428 without If-Match, 400 for a header that is not `*` or a list of tags.
 */
export function matchIfMatch(header: string | undefined, current: number, what: 'partner' | 'referral' = 'partner'): number | undefined {
  if (header === undefined || header.trim() === '') {
    throw new ProblemError(
      'precondition-required',
      `This change needs the header If-Match with the ${what}'s ETag as last read; it is now ${etagOf(current)}.`,
    );
  }
  const value = header.trim();
  if (value === '*') return current;
  const tags = value.split(',').map((part) => part.trim());
  const parsed = tags.map((tag) => ENTITY_TAG.exec(tag));
  if (parsed.some((match) => match === null)) {
    throw new ProblemError('invalid-header', 'If-Match takes "*" or a list of quoted ETags, such as "3" or "2", "3".');
  }
  // Strong comparison: a weak tag matches nothing.
  return parsed.some((match) => match![1] === undefined && match![2] === String(current)) ? current : undefined;
}

export function preconditionFailed(current: number, what: 'partner' | 'referral' = 'partner'): ProblemError {
  return new ProblemError(
    'precondition-failed',
    `The ${what} changed since it was read: its ETag is now ${etagOf(current)}. Fetch it again and repeat the change on it.`,
    { headers: { ETag: etagOf(current) } },
  );
}
