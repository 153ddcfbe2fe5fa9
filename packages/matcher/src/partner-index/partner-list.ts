import type { Partner } from '../schemas/partner';

const SHIFT = 10;
const CHUNK = 1 << SHIFT;

/**
 * The index's partners by place, in chunks of 1,024, so that an edit copies the chunks it
 * changes and the list of chunks, not every partner: a copy of 100,000 references per edit
 * left enough garbage on the collector's old space to double an edit's median and stretch its
 * tail several times over.
 */
export class PartnerList {
  private constructor(
    private readonly chunks: readonly (readonly Partner[])[],
    readonly length: number,
  ) {}

  static of(partners: readonly Partner[]): PartnerList {
    const chunks: Partner[][] = [];
    for (let start = 0; start < partners.length; start += CHUNK) chunks.push(partners.slice(start, start + CHUNK));
    return new PartnerList(chunks, partners.length);
  }

  /** The partner at `place`, below `length`. */
  at(place: number): Partner {
    return this.chunks[place >>> SHIFT]![place & (CHUNK - 1)]!;
  }

  /** A new list with the partners of `replaced` at their places, then `appended` after the last. */
  edited(replaced: ReadonlyMap<number, Partner>, appended: readonly Partner[]): PartnerList {
    const chunks = [...this.chunks];
    const copied = new Set<number>();
    const set = (place: number, partner: Partner) => {
      const chunk = place >>> SHIFT;
      if (chunk === chunks.length) chunks.push([]);
      if (!copied.has(chunk)) {
        chunks[chunk] = [...chunks[chunk]!];
        copied.add(chunk);
      }
      (chunks[chunk] as Partner[])[place & (CHUNK - 1)] = partner;
    };
    for (const [place, partner] of replaced) set(place, partner);
    appended.forEach((partner, at) => set(this.length + at, partner));
    return new PartnerList(chunks, this.length + appended.length);
  }

  /** Every partner, in place order, as a new array. */
  toArray(): Partner[] {
    return this.chunks.flat();
  }
}
