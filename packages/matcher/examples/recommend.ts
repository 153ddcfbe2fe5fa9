import { recommend, type Client, type Partner } from '@pokmas/matcher';

// Two fictional partners of Bapas Bandung (026) and one far away that works remotely.
const partners: Partner[] = [
  {
    id: 'P-LBH-1',
    name: 'LBH Contoh Keadilan',
    kind: 'civil-society',
    bapasId: '026',
    location: { lat: -6.9147, lon: 107.6098 },
    offerings: [{ service: 'legal-aid' }, { service: 'legal-services' }],
    eligibility: { ageGroups: ['adult', 'juvenile'] },
    capacity: { total: 10, used: 4 },
  },
  {
    id: 'P-BENGKEL-1',
    name: 'Bengkel Las Contoh',
    kind: 'enterprise',
    bapasId: '026',
    location: { lat: -6.8722, lon: 107.5425 },
    offerings: [{ service: 'skills-training', sectors: ['industry'] }],
  },
  {
    id: 'P-REMOTE-1',
    name: 'Konsultasi Hukum Daring Contoh',
    kind: 'civil-society',
    bapasId: '081',
    location: { lat: -2.5337, lon: 140.7181 },
    offerings: [{ service: 'legal-aid', modes: ['remote'] }],
    eligibility: { ageGroups: ['juvenile'] },
  },
];

// A juvenile client in Bandung; the id is a pseudonym, never a name.
const client: Client = {
  id: 'K-2026-0042',
  bapasId: '026',
  ageGroup: 'juvenile',
  location: { lat: -6.91, lon: 107.61 },
  needs: [
    { service: 'legal-aid', priority: 3 },
    { service: 'skills-training', priority: 1 },
  ],
};

const { matches, excluded } = recommend(client, partners, { lang: 'en', limit: 5 });
for (const match of matches) {
  console.log(`${match.partnerId}  score ${match.score.toFixed(3)}`);
  for (const reason of match.reasons) console.log(`  - ${reason.text}`);
}
console.log('excluded:', excluded.map(({ reason, count }) => `${reason} ${count}`).join(', '));
