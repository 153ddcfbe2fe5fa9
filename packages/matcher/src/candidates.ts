import type { PreparedPartner } from './context';
import type { ServiceId } from './taxonomy';

/**
 * The partners offering each service, in the order given: a query then looks only at the
 * partners that offer one of the client's needs.
 */
export function indexByService(prepared: readonly PreparedPartner[]): Map<ServiceId, PreparedPartner[]> {
  const byService = new Map<ServiceId, PreparedPartner[]>();
  for (const partner of prepared) {
    for (const offering of partner.partner.offerings) {
      const list = byService.get(offering.service);
      if (list) list.push(partner);
      else byService.set(offering.service, [partner]);
    }
  }
  return byService;
}
