import { MatcherError, type Client, type Partner } from '../src/index';

/** Points a counsellor in West Java would know (approximate town centres). */
export const PLACES = {
  bandung: { lat: -6.9147, lon: 107.6098 },
  cimahi: { lat: -6.8722, lon: 107.5425 },
  garut: { lat: -7.2279, lon: 107.9087 },
  bogor: { lat: -6.5971, lon: 106.806 },
  jayapura: { lat: -2.5337, lon: 140.7181 },
} as const;

/** A partner with only what is required, plus overrides. */
export function partner(id: string, overrides: Partial<Partner> = {}): Partner {
  return {
    id,
    name: `Mitra ${id}`,
    kind: 'civil-society',
    bapasId: '020',
    location: PLACES.bandung,
    offerings: [{ service: 'legal-aid' }],
    ...overrides,
  };
}

/** A client in Bandung with one need, plus overrides. */
export function client(overrides: Partial<Client> = {}): Client {
  return {
    id: 'K-001',
    bapasId: '020',
    location: PLACES.bandung,
    needs: [{ service: 'legal-aid', priority: 3 }],
    ...overrides,
  };
}

/** The MatcherError that `run` throws; fails the test if it throws nothing or something else. */
export function catchMatcherError(run: () => unknown): MatcherError {
  try {
    run();
  } catch (error) {
    if (error instanceof MatcherError) return error;
    throw error;
  }
  throw new Error('expected a MatcherError');
}
