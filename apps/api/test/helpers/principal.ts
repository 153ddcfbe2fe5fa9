import type { Principal } from '../../src/lib/access';

/**
 * Until sign-in sets the principal from a token, a test picks who is asking: the app's open-demo
 * principal is replaced (by vi.mock in the test file) with one that reads `as()`'s choice.
 *
 * @example
 * vi.mock('../src/lib/access', async (actual) => (await import('./helpers/principal')).withTestPrincipal(await actual()));
 * asPrincipal(BAPAS_026_ADMIN);
 */
let current: Principal = { login: null, role: 'admin', via: 'open' };

export function asPrincipal(principal: Principal): void {
  current = principal;
}

export function withTestPrincipal<T extends { OPEN_DEMO_PRINCIPAL: Principal }>(actual: T): T {
  const principal = new Proxy({} as Principal, {
    get: (_, key) => current[key as keyof Principal],
    has: (_, key) => key in current,
    ownKeys: () => Reflect.ownKeys(current),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(current, key),
  });
  return { ...actual, OPEN_DEMO_PRINCIPAL: principal };
}

export const ADMIN: Principal = { login: 'root', role: 'admin', via: 'token' };
export const BAPAS_026_ADMIN: Principal = { login: 'ani', role: 'bapas-admin', bapasId: '026', via: 'token' };
export const BAPAS_001_ADMIN: Principal = { login: 'budi', role: 'bapas-admin', bapasId: '001', via: 'token' };
export const COUNSELLOR_026: Principal = { login: 'citra', role: 'counsellor', bapasId: '026', via: 'token' };
export const PLANNER: Principal = { login: 'dewi', role: 'planner', via: 'token' };
export const PARTNER_001: Principal = { login: 'p001', role: 'partner', partnerId: 'P-001', via: 'token' };
export const PARTNER_002: Principal = { login: 'p002', role: 'partner', partnerId: 'P-002', via: 'token' };
