import { setKey } from '../order';
import { defineFactor } from './types';

/** The value when the client or the partner lists no language: nothing is known either way. */
export const UNKNOWN_LANGUAGE = 0.5;

/** A partner's languages as a key: one per distinct set, whatever the order. */
const languageKey = (languages: readonly string[] | undefined): string | undefined =>
  languages && languages.length > 0 ? setKey(languages) : undefined;

/**
 * Language: 1 when the partner speaks one of the client's languages (ISO 639 codes), 0 when both
 * list theirs and none is shared, and 0.5 when either lists none, so that a partner is neither
 * rewarded nor penalised for a record that says nothing.
 */
export const language = defineFactor({
  id: 'language',
  label: { id: 'Bahasa', en: 'Language' },
  defaultWeight: 0.05,
  column: { kind: 'key', of: (prepared) => languageKey(prepared.partner.languages) },
  // For each set of languages the partners list (by its number), whether it shares one with the client.
  prepare(client, _options, sets) {
    const spoken = client.client.languages;
    if (!spoken || spoken.length === 0) return null;
    const shares = new Uint8Array(sets.keys.length + 1);
    sets.keys.forEach((key, at) => {
      shares[at + 1] = key.split(',').some((code) => spoken.includes(code)) ? 1 : 0;
    });
    return shares;
  },
  value: (shares, set) => (shares === null || set === 0 ? UNKNOWN_LANGUAGE : shares[set]!),
  upper: (shares) => (shares === null ? UNKNOWN_LANGUAGE : 1),
  fixed: (shares) => (shares === null ? UNKNOWN_LANGUAGE : undefined),
  explain({ client, assessment }) {
    const spoken = client.client.languages;
    const partner = assessment.prepared.partner.languages;
    if (!spoken?.length || !partner?.length) return [];
    const shared = spoken.filter((code) => partner.includes(code));
    return shared.length > 0 ? [{ code: 'shared-language', params: { languages: shared } }] : [{ code: 'no-shared-language', params: {} }];
  },
  templates: {
    'shared-language': {
      id: (p) => `Dapat berbahasa ${p.languages.join(', ')} seperti klien.`,
      en: (p) => `Speaks the client's language: ${p.languages.join(', ')}.`,
    },
    'no-shared-language': {
      id: () => 'Tidak tercatat berbahasa yang sama dengan klien.',
      en: () => 'No language in common with the client is recorded.',
    },
  },
});
