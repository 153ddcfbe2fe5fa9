import { expect } from 'vitest';
import type { createApp } from '../../src/app';

type App = ReturnType<typeof createApp>;

export const FORM_HEADERS = { 'Content-Type': 'application/x-www-form-urlencoded' } as const;

/** A cookie the response sets, as a request sends it back (`name=value`). */
export const cookieOf = (res: Response, name: string): string | undefined =>
  res.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith(`${name}=`))
    ?.split(';')[0];

/** The first hidden CSRF field of a page (the sign-in form's, or a session's on any changing form). */
export const csrfOf = (html: string): string | undefined => /name="csrf" value="([^"]+)"/.exec(html)?.[1];

/** Signs in through the form, as a browser does, and answers the session cookie (`pokmas_session=...`). */
export async function signInAs(app: App, login: string, password: string): Promise<string> {
  const form = await app.request('/sign-in');
  const res = await app.request('/sign-in', {
    method: 'POST',
    headers: { ...FORM_HEADERS, Cookie: cookieOf(form, 'pokmas_sign_in')! },
    body: new URLSearchParams({ csrf: csrfOf(await form.text())!, login, password }).toString(),
  });
  expect(res.status).toBe(303);
  return cookieOf(res, 'pokmas_session')!;
}

/** A browser's form post: fields in order, repeated names kept. */
export const postForm = (pairs: ReadonlyArray<readonly [string, string]>, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { ...FORM_HEADERS, ...headers },
  body: new URLSearchParams(pairs.map(([name, value]) => [name, value])).toString(),
});
