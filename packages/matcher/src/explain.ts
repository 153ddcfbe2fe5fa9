import { FACTORS, type Templates } from './factors';
import type { Client } from './schemas/client';
import type { Reason, ReasonCode, ReasonDraft } from './schemas/reasons';
import type { Lang } from './taxonomy';

/** The reasons no factor writes: they say something of the pair without scoring it. */
type PairCode = 'accepts-juveniles';

const PAIR_TEMPLATES: Templates<PairCode> = {
  'accepts-juveniles': {
    id: () => 'Menerima klien anak.',
    en: () => 'Accepts juvenile clients.',
  },
};

type CodesOf<F> = F extends { readonly templates: infer T } ? keyof T : never;
type FactorCode = CodesOf<(typeof FACTORS)[number]>;
// Every reason code has its sentences: from the factor that writes it, or from the pair's.
type Unwritten = Exclude<ReasonCode, FactorCode | PairCode>;
const everyCodeWritten: [Unwritten] extends [never] ? true : { unwritten: Unwritten } = true;
const TEMPLATES = Object.assign({}, ...FACTORS.map((factor) => factor.templates), PAIR_TEMPLATES) as Templates<ReasonCode>;
void everyCodeWritten;

/** Writes the sentence of a reason in the requested language into the draft, which becomes the reason. */
export function describe(draft: ReasonDraft, lang: Lang): Reason {
  const template = TEMPLATES[draft.code][lang] as (params: ReasonDraft['params'], lang: Lang) => string;
  const reason = draft as Reason;
  reason.text = template(draft.params, lang);
  return reason;
}

/**
 * Reasons about the pair that are not scores: that a partner takes juveniles (always true of a
 * juvenile's matches, by the safeguarding rule).
 */
export function pairReasons(client: Client): ReasonDraft[] {
  return client.ageGroup === 'juvenile' ? [{ code: 'accepts-juveniles', params: {} }] : [];
}
