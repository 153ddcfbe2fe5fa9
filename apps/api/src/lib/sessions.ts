import { randomBytes } from 'node:crypto';
import type { Principal } from './access';

/** How long a page session lives without a request. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** The most sessions held at once: beyond it the least recently used goes first. */
export const MAX_SESSIONS = 10_000;

export interface Session {
  readonly id: string;
  readonly principal: Principal;
  /** The synchroniser token every changing form of this session carries. */
  readonly csrf: string;
  lastSeen: number;
}

const randomId = (): string => randomBytes(32).toString('base64url');

/**
 * The page sessions, held in this process's memory: they do not survive a restart and do not
 * span instances (behind a load balancer, pin a browser to one instance, or sign in again).
 * A session ends after `idleMs` without a request, at sign-out, or when evicted as the
 * least recently used of `MAX_SESSIONS`.
 */
export class SessionStore {
  // A Map iterates in insertion order: re-inserting on each use keeps the oldest first.
  readonly #sessions = new Map<string, Session>();

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly idleMs: number = SESSION_IDLE_MS,
  ) {}

  create(principal: Principal): Session {
    const session: Session = { id: randomId(), principal, csrf: randomId(), lastSeen: this.clock() };
    this.#sessions.set(session.id, session);
    for (const oldest of this.#sessions.keys()) {
      if (this.#sessions.size <= MAX_SESSIONS) break;
      this.#sessions.delete(oldest);
    }
    return session;
  }

  /** The live session with this id, its idle time restarted; undefined when unknown or expired. */
  touch(id: string | undefined): Session | undefined {
    if (id === undefined) return undefined;
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    this.#sessions.delete(id);
    const now = this.clock();
    if (now - session.lastSeen > this.idleMs) return undefined;
    session.lastSeen = now;
    this.#sessions.set(id, session);
    return session;
  }

  end(id: string): void {
    this.#sessions.delete(id);
  }
}

/** A random value for the sign-in form's double-submit cookie. */
export const newCsrfToken = randomId;
