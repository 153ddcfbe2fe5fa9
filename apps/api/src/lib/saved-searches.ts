import { randomBytes } from 'node:crypto';

/** How long a search's results can be reopened. */
export const SEARCH_TTL_MS = 30 * 60 * 1000;
/** The most searches held at once, over every owner: beyond it the oldest goes first. */
export const MAX_SAVED_SEARCHES = 20_000;

/** Whether `value` has the shape of a saved search's id (never any other path or text). */
export const isSearchId = (value: string | undefined): value is string => value !== undefined && /^[A-Za-z0-9_-]{16,64}$/.test(value);

interface Entry<T> {
  readonly owner: string;
  readonly value: T;
  readonly savedAt: number;
}

/**
 * The searches behind the results pages, so that a results page has an address of its own
 * (Back and reload work, with no "confirm resubmission") while no client detail is ever in a URL:
 * the address holds a random id; the search is held in this process's memory for at most
 * `SEARCH_TTL_MS`, for its owner only (the page session, or the open demo mode), and then
 * forgotten. Nothing is written to disk or logged; a restart forgets every search.
 */
export class SavedSearches<T> {
  // A Map iterates in insertion order: the oldest first.
  readonly #entries = new Map<string, Entry<T>>();

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly ttlMs: number = SEARCH_TTL_MS,
  ) {}

  /** Holds `value` for `owner` and answers its id. */
  save(owner: string, value: T): string {
    const now = this.clock();
    this.#sweep(now);
    const id = randomBytes(18).toString('base64url');
    this.#entries.set(id, { owner, value, savedAt: now });
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= MAX_SAVED_SEARCHES) break;
      this.#entries.delete(oldest);
    }
    return id;
  }

  /** The search, if `owner` saved it less than the time to live ago; undefined otherwise. */
  get(owner: string, id: string): T | undefined {
    const entry = this.#entries.get(id);
    if (!entry || entry.owner !== owner) return undefined;
    if (this.clock() - entry.savedAt > this.ttlMs) {
      this.#entries.delete(id);
      return undefined;
    }
    return entry.value;
  }

  /** Forgets every search of `owner` (at sign-out). */
  forget(owner: string): void {
    for (const [id, entry] of this.#entries) if (entry.owner === owner) this.#entries.delete(id);
  }

  /** How many searches are held (for tests). */
  get size(): number {
    return this.#entries.size;
  }

  #sweep(now: number): void {
    for (const [id, entry] of this.#entries) {
      if (now - entry.savedAt <= this.ttlMs) break;
      this.#entries.delete(id);
    }
  }
}
