import { MODE_IDS, type Offering, RELIGION_IDS, SECTOR_IDS, SERVICE_IDS } from '@pokmas/matcher';

/**
 * The `services` cell of a registry spreadsheet: offerings separated by `;`, each a service id
 * with optional attributes in brackets, attributes separated by `|`, values by `,`:
 *
 *     legal-aid[modes=in-person,remote]; religious-guidance[religions=islam]; skills-training[sectors=industry|modes=in-person]
 */
export const OFFERING_SEPARATOR = ';';

const ATTRIBUTES = {
  modes: { noun: 'mode', values: MODE_IDS },
  sectors: { noun: 'sector', values: SECTOR_IDS },
  religions: { noun: 'religion', values: RELIGION_IDS },
} as const;
type AttributeKey = keyof typeof ATTRIBUTES;
const ATTRIBUTE_KEYS = Object.keys(ATTRIBUTES) as AttributeKey[];

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);

const OFFERING = /^([^[\]]*?)\s*(?:\[([^[\]]*)\])?$/;

export type OfferingsResult = { ok: true; offerings: Offering[] } | { ok: false; messages: string[] };

/**
 * Reads a `services` cell into offerings. Every problem is returned, not only the first; a
 * service listed twice is left for the partner schema to report.
 */
export function parseOfferingsCell(cell: string): OfferingsResult {
  const messages: string[] = [];
  const offerings: Offering[] = [];
  const parts = cell
    .split(OFFERING_SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) return { ok: false, messages: ['give at least one service'] };

  for (const part of parts) {
    const match = OFFERING.exec(part);
    if (!match) {
      messages.push(`cannot read ${JSON.stringify(part)}: write service[key=value,value|key=value]`);
      continue;
    }
    const service = match[1]!.trim();
    if (!isOneOf(SERVICE_IDS, service)) {
      messages.push(`unknown service ${JSON.stringify(service)}; use one of ${SERVICE_IDS.join(', ')}`);
      continue;
    }
    const offering: Offering = { service };
    const seen = new Set<string>();
    for (const attribute of (match[2] ?? '')
      .split('|')
      .map((text) => text.trim())
      .filter((text) => text !== '')) {
      const [rawKey = '', rawValues, ...rest] = attribute.split('=');
      const key = rawKey.trim();
      if (rawValues === undefined || rest.length > 0) {
        messages.push(`${service}: cannot read ${JSON.stringify(attribute)}: write key=value,value`);
        continue;
      }
      if (!isOneOf(ATTRIBUTE_KEYS, key)) {
        messages.push(`${service}: unknown attribute ${JSON.stringify(key)}; use ${ATTRIBUTE_KEYS.join(', ')}`);
        continue;
      }
      if (seen.has(key)) {
        messages.push(`${service}: ${key} is given twice`);
        continue;
      }
      seen.add(key);
      const { noun, values: known } = ATTRIBUTES[key];
      const values = rawValues
        .split(',')
        .map((value) => value.trim())
        .filter((value) => value !== '');
      if (values.length === 0) {
        messages.push(`${service}: give at least one ${noun} after ${key}=, or leave ${key} out`);
        continue;
      }
      const unknown = values.filter((value) => !isOneOf<string>(known, value));
      if (unknown.length > 0) {
        messages.push(`${service}: unknown ${noun} ${unknown.map((value) => JSON.stringify(value)).join(', ')}; use ${known.join(', ')}`);
        continue;
      }
      // Repeats inside a list are left for the partner schema, which names them.
      (offering as Record<AttributeKey, string[]>)[key] = values;
    }
    offerings.push(offering);
  }
  return messages.length > 0 ? { ok: false, messages } : { ok: true, offerings };
}

/** Writes offerings as a `services` cell; attributes in a fixed order, so that output is stable. */
export function formatOfferingsCell(offerings: readonly Offering[]): string {
  return offerings
    .map((offering) => {
      const attributes = ATTRIBUTE_KEYS.flatMap((key) => {
        const values = offering[key];
        return values ? [`${key}=${values.join(',')}`] : [];
      });
      return attributes.length > 0 ? `${offering.service}[${attributes.join('|')}]` : offering.service;
    })
    .join(`${OFFERING_SEPARATOR} `);
}
