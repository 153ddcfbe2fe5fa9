import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Directory, loadDirectory, parseRegistry, registryToCsv } from '../src/index';
import { registryArbitrary } from './arbitraries';

let directory: Directory;
beforeAll(async () => {
  directory = await loadDirectory();
});

describe('any registry', { timeout: 30_000 }, () => {
  it('comes back from CSV with the same partners and POKMAS', () => {
    fc.assert(
      fc.property(registryArbitrary, ({ partners, pokmas }) => {
        const registry = parseRegistry(registryToCsv(partners, pokmas), 'csv', directory);
        expect(registry.partners).toEqual(partners);
        expect(registry.pokmas).toEqual(pokmas);
      }),
      { numRuns: 200 },
    );
  });

  it('comes back from JSON with the same partners and POKMAS', () => {
    fc.assert(
      fc.property(registryArbitrary, ({ partners, pokmas }) => {
        const registry = parseRegistry(JSON.stringify({ pokmas, partners }), 'json', directory);
        expect(registry.partners).toEqual(partners);
        expect(registry.pokmas).toEqual(pokmas);
      }),
      { numRuns: 200 },
    );
  });
});
