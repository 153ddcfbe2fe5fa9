import type { Partner } from '@pokmas/matcher';
import { type Registry, RegistryError, type RegistryIssue } from '../src/index';

/** A legal-aid institute in Bandung, with every optional field filled. */
export const fullPartner = (overrides: Partial<Partner> = {}): Partner => ({
  id: 'LBH-1',
  name: 'LBH Contoh, Bandung',
  kind: 'civil-society',
  bapasId: '026',
  pokmasId: 'PKM-026-HK',
  location: { lat: -6.91, lon: 107.61 },
  regencyCode: '32.73',
  serviceRadiusKm: 60,
  offerings: [
    { service: 'legal-aid', modes: ['in-person', 'remote'] },
    { service: 'religious-guidance', religions: ['islam', 'catholic'] },
    { service: 'skills-training', modes: ['in-person'], sectors: ['industry', 'services'], religions: ['other'] },
    { service: 'legal-services' },
  ],
  capacity: { total: 10, used: 4 },
  eligibility: { genders: ['female'], ageGroups: ['adult', 'juvenile'] },
  languages: ['id', 'su'],
  active: false,
  contact: { person: 'Ibu Contoh', phone: '+62 812-0000-0001', email: 'lbh@example.org', address: 'Jl. Contoh No. 1, "Blok A", Bandung' },
  ...overrides,
});

/** The least a partner needs. */
export const barePartner = (overrides: Partial<Partner> = {}): Partner => ({
  id: 'P-2',
  name: 'Bengkel Contoh',
  kind: 'enterprise',
  bapasId: '026',
  offerings: [{ service: 'skills-training' }],
  ...overrides,
});

export const lawSociety = { id: 'PKM-026-HK', bapasId: '026', name: 'POKMAS Hukum Bandung', field: 'law-society' as const };

/** The issues of the RegistryError that `run` throws; fails if it returns instead. */
export function issuesOf(run: () => Registry): RegistryIssue[] {
  try {
    run();
  } catch (error) {
    if (error instanceof RegistryError) return error.issues;
    throw error;
  }
  throw new Error('expected a RegistryError');
}
