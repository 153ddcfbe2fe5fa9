import type { ReasonDraftOf } from '../schemas/reasons';
import { serviceNames as names } from '../sentences';
import { LABELS, type ServiceId } from '../taxonomy';
import { NO_COLUMN, defineFactor } from './types';

/**
 * Need coverage: the share of the client's needs the partner meets, each need weighted by its
 * priority (3 counts three times as much as 1). A partner that meets every need scores 1.
 */
export const coverage = defineFactor({
  id: 'coverage',
  label: { id: 'Kebutuhan', en: 'Needs' },
  defaultWeight: 0.55,
  column: NO_COLUMN,
  prepare: (client) => client.needWeight,
  value: (needWeight, _column, pair) => pair.met / needWeight,
  upper: (needWeight, pair) => pair.met / needWeight,
  explain({ client, assessment }) {
    const { covered, missing } = assessment;
    type Draft = ReasonDraftOf<'covers-needs' | 'misses-needs' | 'religion-match' | 'remote-offering' | 'home-visit-offering'>;
    const reasons: Draft[] = [
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

    // Made only when there is something to say: most matches offer neither.
    let onlyRemote: ServiceId[] | undefined;
    let homeVisit: ServiceId[] | undefined;
    for (const need of covered) {
      if (need.modes.length === 1 && need.modes[0] === 'remote') (onlyRemote ??= []).push(need.service);
      if (need.modes.includes('home-visit')) (homeVisit ??= []).push(need.service);
    }
    if (onlyRemote) reasons.push({ code: 'remote-offering', params: { services: onlyRemote } });
    if (homeVisit) reasons.push({ code: 'home-visit-offering', params: { services: homeVisit } });
    return reasons;
  },
  templates: {
    'covers-needs': {
      id: (p, l) => `Memenuhi ${p.count} dari ${p.total} kebutuhan: ${names(p.services, l)}.`,
      en: (p, l) => `Meets ${p.count} of ${p.total} needs: ${names(p.services, l)}.`,
    },
    'misses-needs': {
      id: (p, l) => `Tidak memenuhi: ${names(p.services, l)}.`,
      en: (p, l) => `Does not meet: ${names(p.services, l)}.`,
    },
    'religion-match': {
      id: (p) => `Bimbingan keagamaan ${LABELS.religion[p.religion].id}.`,
      en: (p) => `Religious guidance for the ${LABELS.religion[p.religion].en} faith.`,
    },
    'remote-offering': {
      id: (p, l) => `Layanan jarak jauh (daring): ${names(p.services, l)}.`,
      en: (p, l) => `Offered remotely: ${names(p.services, l)}.`,
    },
    'home-visit-offering': {
      id: (p, l) => `Dapat melakukan kunjungan rumah: ${names(p.services, l)}.`,
      en: (p, l) => `Can visit the client at home: ${names(p.services, l)}.`,
    },
  },
});
