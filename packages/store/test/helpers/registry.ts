import type { Pokmas } from '@pokmas/directory';
import type { Partner } from '@pokmas/matcher';
import type { Actor, SeedRegistry } from '../../src/index';

export const ADMIN: Actor = { login: 'root-admin', role: 'admin' };
export const EDITOR: Actor = { login: 'ani', role: 'bapas-admin' };

export const POKMAS: Pokmas[] = [
  { id: 'PKM-026-HK', bapasId: '026', name: 'POKMAS Hukum Bandung (fiktif)', field: 'law-society' },
  { id: 'PKM-026-KM', bapasId: '026', name: 'POKMAS Kemandirian Bandung (fiktif)', field: 'self-reliance' },
  { id: 'PKM-001-HK', bapasId: '001', name: 'POKMAS Hukum Banda Aceh (fiktif)', field: 'law-society' },
];

/** A small valid partner; `overrides` replace its fields. */
export function partner(id: string, overrides: Partial<Partner> = {}): Partner {
  return {
    id,
    name: `Mitra ${id} (fiktif)`,
    kind: 'civil-society',
    bapasId: '026',
    pokmasId: 'PKM-026-HK',
    location: { lat: -6.9, lon: 107.6 },
    regencyCode: '32.73',
    offerings: [{ service: 'legal-aid', modes: ['in-person'] }],
    capacity: { total: 10, used: 2 },
    contact: { person: 'Contoh Orang', phone: '+62 800-0000-0000' },
    ...overrides,
  };
}

export function registry(
  partners: Partner[] = [partner('P-1'), partner('P-2'), partner('P-3', { bapasId: '001', pokmasId: 'PKM-001-HK' })],
): SeedRegistry {
  return { partners, pokmas: POKMAS, source: 'test' };
}
