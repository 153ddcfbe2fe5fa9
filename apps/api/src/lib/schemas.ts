import { z } from '@hono/zod-openapi';
import {
  ClientSchema as LibraryClientSchema,
  ExclusionSchema as LibraryExclusionSchema,
  IdSchema,
  LocationSchema as LibraryLocationSchema,
  MatchSchema as LibraryMatchSchema,
  NeedSchema as LibraryNeedSchema,
  PartnerSchema as LibraryPartnerSchema,
  RegencyCodeSchema,
  type Partner,
} from '@pokmas/matcher';

/**
 * Names a schema as an OpenAPI component, keeping its validation as it is. The library builds
 * its schemas with plain zod, possibly before `@hono/zod-openapi` extends zod; zod 4 binds
 * methods to each schema when it is built, so such a schema has no `.openapi` of its own and
 * the method is taken from the prototype. It returns a copy; the library's schema is untouched.
 */
export function component<T extends z.ZodType>(schema: T, name: string): T {
  return z.ZodType.prototype.openapi.call(schema, name) as T;
}

/** Adds OpenAPI metadata (a description, an example) to any schema, the library's included. */
export function annotate<T extends z.ZodType>(schema: T, metadata: Record<string, unknown>): T {
  return z.ZodType.prototype.openapi.call(schema, metadata as never) as T;
}

// The library's schemas, named as OpenAPI components: the API never restates a matching rule.
export const LocationSchema = component(LibraryLocationSchema, 'Location');
export const NeedSchema = component(LibraryNeedSchema, 'Need');
export const ClientSchema = component(LibraryClientSchema, 'Client');
export const PartnerSchema = component(LibraryPartnerSchema, 'Partner');
export const MatchSchema = component(LibraryMatchSchema, 'Match');
export const ExclusionSchema = component(LibraryExclusionSchema, 'Exclusion');

/** What a caller needs to contact a matched partner without a second request. */
export const PartnerSummarySchema = LibraryPartnerSchema.pick({
  id: true,
  name: true,
  kind: true,
  bapasId: true,
  pokmasId: true,
  contact: true,
}).openapi('PartnerSummary');
export type PartnerSummary = z.infer<typeof PartnerSummarySchema>;

/** A partner's {@link PartnerSummarySchema}: optional fields only when the partner has them. */
export function summarisePartner({ id, name, kind, bapasId, pokmasId, contact }: Partner): PartnerSummary {
  return { id, name, kind, bapasId, ...(pokmasId ? { pokmasId } : {}), ...(contact ? { contact } : {}) };
}

/** Which registry answered: its version changes whenever its content changes. */
export const RegistryInfoSchema = z
  .object({
    version: z.string(),
    partners: z.number().int().openapi({ description: 'How many partners the registry holds' }),
  })
  .openapi('RegistryInfo');

export const IdParamSchema = z.object({
  id: annotate(IdSchema, { param: { name: 'id', in: 'path' }, example: 'P-001' }),
});

export { IdSchema, RegencyCodeSchema };
