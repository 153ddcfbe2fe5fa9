import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatcher, recommend, type Client, type Matcher, type Partner, type RecommendOptions } from '../src/index';
import { parseOptions, resolveOptions } from '../src/options';
import { answer } from '../src/partner-index/answer';
import { buildPartnerIndex } from '../src/partner-index/build';
import { editPartnerIndex } from '../src/partner-index/edit';
import { PartnerSearch } from '../src/partner-index/search';
import { parseClient, prepareClient } from '../src/prepare';
import { clientsArb } from './allocation-arbitraries';
import { applyBatch, editBatchesArb } from './edit-arbitraries';
import { registryArb, searchClientArb, searchOptionsArb } from './search-arbitraries';

const queriesArb = fc.array(fc.tuple(searchClientArb, searchOptionsArb), { minLength: 1, maxLength: 4 });

/** Every query's recommendation and one allocation: what two matchers must agree on. */
function answers(matcher: Matcher, queries: readonly (readonly [Client, RecommendOptions])[], clients: readonly Client[]) {
  return {
    recommendations: queries.map(([client, options]) => matcher.recommend(client, options)),
    allocation: matcher.allocate(clients),
  };
}

// withPartners copies what the changed partners touch and shares the rest of the index; a fresh
// createMatcher over the edited registry is the oracle, answer for answer, ties included.
describe('withPartners: an edited matcher answers as a fresh build', () => {
  it('gives createMatcher’s recommendations and allocation after a random run of edits', () => {
    fc.assert(
      fc.property(registryArb(60), editBatchesArb(), queriesArb, clientsArb(6), (initial, batches, queries, clients) => {
        const counter = { next: 0 };
        let partners: readonly Partner[] = initial;
        let matcher = createMatcher(initial);
        for (const batch of batches) {
          const { changed, after } = applyBatch(partners, batch, counter);
          matcher = matcher.withPartners(changed);
          partners = after;
        }
        expect(matcher.partners).toEqual(partners);
        expect(answers(matcher, queries, clients)).toEqual(answers(createMatcher(partners), queries, clients));
      }),
      { numRuns: 200 },
    );
  });

  it('answers with every matcher of the chain as a fresh build of its own registry', () => {
    fc.assert(
      fc.property(registryArb(40), editBatchesArb(4), queriesArb, (initial, batches, queries) => {
        const counter = { next: 0 };
        const chain: { matcher: Matcher; partners: readonly Partner[] }[] = [{ matcher: createMatcher(initial), partners: initial }];
        for (const batch of batches) {
          const last = chain.at(-1)!;
          const { changed, after } = applyBatch(last.partners, batch, counter);
          chain.push({ matcher: last.matcher.withPartners(changed), partners: after });
        }
        // Asked only now: each older matcher must still answer from its own registry.
        for (const { matcher, partners } of chain) {
          for (const [client, options] of queries) {
            expect(matcher.recommend(client, options)).toEqual(createMatcher(partners).recommend(client, options));
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('leaves the matcher it derives from answering exactly as before', () => {
    fc.assert(
      fc.property(registryArb(40), editBatchesArb(3), queriesArb, clientsArb(4), (initial, batches, queries, clients) => {
        const matcher = createMatcher(initial);
        const before = answers(matcher, queries, clients);
        const counter = { next: 0 };
        let derived = matcher;
        let partners: readonly Partner[] = initial;
        for (const batch of batches) {
          const { changed, after } = applyBatch(partners, batch, counter);
          derived = derived.withPartners(changed);
          partners = after;
        }
        answers(derived, queries, clients); // the derived matcher's scratch in use
        expect(answers(matcher, queries, clients)).toEqual(before);
        expect(matcher.partners).toEqual(initial);
      }),
      { numRuns: 100 },
    );
  });
});

describe('editPartnerIndex: an edited index answers as the plain scorer, at every cell size', () => {
  it('gives recommend’s answer after edits, with cells fine enough that partners change cell and make new ones', () => {
    fc.assert(
      fc.property(
        registryArb(30),
        editBatchesArb(),
        queriesArb,
        fc.constantFrom(0.02, 0.1, 0.25, 1),
        (initial, batches, queries, degrees) => {
          const counter = { next: 0 };
          let partners: readonly Partner[] = initial;
          let index = buildPartnerIndex(initial, degrees);
          let search = new PartnerSearch(index);
          for (const batch of batches) {
            const { changed, after } = applyBatch(partners, batch, counter);
            const edit = editPartnerIndex(index, changed);
            search = search.edited(edit.index, edit.positions);
            index = edit.index;
            partners = after;
          }
          for (const [client, options] of queries) {
            const found = answer(search, prepareClient(parseClient(client)), resolveOptions(parseOptions(options)));
            expect(found).toEqual(recommend(client, partners, options));
          }
        },
      ),
      { numRuns: 800 },
    );
  });
});
