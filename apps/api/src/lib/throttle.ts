/** Failed sign-ins allowed per login within the window. */
export const FAILURES_PER_LOGIN = 5;
/** Failed sign-ins allowed per address within the window (an office may share one). */
export const FAILURES_PER_ADDRESS = 20;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** The most keys tracked: expired windows are pruned, and past it the oldest go first. */
const MAX_KEYS = 50_000;

interface Window {
  start: number;
  failures: number;
}

/**
 * Counts failed sign-ins per login and per address in fixed windows, in memory (per instance).
 * A key over its limit is refused, without checking the password, until its window ends.
 */
export class SignInThrottle {
  readonly #windows = new Map<string, Window>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** Seconds until a sign-in for this login from this address may be tried; 0 when it may now. */
  retryAfter(login: string, address: string): number {
    const now = this.clock();
    const wait = (key: string, limit: number) => {
      const window = this.#live(key, now);
      return window && window.failures >= limit ? Math.ceil((window.start + THROTTLE_WINDOW_MS - now) / 1000) : 0;
    };
    return Math.max(wait(loginKey(login), FAILURES_PER_LOGIN), wait(addressKey(address), FAILURES_PER_ADDRESS));
  }

  fail(login: string, address: string): void {
    const now = this.clock();
    for (const key of [loginKey(login), addressKey(address)]) {
      const window = this.#live(key, now) ?? { start: now, failures: 0 };
      window.failures += 1;
      this.#windows.set(key, window);
    }
    if (this.#windows.size > MAX_KEYS) this.#prune(now);
  }

  /** A good password clears its login's count (not its address's: one address may try many logins). */
  succeed(login: string): void {
    this.#windows.delete(loginKey(login));
  }

  #live(key: string, now: number): Window | undefined {
    const window = this.#windows.get(key);
    if (window && now - window.start >= THROTTLE_WINDOW_MS) {
      this.#windows.delete(key);
      return undefined;
    }
    return window;
  }

  #prune(now: number): void {
    for (const [key, window] of this.#windows) if (now - window.start >= THROTTLE_WINDOW_MS) this.#windows.delete(key);
    for (const key of this.#windows.keys()) {
      if (this.#windows.size <= MAX_KEYS) break;
      this.#windows.delete(key);
    }
  }
}

// Logins are compared as the store does (lower case); the prefixes keep a login from posing as an address.
const loginKey = (login: string) => `login:${login.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
