import type { Role } from '../accounts/account-schema';

/**
 * The referral lifecycle as data: the one table that the store enforces, the API serves at
 * `GET /v1/referrals/lifecycle` and the README draws (docs/referral-lifecycle.mmd is generated
 * from it). A move is allowed only when a row names its `from` and `to`; the row says who may
 * make it and which reasons it takes.
 */
export const REFERRAL_STATUSES = [
  'requested',
  'accepted',
  'declined',
  'cancelled',
  'expired',
  'in-progress',
  'on-hold',
  'completed',
  'ended-early',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** The statuses in which a referral holds a place with its partner. */
export const HOLDING_STATUSES = ['requested', 'accepted', 'in-progress', 'on-hold'] as const satisfies readonly ReferralStatus[];
/** The statuses a referral never leaves. */
export const FINAL_STATUSES = ['declined', 'cancelled', 'expired', 'completed', 'ended-early'] as const satisfies readonly ReferralStatus[];

export const holdsPlace = (status: ReferralStatus): boolean => (HOLDING_STATUSES as readonly ReferralStatus[]).includes(status);
export const isFinal = (status: ReferralStatus): boolean => (FINAL_STATUSES as readonly ReferralStatus[]).includes(status);

export const DECLINE_REASONS = ['no-capacity', 'not-suitable', 'not-eligible', 'cannot-contact', 'other'] as const;
export const CANCEL_REASONS = [
  'client-moved',
  'returned-to-custody',
  'supervision-ended',
  'needs-met-elsewhere',
  'mistaken',
  'duplicate',
  'other',
] as const;
export const ENDED_EARLY_REASONS = [
  'not-engaged',
  'client-moved',
  'returned-to-custody',
  'supervision-ended',
  'needs-met-elsewhere',
  'partner-unable',
  'other',
] as const;
export const OUTCOME_RESULTS = ['achieved', 'partly-achieved', 'not-achieved'] as const;
export type OutcomeResult = (typeof OUTCOME_RESULTS)[number];

export type ReferralReason = (typeof DECLINE_REASONS | typeof CANCEL_REASONS | typeof ENDED_EARLY_REASONS)[number];

/** Who makes a move: a role, or `system` (expiry, run by the app itself). */
export type Mover = Exclude<Role, 'admin' | 'planner'> | 'system';

export interface Transition {
  readonly from: readonly ReferralStatus[];
  readonly to: ReferralStatus;
  /** An admin may make every move a role may make; `system` moves are the app's own. */
  readonly who: readonly Mover[];
  /** The reasons the move takes; present means one is required. */
  readonly reasons?: readonly ReferralReason[];
  /** Completing takes an outcome for each of the referral's services. */
  readonly outcome?: true;
}

export const REFERRAL_TRANSITIONS: readonly Transition[] = [
  { from: ['requested'], to: 'accepted', who: ['partner', 'bapas-admin'] },
  { from: ['requested'], to: 'declined', who: ['partner', 'bapas-admin'], reasons: DECLINE_REASONS },
  { from: ['requested', 'accepted'], to: 'cancelled', who: ['counsellor', 'bapas-admin'], reasons: CANCEL_REASONS },
  { from: ['requested'], to: 'expired', who: ['system'] },
  { from: ['accepted'], to: 'in-progress', who: ['partner'] },
  { from: ['in-progress'], to: 'on-hold', who: ['partner', 'counsellor'], reasons: ENDED_EARLY_REASONS },
  { from: ['on-hold'], to: 'in-progress', who: ['partner', 'counsellor'] },
  { from: ['in-progress'], to: 'completed', who: ['partner'], outcome: true },
  { from: ['in-progress', 'on-hold'], to: 'ended-early', who: ['partner', 'counsellor', 'bapas-admin'], reasons: ENDED_EARLY_REASONS },
];

/** The row that allows moving from `from` to `to`, if any. */
export function transitionFor(from: ReferralStatus, to: ReferralStatus): Transition | undefined {
  return REFERRAL_TRANSITIONS.find((transition) => transition.to === to && transition.from.includes(from));
}

/** The moves from `from` that `role` may make (an admin every move but the system's). */
export function movesFrom(from: ReferralStatus, role?: Role): ReferralStatus[] {
  return REFERRAL_TRANSITIONS.filter(
    (transition) => transition.from.includes(from) && (role === undefined || mayMove(role, transition)),
  ).map((transition) => transition.to);
}

/** Whether `role` may make the move: one of its `who`, or an admin for any move a person makes. */
export function mayMove(role: Role | 'system', transition: Transition): boolean {
  if (role === 'system') return transition.who.includes('system');
  if (role === 'admin') return transition.who.some((mover) => mover !== 'system');
  return role !== 'planner' && transition.who.includes(role);
}

type Labels = Readonly<Record<'id' | 'en', string>>;

export const REFERRAL_STATUS_LABELS: Readonly<Record<ReferralStatus, Labels>> = {
  requested: { id: 'Diajukan', en: 'Requested' },
  accepted: { id: 'Diterima', en: 'Accepted' },
  declined: { id: 'Ditolak', en: 'Declined' },
  cancelled: { id: 'Dibatalkan', en: 'Cancelled' },
  expired: { id: 'Kedaluwarsa', en: 'Expired' },
  'in-progress': { id: 'Berjalan', en: 'In progress' },
  'on-hold': { id: 'Ditunda', en: 'On hold' },
  completed: { id: 'Selesai', en: 'Completed' },
  'ended-early': { id: 'Berhenti lebih awal', en: 'Ended early' },
};

export const REFERRAL_REASON_LABELS: Readonly<Record<ReferralReason, Labels>> = {
  'no-capacity': { id: 'Tidak ada tempat', en: 'No place free' },
  'not-suitable': { id: 'Tidak sesuai', en: 'Not suitable' },
  'not-eligible': { id: 'Tidak memenuhi syarat', en: 'Not eligible' },
  'cannot-contact': { id: 'Klien tidak dapat dihubungi', en: 'Client cannot be contacted' },
  'client-moved': { id: 'Klien pindah', en: 'Client moved' },
  'returned-to-custody': { id: 'Kembali ke tahanan', en: 'Returned to custody' },
  'supervision-ended': { id: 'Masa bimbingan berakhir', en: 'Supervision ended' },
  'needs-met-elsewhere': { id: 'Kebutuhan terpenuhi di tempat lain', en: 'Needs met elsewhere' },
  mistaken: { id: 'Rujukan keliru', en: 'Made by mistake' },
  duplicate: { id: 'Rujukan ganda', en: 'Duplicate' },
  'not-engaged': { id: 'Klien tidak aktif mengikuti', en: 'Client not engaged' },
  'partner-unable': { id: 'Mitra tidak dapat melanjutkan', en: 'Partner unable to continue' },
  other: { id: 'Lainnya', en: 'Other' },
};

export const OUTCOME_LABELS: Readonly<Record<OutcomeResult, Labels>> = {
  achieved: { id: 'Tercapai', en: 'Achieved' },
  'partly-achieved': { id: 'Tercapai sebagian', en: 'Partly achieved' },
  'not-achieved': { id: 'Tidak tercapai', en: 'Not achieved' },
};

/** The lifecycle as a Mermaid state diagram, the one the README shows (a test keeps them equal). */
export function lifecycleMermaid(): string {
  const lines = ['stateDiagram-v2', '    [*] --> requested'];
  for (const transition of REFERRAL_TRANSITIONS) {
    const who = transition.who.map((mover) => (mover === 'system' ? 'the system' : mover)).join(', ');
    const extra = transition.reasons ? ' (reason)' : transition.outcome ? ' (outcomes)' : '';
    for (const from of transition.from) lines.push(`    ${state(from)} --> ${state(transition.to)}: ${who}${extra}`);
  }
  for (const final of FINAL_STATUSES) lines.push(`    ${state(final)} --> [*]`);
  return lines.join('\n');
}

// Mermaid state ids may not hold a hyphen.
const state = (status: ReferralStatus): string => status.replace(/-/g, '_');
