import { defineFactor } from './types';

/**
 * Administrative fit: 1 when the partner belongs to a POKMAS of the client's own Bapas, which
 * supervises the client and has the cooperation agreement (PKS) with the partner; else 0.
 */
export const administrative = defineFactor({
  id: 'administrative',
  label: { id: 'Bapas sendiri', en: 'Own Bapas' },
  defaultWeight: 0.1,
  column: { kind: 'key', of: (prepared) => prepared.partner.bapasId },
  // The client's Bapas as the partners' number for it; 0 when no partner belongs to it.
  prepare: (client, _options, bapas) => bapas.find(client.client.bapasId),
  value: (own, bapas) => (own !== 0 && bapas === own ? 1 : 0),
  upper: (own) => (own !== 0 ? 1 : 0),
  explain({ client, assessment }, value) {
    const { bapasId } = assessment.prepared.partner;
    if (value === 1) return [{ code: 'same-bapas', params: { bapasId } }];
    if (client.client.bapasId === undefined) return [];
    return [{ code: 'other-bapas', params: { bapasId } }];
  },
  templates: {
    'same-bapas': {
      id: () => 'Mitra POKMAS dari Bapas klien sendiri.',
      en: () => "A partner of the client's own Bapas.",
    },
    'other-bapas': {
      id: (p) => `Mitra POKMAS dari Bapas lain (${p.bapasId}).`,
      en: (p) => `A partner of another Bapas (${p.bapasId}).`,
    },
  },
});
