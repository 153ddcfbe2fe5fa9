import fc from 'fast-check';
import {
  AGE_GROUP_IDS,
  ALLOCATION_WEIGHTINGS,
  FACTOR_IDS,
  GENDER_IDS,
  LANGS,
  MODE_IDS,
  RELIGION_IDS,
  SECTOR_IDS,
  SERVICE_IDS,
} from '@pokmas/matcher';

// Generators for request bodies, bounded to mirror the schemas: `recommendationRequestArb` and
// `allocationRequestArb` give only valid bodies; the mutations and raw texts below turn them into anything else.

const subset = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });

// Bapas ids and regency codes the directory knows, and some it does not.
const KNOWN_BAPAS = ['026', '001', '020'];
const KNOWN_REGENCIES = ['32.73', '32.04', '31.71', '36.71'];

const clientFields = (bapasId: fc.Arbitrary<string>, regencyCode: fc.Arbitrary<string>) => ({
  id: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,15}$/),
  bapasId,
  location: fc.record({ lat: fc.double({ min: -11, max: 6, noNaN: true }), lon: fc.double({ min: 95, max: 141, noNaN: true }) }),
  regencyCode,
  needs: fc.uniqueArray(
    fc.record({ service: fc.constantFrom(...SERVICE_IDS), priority: fc.constantFrom(1, 2, 3) }, { requiredKeys: ['service'] }),
    { minLength: 1, maxLength: 16, selector: (need) => need.service },
  ),
  gender: fc.constantFrom(...GENDER_IDS),
  ageGroup: fc.constantFrom(...AGE_GROUP_IDS),
  religion: fc.constantFrom(...RELIGION_IDS),
  languages: fc.uniqueArray(fc.constantFrom('id', 'jv', 'su', 'en', 'ban'), { maxLength: 3 }),
  maxDistanceKm: fc.integer({ min: 1, max: 5000 }),
  modes: subset(MODE_IDS),
  sectors: subset(SECTOR_IDS),
});

/** Any valid client, with places known and unknown, or none, so that the directory answers every way. */
export const clientArb = fc.record(
  clientFields(fc.constantFrom(...KNOWN_BAPAS, '999', 'no-such-bapas'), fc.constantFrom(...KNOWN_REGENCIES, '99.99')),
  {
    requiredKeys: ['id', 'needs'],
  },
);

/** A valid client the directory can always locate: a known Bapas, and a known regency when one is given. */
export const locatedClientArb = fc.record(clientFields(fc.constantFrom(...KNOWN_BAPAS), fc.constantFrom(...KNOWN_REGENCIES)), {
  requiredKeys: ['id', 'needs', 'bapasId'],
});

const weightArb = fc.double({ min: 0, max: 100, noNaN: true });
const weightsArb = fc.record(Object.fromEntries(FACTOR_IDS.map((id) => [id, weightArb])), { requiredKeys: [] });

export const recommendationRequestArb = fc.record(
  {
    client: clientArb,
    options: fc.record(
      {
        limit: fc.integer({ min: 1, max: 100 }),
        weights: weightsArb,
        lang: fc.constantFrom(...LANGS),
        explainExclusions: fc.boolean(),
        defaultServiceRadiusKm: fc.integer({ min: 1, max: 5000 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['client'] },
);

/**
 * A small cohort the directory can locate (a cohort with one unknown place is refused whole, so
 * mixing them in would leave few cohorts to allocate), ids unique, and any allocation options.
 */
export const allocationRequestArb = fc.record(
  {
    clients: fc.uniqueArray(locatedClientArb, { minLength: 1, maxLength: 12, selector: (client) => client.id }),
    options: fc.record(
      {
        needs: fc.oneof(fc.constantFrom('all', 'priority-3'), fc.record({ minPriority: fc.constantFrom(1, 2, 3) })),
        minScore: fc.double({ min: 0, max: 1, noNaN: true }),
        weighting: fc.constantFrom(...ALLOCATION_WEIGHTINGS),
        weights: weightsArb,
        defaultServiceRadiusKm: fc.integer({ min: 1, max: 5000 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['clients'] },
);

/** A valid body of any POST route. */
export const requestArb: fc.Arbitrary<object> = fc.oneof(recommendationRequestArb, allocationRequestArb);

type Json = unknown;

/** One change to a JSON value: at a path of indexes into its containers, do one thing. */
export interface Mutation {
  readonly path: readonly number[];
  readonly action: 'replace' | 'delete' | 'add-key' | 'wrap' | 'stringify' | 'negate' | 'nullify';
  readonly value: Json;
  readonly key: string;
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  path: fc.array(fc.nat({ max: 20 }), { maxLength: 5 }),
  action: fc.constantFrom('replace', 'delete', 'add-key', 'wrap', 'stringify', 'negate', 'nullify'),
  value: fc.jsonValue({ maxDepth: 2 }),
  key: fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'client', 'clients', 'options', 'needs', 'limit', 'id'),
    fc.string({ maxLength: 8 }),
  ),
});

const children = (value: Json): [string | number, Json][] =>
  Array.isArray(value) ? value.map((item, index) => [index, item]) : value && typeof value === 'object' ? Object.entries(value) : [];

/** Applies a mutation to a copy of `value`; `value` itself is never changed. */
export function mutate(value: Json, mutation: Mutation): Json {
  const apply = (node: Json, path: readonly number[]): Json => {
    const entries = children(node);
    if (path.length > 0 && entries.length > 0) {
      const [key] = entries[path[0]! % entries.length]!;
      const rebuilt = entries.map(([k, v]) => [k, k === key ? apply(v, path.slice(1)) : v] as const);
      return Array.isArray(node) ? rebuilt.map(([, v]) => v) : Object.fromEntries(rebuilt);
    }
    switch (mutation.action) {
      case 'replace':
        return mutation.value;
      case 'delete':
        return Array.isArray(node) ? node.slice(1) : node && typeof node === 'object' ? Object.fromEntries(entries.slice(1)) : undefined;
      case 'add-key':
        return node && typeof node === 'object' && !Array.isArray(node)
          ? { ...node, [mutation.key]: mutation.value }
          : [node, mutation.value];
      case 'wrap':
        return [node];
      case 'stringify':
        return JSON.stringify(node);
      case 'negate':
        return typeof node === 'number'
          ? -node * 1e6
          : typeof node === 'boolean'
            ? !node
            : typeof node === 'string'
              ? `${node}\u0000 ${node}`
              : node;
      case 'nullify':
        return null;
    }
  };
  return apply(value, mutation.path);
}

/** Texts that are almost JSON: a valid body cut short, or with a byte changed. */
export const brokenTextArb = fc.tuple(requestArb, fc.nat(), fc.string({ maxLength: 3 })).map(([body, at, insert]) => {
  const text = JSON.stringify(body);
  const cut = at % (text.length + 1);
  return at % 2 === 0 ? text.slice(0, cut) : `${text.slice(0, cut)}${insert}${text.slice(cut + 1)}`;
});

/** Any body at all: arbitrary JSON, mutated valid bodies, broken texts and plain strings. */
export const anyBodyArb: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc
    .tuple(requestArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 }))
    .map(([body, mutations]) => JSON.stringify(mutations.reduce<Json>((value, mutation) => mutate(value, mutation), body)) ?? ''),
  brokenTextArb,
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

/** Text a header can carry: printable ASCII. */
const headerTextArb = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength });

const FORM_NAMES = ['lang', 'need', 'priority-legal-aid', 'bapasId', 'regencyCode', 'lat', 'lon', 'ageGroup', 'gender', 'religion', 'mode'];
const formPairsArb = fc.array(fc.tuple(fc.constantFrom(...FORM_NAMES), fc.string({ maxLength: 20 })), { maxLength: 12 });

/** A multipart body with the boundary `X`, as a browser would send these pairs. */
const multipart = (pairs: Array<[string, string]>) =>
  `${pairs.map(([name, value]) => `--X\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('')}--X--\r\n`;

/** A Content-Type for a form post: the form types with and without parameters, near misses, and any text. */
export const formContentTypeArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'application/x-www-form-urlencoded',
    'APPLICATION/X-WWW-FORM-URLENCODED; charset=utf-8',
    'multipart/form-data',
    'multipart/form-data; boundary=',
    'multipart/form-data; boundary=X',
    'multipart/mixed; boundary=X',
    'application/json',
    'text/plain',
    'application/octet-stream',
  ),
  fc
    .tuple(fc.constantFrom('multipart/form-data', 'application/x-www-form-urlencoded'), headerTextArb(40))
    .map(([type, parameters]) => `${type};${parameters}`),
  headerTextArb(60),
);

/** A body a form post may carry: forms in either encoding, JSON and other text, and bytes. */
export const formBodyArb: fc.Arbitrary<string | Uint8Array<ArrayBuffer>> = fc.oneof(
  formPairsArb.map((pairs) => new URLSearchParams(pairs).toString()),
  formPairsArb.map(multipart),
  anyBodyArb,
  fc.uint8Array({ maxLength: 300 }).map((bytes) => new Uint8Array(bytes)),
);

/** A form post: any type with any body, or a well-formed multipart form with its boundary. */
export const formPostArb: fc.Arbitrary<{ contentType: string | undefined; body: string | Uint8Array<ArrayBuffer> }> = fc.oneof(
  fc.record({ contentType: fc.option(formContentTypeArb, { nil: undefined }), body: formBodyArb }),
  formPairsArb.map((pairs) => ({ contentType: 'multipart/form-data; boundary=X', body: multipart(pairs) })),
);

/** A Content-Type that is not a form's: common ones, and any in the vendor tree (which no form type is in). */
export const nonFormContentTypeArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('application/json', 'text/plain', 'text/html', 'application/octet-stream', 'multipart/mixed; boundary=X'),
  fc
    .tuple(fc.constantFrom('application', 'text', 'multipart'), fc.stringMatching(/^[a-z0-9][a-z0-9.+-]{0,20}$/))
    .map(([type, subtype]) => `${type}/vnd.${subtype}`),
);
