/**
 * Code-unit order of two strings: the same on every machine and locale, unlike
 * `localeCompare`, so that ids order results deterministically.
 */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Orders records by their `id`. */
export const byId = (a: { readonly id: string }, b: { readonly id: string }): number => compareStrings(a.id, b.id);
