/**
 * Code-unit order of two strings: the same on every machine and locale, unlike
 * `localeCompare`, so that ids order results deterministically.
 */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Orders records by their `id`. */
export const byId = (a: { readonly id: string }, b: { readonly id: string }): number => compareStrings(a.id, b.id);

/**
 * A list of texts as one text that does not depend on their order (`'jv,su'` for `['su', 'jv']`),
 * for keys that group partners alike. Lists of one or two, nearly all of them, are keyed without
 * copying or sorting: these keys are also read again for each match an answer carries.
 */
export function setKey(values: readonly string[]): string {
  if (values.length === 1) return values[0]!;
  if (values.length === 2) return values[0]! <= values[1]! ? `${values[0]},${values[1]}` : `${values[1]},${values[0]}`;
  return values.length === 0 ? '' : [...values].sort(compareStrings).join(',');
}
