import { MAX_NEEDS } from '../schemas/client';
import { SERVICE_IDS, type ServiceId } from '../taxonomy';

/*
 * The search keeps what it knows of a partner in 32-bit words.
 *
 * A query's word, for the partners offering several of its needs (in the search's `hot`) and
 * for those set aside for step 3: the partner's furthest stage (bits 0-7), the priorities it
 * meets remotely (8-15) and those it would meet within reach (16-23).
 *
 * A partner's fixed word (the search's `stat`): its partner code above bit 16, and below it
 * one bit per service it offers (`SERVICE_BIT`).
 */
export const STAGE_MASK = 0xff;
export const REMOTE_SHIFT = 8;
export const REACHED_SHIFT = 16;
export const CODE_SHIFT = 16;

/** The priorities a query's word says are met remotely. */
export const remoteOf = (word: number): number => (word >>> REMOTE_SHIFT) & 0xff;
/** The priorities a query's word says are met within reach. */
export const reachedOf = (word: number): number => (word >>> REACHED_SHIFT) & 0xff;

export const SERVICE_BIT: ReadonlyMap<ServiceId, number> = new Map(SERVICE_IDS.map((service, index) => [service, 1 << index]));

// The service bits must stay below the code, and priorities summed over every need (at most
// MAX_NEEDS of 3 each) must fit their byte.
if (SERVICE_IDS.length > CODE_SHIFT || MAX_NEEDS * 3 > 0xff) throw new Error('internal: the partner words cannot hold the taxonomy');

/** Positions with their words, growing as needed and reused from query to query: a few thousand, not one per partner. */
export class WordList {
  positions = new Int32Array(256);
  words = new Uint32Array(256);
  length = 0;

  push(position: number, word: number): void {
    if (this.length === this.positions.length) {
      const positions = new Int32Array(this.length * 2);
      const words = new Uint32Array(this.length * 2);
      positions.set(this.positions);
      words.set(this.words);
      this.positions = positions;
      this.words = words;
    }
    this.positions[this.length] = position;
    this.words[this.length++] = word;
  }
}
