import type { Store } from '@pokmas/store';
import { addAccount } from '../fixtures';

/**
 * Who is asking, by a real account and bearer token: `signInAll(store)` creates an account for
 * each of the people below in the app's store (which ends the open demo mode), `asPrincipal()`
 * picks one, and `authed(init)` adds that person's token to a request.
 *
 * @example
 * await signInAll(t.store);
 * asPrincipal(BAPAS_026_ADMIN);
 * await t.app.request('/v1/partners/P-001', authed({ method: 'PATCH', ... }));
 */
export interface TestPerson {
  readonly login: string;
  readonly role: 'admin' | 'bapas-admin' | 'counsellor' | 'partner' | 'planner';
  readonly bapasId?: string;
  readonly partnerId?: string;
}

export const ADMIN: TestPerson = { login: 'root', role: 'admin' };
export const BAPAS_026_ADMIN: TestPerson = { login: 'ani', role: 'bapas-admin', bapasId: '026' };
export const BAPAS_001_ADMIN: TestPerson = { login: 'budi', role: 'bapas-admin', bapasId: '001' };
export const COUNSELLOR_026: TestPerson = { login: 'citra', role: 'counsellor', bapasId: '026' };
export const PLANNER: TestPerson = { login: 'dewi', role: 'planner' };
export const PARTNER_001: TestPerson = { login: 'p001', role: 'partner', partnerId: 'P-001' };
export const PARTNER_002: TestPerson = { login: 'p002', role: 'partner', partnerId: 'P-002' };

const PEOPLE = [ADMIN, BAPAS_026_ADMIN, BAPAS_001_ADMIN, COUNSELLOR_026, PLANNER, PARTNER_001, PARTNER_002];

let tokens = new Map<string, string>();
let current: TestPerson = ADMIN;

/** Creates every person's account and token in `store`; the tokens of an earlier store are forgotten. */
export async function signInAll(store: Store): Promise<void> {
  tokens = new Map();
  for (const { login, role, bapasId, partnerId } of PEOPLE) {
    const scope = { ...(bapasId === undefined ? {} : { bapasId }), ...(partnerId === undefined ? {} : { partnerId }) };
    tokens.set(login, (await addAccount(store, login, role, scope)).token);
  }
}

export function asPrincipal(person: TestPerson): void {
  current = person;
}

/** `init` with the bearer token of the person `asPrincipal` chose last. */
export function authed(init: RequestInit = {}): RequestInit {
  const token = tokens.get(current.login);
  if (!token) throw new Error(`no token for ${current.login}: call signInAll(store) first`);
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return { ...init, headers };
}

/** `init` with the bearer token of `person`, whoever `asPrincipal` chose. */
export function withToken(person: TestPerson, init: RequestInit = {}): RequestInit {
  const chosen = current;
  current = person;
  try {
    return authed(init);
  } finally {
    current = chosen;
  }
}
