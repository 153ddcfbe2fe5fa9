import type { Factor } from './types';

/**
 * Administrative fit: 1 when the partner belongs to a POKMAS of the client's own Bapas, which
 * supervises the client and has the cooperation agreement (PKS) with the partner; else 0.
 */
export const administrative: Factor = {
  id: 'administrative',
  score({ client, assessment }) {
    const own = client.client.bapasId;
    return own !== undefined && own === assessment.prepared.partner.bapasId ? 1 : 0;
  },
  explain({ client, assessment }, value) {
    if (value === 1) return [{ code: 'same-bapas', params: { bapasId: assessment.prepared.partner.bapasId } }];
    if (client.client.bapasId === undefined) return [];
    return [{ code: 'other-bapas', params: { bapasId: assessment.prepared.partner.bapasId } }];
  },
};
