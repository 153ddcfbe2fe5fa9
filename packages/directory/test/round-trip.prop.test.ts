import fc from 'fast-check';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, type CsvColumn, type Directory, loadDirectory, parseRegistry, registryToCsv } from '../src/index';
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

  it('is written as a CSV whose text cells a spreadsheet never runs as formulas, and whose numbers stay numbers', () => {
    const NUMBERS: readonly CsvColumn[] = ['lat', 'lon', 'serviceRadiusKm', 'capacityTotal', 'capacityUsed'];
    fc.assert(
      fc.property(registryArbitrary, ({ partners, pokmas }) => {
        const [header, ...rows] = Papa.parse<string[]>(registryToCsv(partners, pokmas).trimEnd()).data;
        expect(header).toEqual([...CSV_COLUMNS]);
        for (const row of rows) {
          row.forEach((cell, index) => {
            if (NUMBERS.includes(CSV_COLUMNS[index]!)) expect(cell).toMatch(/^(-?\d+(\.\d+)?(e-?\d+)?)?$/);
            else expect(cell).not.toMatch(/^[=+\-@\t\r]/);
          });
        }
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
