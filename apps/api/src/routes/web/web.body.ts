import type { HonoRequest } from 'hono';
import type { BodyError } from '../../views/i18n';
import type { FormBody } from './web.form';

/** The media types a browser posts a `<form method="post">` as; the page takes no other. */
export const FORM_MEDIA_TYPES: readonly string[] = ['application/x-www-form-urlencoded', 'multipart/form-data'];

export type BodyOutcome = { success: true; body: FormBody } | { success: false; error: BodyError };

/**
 * Reads a posted form, repeated names as arrays. A body not sent as a form (no `Content-Type`
 * included), or one that cannot be read as the form it claims to be (multipart without its
 * boundary, broken parts), is an expected failure: a value, for the page to answer 415 or 400.
 * An empty form is a form, with every field missing.
 */
export async function readFormBody(request: HonoRequest): Promise<BodyOutcome> {
  const mediaType = request.header('Content-Type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!FORM_MEDIA_TYPES.includes(mediaType)) return { success: false, error: 'unsupported-media-type' };
  try {
    return { success: true, body: await request.parseBody({ all: true }) };
  } catch {
    // The platform's form parser throws a TypeError on a body that is not the form its type says.
    return { success: false, error: 'unreadable' };
  }
}
