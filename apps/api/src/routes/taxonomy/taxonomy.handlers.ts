import { TAXONOMY } from '@pokmas/matcher';
import { OUTCOME_LABELS, REFERRAL_REASON_LABELS, REFERRAL_STATUS_LABELS, REFERRAL_STATUSES } from '@pokmas/store';
import { authorize, ROUTE_ROLES } from '../../lib/access';
import type { AppRouteHandler } from '../../lib/types';
import type { GetRoute } from './taxonomy.routes';

/** The matcher's taxonomy and the referral codes' labels, the lifecycle's own (store/referrals/lifecycle.ts). */
const ANSWER = {
  ...TAXONOMY,
  referralStatuses: REFERRAL_STATUSES.map((id) => ({ id, label: REFERRAL_STATUS_LABELS[id] })),
  referralReasons: Object.entries(REFERRAL_REASON_LABELS).map(([id, label]) => ({ id, label })),
  outcomes: Object.entries(OUTCOME_LABELS).map(([id, label]) => ({ id: id as keyof typeof OUTCOME_LABELS, label })),
};

export const get: AppRouteHandler<GetRoute> = (c) => {
  authorize(c, { roles: ROUTE_ROLES.read });
  return c.json(ANSWER, 200);
};
