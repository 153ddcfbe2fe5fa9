import { readFile } from 'node:fs/promises';
import { createMatcher, getService, haversineKm, recommend } from '@pokmas/matcher';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SEED, formatDemoRegistry, generateDemoRegistry } from '../src/demo/generate';
import { DEMO_REGISTRY_FILE, type Directory, loadDemoRegistry, loadDirectory, type Registry, summarizeRegistry } from '../src/index';

let directory: Directory;
let demo: Registry;
beforeAll(async () => {
  directory = await loadDirectory();
  demo = await loadDemoRegistry(directory);
});

const offices = () => directory.offices;

describe('the demo generator', () => {
  it('writes the committed file byte for byte from its seed', async () => {
    const committed = await readFile(DEMO_REGISTRY_FILE, 'utf8');
    // If this fails after a change to the generator or the Bapas list, regenerate the file:
    // npx tsx --conditions=@pokmas/source packages/directory/scripts/generate-demo.ts
    expect(formatDemoRegistry(generateDemoRegistry(DEMO_SEED, directory))).toBe(committed);
  });

  it('gives the same registry for the same seed, another for another seed', () => {
    const once = formatDemoRegistry(generateDemoRegistry(7, directory));
    expect(formatDemoRegistry(generateDemoRegistry(7, directory))).toBe(once);
    expect(formatDemoRegistry(generateDemoRegistry(8, directory))).not.toBe(once);
  });
});

describe('the demo registry', () => {
  it('validates, and is served as the demo', () => {
    expect(demo.source).toBe('demo');
    expect(demo.partners.length).toBeGreaterThan(0);
  });

  it('gives every Bapas that is an office two POKMAS, one per field, of about five partners each', () => {
    for (const office of offices()) {
      const groups = demo.pokmas.filter((group) => group.bapasId === office.id);
      expect(groups.map((group) => group.field).sort(), office.id).toEqual(['law-society', 'self-reliance']);
      for (const group of groups) {
        const size = demo.partners.filter((partner) => partner.pokmasId === group.id).length;
        expect(size, group.id).toBeGreaterThanOrEqual(4);
        expect(size, group.id).toBeLessThanOrEqual(7);
      }
    }
    expect(demo.pokmas).toHaveLength(2 * offices().length);
    expect(demo.pokmas.some((group) => group.bapasId === '009')).toBe(false); // Dumai is planned
  });

  it('puts each partner in its POKMAS, mostly offering services of the POKMAS field', () => {
    const fieldOf = new Map(demo.pokmas.map((group) => [group.id, group.field]));
    let inField = 0;
    let all = 0;
    for (const partner of demo.partners) {
      expect(partner.pokmasId && fieldOf.has(partner.pokmasId), partner.id).toBe(true);
      for (const offering of partner.offerings) {
        all += 1;
        if (getService(offering.service).field === fieldOf.get(partner.pokmasId!)) inField += 1;
      }
    }
    expect(inField / all).toBeGreaterThan(0.9);
  });

  it('places every partner near its Bapas seat, with a regency, a contact and a fictional name', () => {
    for (const partner of demo.partners) {
      const office = directory.getBapas(partner.bapasId)!;
      expect(haversineKm(partner.location!, office.location), partner.id).toBeLessThan(30);
      expect(partner.regencyCode, partner.id).toBe(office.regencyCode);
      expect(partner.id).toMatch(new RegExp(`^P-${office.id}-\\d{2}$`));
      expect(partner.name).toMatch(/\(fiktif\)$/);
      expect(partner.contact?.phone).toMatch(/^\+62 8\d{2}-0000-\d{4}$/);
      expect(partner.contact?.email).toMatch(/@example\.org$/);
    }
  });

  it('gives religious guidance only for the faith of the institution that offers it', () => {
    const guidance = demo.partners.flatMap((partner) =>
      partner.offerings.filter((offering) => offering.service === 'religious-guidance').map((offering) => ({ partner, offering })),
    );
    expect(guidance.length).toBeGreaterThanOrEqual(offices().length);
    for (const { partner, offering } of guidance) {
      expect(partner.kind).toBe('religious-institution');
      expect(offering.religions).toHaveLength(1);
    }
    const faiths = new Set(guidance.map(({ offering }) => offering.religions![0]));
    expect([...faiths]).toEqual(expect.arrayContaining(['catholic', 'hindu', 'islam', 'protestant']));
  });

  it('has kinds and offerings in realistic proportions', () => {
    const summary = summarizeRegistry(demo.partners);
    const share = (count = 0) => count / summary.partners;
    // civil society and enterprises are the bulk; every kind appears
    expect(Object.keys(summary.byKind).sort()).toEqual([
      'academic',
      'civil-society',
      'enterprise',
      'family',
      'government',
      'individual',
      'observer',
      'religious-institution',
    ]);
    expect(share(summary.byKind['civil-society'])).toBeGreaterThan(0.2);
    expect(share(summary.byKind.enterprise)).toBeGreaterThan(0.2);
    expect(share(summary.byKind.observer)).toBeLessThan(0.1);
    // legal aid in every Bapas; skills training more common than business capital
    expect(summary.byService['legal-aid']).toBeGreaterThanOrEqual(offices().length);
    expect(summary.byService['skills-training']!).toBeGreaterThan(summary.byService['business-capital']!);
    // a few inactive and a few full, not many
    expect(summary.inactive).toBeGreaterThan(0);
    expect(summary.full).toBeGreaterThan(0);
    expect(share(summary.inactive + summary.full)).toBeLessThan(0.1);
  });

  it('offers, in every Bapas, legal aid that takes juveniles, open and with a free place', () => {
    for (const office of offices()) {
      const open = demo.partners.filter(
        (partner) =>
          partner.bapasId === office.id &&
          partner.active !== false &&
          partner.capacity!.used < partner.capacity!.total &&
          partner.eligibility?.ageGroups?.includes('juvenile') &&
          partner.offerings.some((offering) => offering.service === 'legal-aid'),
      );
      expect(open.length, office.id).toBeGreaterThan(0);
    }
  });

  it('has remote legal consultation lines, and other remote offerings', () => {
    const remoteOnlyLegal = demo.partners.filter((partner) =>
      partner.offerings.some(
        (offering) => offering.service === 'legal-aid' && offering.modes?.length === 1 && offering.modes[0] === 'remote',
      ),
    );
    expect(remoteOnlyLegal.length).toBeGreaterThanOrEqual(1);
    expect(remoteOnlyLegal.every((partner) => partner.eligibility?.ageGroups?.includes('juvenile'))).toBe(true);
    const remote = demo.partners.filter((partner) => partner.offerings.some((offering) => offering.modes?.includes('remote')));
    expect(remote.length).toBeGreaterThan(remoteOnlyLegal.length + 20);
  });

  it('matches a juvenile client in Kota Bandung needing legal aid, as the counsellor page will ask', () => {
    const { location, regencyCode } = directory.resolveLocation({ regencyCode: '32.73' });
    const result = recommend(
      { id: 'K-1', bapasId: '026', location, regencyCode, ageGroup: 'juvenile', needs: [{ service: 'legal-aid', priority: 3 }] },
      demo.partners,
    );
    expect(result.matches.length).toBeGreaterThan(0);
    expect(result.matches.some((match) => demo.partners.find((partner) => partner.id === match.partnerId)?.bapasId === '026')).toBe(true);
  });

  it('serves the matcher for every Bapas seat: a legal-aid need is met somewhere near each', () => {
    const matcher = createMatcher(demo.partners);
    for (const office of offices()) {
      const result = matcher.recommend({ id: 'K-1', location: office.location, needs: [{ service: 'legal-aid' }], modes: ['in-person'] });
      expect(result.matches.length, office.id).toBeGreaterThan(0);
    }
  });
});
