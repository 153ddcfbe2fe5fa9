import fc from 'fast-check';
import type { Location, Offering, Partner } from '../src/index';
import { capacityArb } from './arbitraries';
import { partnerBodyArb, pointArb } from './search-arbitraries';

// Edits of a registry, for `withPartners`: the kinds of change a partner's editor makes (its
// capacity, where it is, what it offers, retiring it, all of it at once) and new partners, whose
// ids fall between the registry's (`P-042n1` sorts between `P-042` and `P-043`) so that they
// change other partners' rank by id. Each edit names its partner by a number taken modulo the
// registry's size at the time, so that every edit applies whatever came before.

type PartnerBody = Omit<Partner, 'id'>;

export type Edit =
  | { readonly kind: 'capacity'; readonly target: number; readonly capacity: Partner['capacity'] }
  | {
      readonly kind: 'move';
      readonly target: number;
      readonly location: Location | undefined;
      readonly serviceRadiusKm: number | undefined;
    }
  | { readonly kind: 'services'; readonly target: number; readonly offerings: readonly Offering[] }
  | { readonly kind: 'retire'; readonly target: number; readonly active: boolean }
  | { readonly kind: 'replace'; readonly target: number; readonly body: PartnerBody }
  | { readonly kind: 'add'; readonly near: number; readonly body: PartnerBody };

const target = fc.nat({ max: 1_000 });

export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('capacity' as const), target, capacity: fc.option(capacityArb(12), { nil: undefined }) }),
  {
    // Moves weigh most: a partner that changes cell is where an index edit can go wrong.
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      target,
      location: fc.option(pointArb, { nil: undefined, freq: 4 }),
      serviceRadiusKm: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
    }),
  },
  fc.record({ kind: fc.constant('services' as const), target, offerings: partnerBodyArb.map((body) => body.offerings) }),
  fc.record({ kind: fc.constant('retire' as const), target, active: fc.boolean() }),
  fc.record({ kind: fc.constant('replace' as const), target, body: partnerBodyArb }),
  fc.record({ kind: fc.constant('add' as const), near: fc.nat({ max: 130 }), body: partnerBodyArb }),
);

/** Batches of edits, each batch given to one `withPartners` call. */
export const editBatchesArb = (maxBatches = 6): fc.Arbitrary<Edit[][]> =>
  fc.array(fc.array(editArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: maxBatches });

/** A copy of `partner` with `key` set to `value`, or without `key` when `value` is undefined. */
function withField<K extends keyof Partner>(partner: Partner, key: K, value: Partner[K] | undefined): Partner {
  const { [key]: _dropped, ...rest } = partner;
  return (value === undefined ? rest : { ...rest, [key]: value }) as Partner;
}

/**
 * One batch as `withPartners` takes it (each partner once, an edit of a partner edited earlier in
 * the batch applying to the edited one), and the registry it should give: each changed partner
 * in its place, the new ones after the last. `counter` numbers new ids across batches.
 */
export function applyBatch(
  partners: readonly Partner[],
  batch: readonly Edit[],
  counter: { next: number },
): { changed: Partner[]; after: Partner[] } {
  const changed = new Map<string, Partner>();
  for (const edit of batch) {
    if (edit.kind === 'add') {
      const id = `P-${String(edit.near).padStart(3, '0')}n${counter.next++}`;
      changed.set(id, { id, ...structuredClone(edit.body) });
      continue;
    }
    if (partners.length === 0) continue;
    const original = partners[edit.target % partners.length]!;
    const partner = changed.get(original.id) ?? original;
    changed.set(original.id, edited(partner, edit));
  }
  const after = [...partners];
  const places = new Map(partners.map((partner, place) => [partner.id, place]));
  for (const partner of changed.values()) {
    const place = places.get(partner.id);
    if (place === undefined) after.push(partner);
    else after[place] = partner;
  }
  return { changed: [...changed.values()], after };
}

function edited(partner: Partner, edit: Exclude<Edit, { kind: 'add' }>): Partner {
  switch (edit.kind) {
    case 'capacity':
      return withField(partner, 'capacity', edit.capacity);
    case 'move':
      return withField(withField(partner, 'location', edit.location), 'serviceRadiusKm', edit.serviceRadiusKm);
    case 'services':
      return { ...partner, offerings: structuredClone([...edit.offerings]) };
    case 'retire':
      return { ...partner, active: edit.active };
    case 'replace':
      return { id: partner.id, ...structuredClone(edit.body) };
  }
}
