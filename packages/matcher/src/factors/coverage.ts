import type { ServiceId } from '../taxonomy';
import type { ReasonDraft } from '../explain';
import type { Factor } from './types';

/**
 * Need coverage: the share of the client's needs the partner meets, each need weighted by its
 * priority (3 counts three times as much as 1). A partner that meets every need scores 1.
 */
export const coverage: Factor = {
  id: 'coverage',
  score({ client, assessment }) {
    let met = 0;
    for (const need of assessment.covered) met += need.priority;
    return met / client.needWeight;
  },
  explain({ client, assessment }) {
    const { covered, missing } = assessment;
    const reasons: ReasonDraft[] = [
      {
        code: 'covers-needs',
        params: { count: covered.length, total: client.needs.length, services: covered.map((need) => need.service) },
      },
    ];
    if (missing.length > 0) reasons.push({ code: 'misses-needs', params: { services: missing.map((need) => need.service) } });

    const religion = client.client.religion;
    const religious = assessment.prepared.offerings.get('religious-guidance');
    if (religion && religious?.religions && covered.some((need) => need.service === 'religious-guidance')) {
      reasons.push({ code: 'religion-match', params: { religion } });
    }

    const onlyRemote: ServiceId[] = [];
    const homeVisit: ServiceId[] = [];
    for (const need of covered) {
      if (need.modes.length === 1 && need.modes[0] === 'remote') onlyRemote.push(need.service);
      if (need.modes.includes('home-visit')) homeVisit.push(need.service);
    }
    if (onlyRemote.length > 0) reasons.push({ code: 'remote-offering', params: { services: onlyRemote } });
    if (homeVisit.length > 0) reasons.push({ code: 'home-visit-offering', params: { services: homeVisit } });
    return reasons;
  },
};
