import { recommend, type Client } from '@pokmas/matcher';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSameAnswers } from '../kernel';
import { createNaiveMatcher, type Ranked } from '../naive';
import { generateClients, generatePartners, loadSeats, type Seat } from '../workload';

let seats: Seat[];
beforeAll(async () => {
  seats = await loadSeats();
});

describe('the naive baseline', () => {
  it("returns recommend()'s top 10, ids and scores in order, over a few hundred partners", () => {
    // Few seats, so that most queries find partners near them and the top 10 is contested.
    const near = seats.slice(0, 3);
    const partners = generatePartners(400, near);
    const naive = createNaiveMatcher(partners);
    let compared = 0;
    for (const client of generateClients(60, near)) {
      const expected = recommend(client, partners).matches.map(({ partnerId, score }) => ({ partnerId, score }));
      expect(naive.recommend(client)).toEqual(expected);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('honours the limit of the options', () => {
    const partners = generatePartners(300, seats.slice(0, 2));
    const [client] = generateClients(1, seats.slice(0, 1));
    expect(createNaiveMatcher(partners).recommend(client!, { limit: 3 })).toEqual(
      recommend(client!, partners, { limit: 3 }).matches.map(({ partnerId, score }) => ({ partnerId, score })),
    );
  });
});

describe("the kernel's correctness check", () => {
  const client: Client = { id: 'K-1', needs: [{ service: 'legal-aid' }] };
  const answer: Ranked[] = [
    { partnerId: 'P-1', score: 0.8 },
    { partnerId: 'P-2', score: 0.5 },
  ];

  it('passes when both sides give the same ranking', () => {
    expect(() =>
      checkSameAnswers(
        2,
        [client],
        () => answer,
        () => [...answer],
      ),
    ).not.toThrow();
  });

  it('fails on another order, another score or a missing partner, naming the query and the rank', () => {
    const swapped = [answer[1]!, answer[0]!];
    expect(() =>
      checkSameAnswers(
        2,
        [client],
        () => answer,
        () => swapped,
      ),
    ).toThrow(/query 0: .* at rank 1/);
    const rescored = [answer[0]!, { partnerId: 'P-2', score: 0.5000001 }];
    expect(() =>
      checkSameAnswers(
        2,
        [client],
        () => answer,
        () => rescored,
      ),
    ).toThrow(/at rank 2/);
    expect(() =>
      checkSameAnswers(
        2,
        [client, client],
        () => answer,
        (c) => (c === client ? answer.slice(0, 1) : answer),
      ),
    ).toThrow(/at rank 2: matcher P-2 0.5, baseline nothing/);
  });
});
