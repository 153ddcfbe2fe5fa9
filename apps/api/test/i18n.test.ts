import { EXCLUSION_LABELS, FACTOR_LABELS, MISSING_LABELS, PRIORITIES } from '@pokmas/matcher';
import { describe, expect, it } from 'vitest';
import { en } from '../src/views/i18n/en';
import { id } from '../src/views/i18n/id';
import { LANGS, strings, type Strings } from '../src/views/i18n';

/** Each key path of a language's strings, with whether it holds a text or a function. */
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path}()`];
  if (typeof value !== 'object' || value === null) return [`${path}: ${typeof value}`];
  return Object.entries(value).flatMap(([key, inner]) => shape(inner, `${path}.${key}`));
}

describe("the page's own strings", () => {
  it('are given in full by every language, in the same shape', () => {
    expect(shape(en)).toEqual(shape(id));
    expect(LANGS.map((lang) => strings(lang))).toEqual([id, en]);
  });

  it('are checked by the compiler: a language that leaves a string out does not compile', () => {
    const { footer: _footer, ...withoutFooter } = en;
    // @ts-expect-error a language must give every string of `Strings`
    const incomplete: Strings = withoutFooter;
    // @ts-expect-error nor a string that `Strings` does not have
    const extra: Strings = { ...en, exclusionNames: {} };
    expect([incomplete, extra].every((strings) => strings.appName === en.appName)).toBe(true);
  });

  it('name every priority in each language', () => {
    for (const lang of LANGS) expect(Object.keys(strings(lang).priorityNames).map(Number)).toEqual([...PRIORITIES]);
  });

  it("leave the names of the library's codes to the library's labels", () => {
    const texts = new Set(LANGS.flatMap((lang) => textsOf(strings(lang))));
    for (const labels of [EXCLUSION_LABELS, MISSING_LABELS]) {
      for (const label of Object.values(labels)) for (const lang of LANGS) expect(texts.has(label[lang]), label[lang]).toBe(false);
    }
    // Factor names are single words the page also uses as headings ("Kapasitas"), so only the tables are looked for:
    // the page keeps none of names keyed by the library's codes.
    const tables = Object.entries(en).filter(
      ([, value]) => typeof value === 'object' && Object.keys(FACTOR_LABELS).some((key) => key in value),
    );
    expect(tables.map(([key]) => key)).toEqual([]);
    expect(Object.keys(en).filter((key) => /Names$/.test(key))).toEqual(['languageNames', 'priorityNames']);
  });
});

/** Every plain text among a language's strings. */
function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(textsOf);
}
