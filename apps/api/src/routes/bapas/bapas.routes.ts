import { createRoute, z } from '@hono/zod-openapi';
import { BAPAS_STATUSES, PokmasSchema as DirectoryPokmasSchema, type BapasOffice } from '@pokmas/directory';
import { problemResponses } from '../../lib/problem';
import { component, IdParamSchema, LocationSchema } from '../../lib/schemas';

export const BapasOfficeSchema = z
  .object({
    id: z.string().openapi({ example: '026' }),
    name: z.string(),
    class: z.enum(['I', 'II']).nullable(),
    seat: z.string().openapi({ description: 'The city or town the office sits in' }),
    regencyCode: z.string(),
    regencyName: z.string(),
    provinceCode: z.string(),
    provinceName: z.string(),
    kanwil: z.string().openapi({ description: 'The regional office (Kanwil) it reports to' }),
    status: z
      .enum(BAPAS_STATUSES)
      .openapi({ description: '`S1`: in the 2020 master list; `added_later`: found in later sources; `planned`: not yet an office' }),
    location: LocationSchema,
    notes: z.string().optional().openapi({ description: 'Doubts recorded about the row' }),
  })
  .openapi('Bapas');

export const PokmasSchema = component(DirectoryPokmasSchema, 'Pokmas');

// The directory declares the office as a type; the schema above must describe exactly it.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const bapasInSync: Same<z.infer<typeof BapasOfficeSchema>, BapasOffice> = true;
void bapasInSync;

export const BapasDetailSchema = BapasOfficeSchema.extend({
  pokmas: z.array(PokmasSchema).openapi({ description: 'The POKMAS groups of this Bapas in the current registry' }),
  partnerCount: z.number().int().openapi({ description: 'Partners of this Bapas in the current registry' }),
}).openapi('BapasDetail');

export const BapasListSchema = z.object({ items: z.array(BapasOfficeSchema), total: z.number().int() }).openapi('BapasList');

export const list = createRoute({
  method: 'get',
  path: '/v1/bapas',
  operationId: 'listBapas',
  tags: ['Bapas'],
  summary: 'Every Bapas office',
  responses: {
    200: { description: 'The Bapas offices, by id', content: { 'application/json': { schema: BapasListSchema } } },
    ...problemResponses('unauthorized'),
  },
});
export type ListRoute = typeof list;

export const getOne = createRoute({
  method: 'get',
  path: '/v1/bapas/{id}',
  operationId: 'getBapas',
  tags: ['Bapas'],
  summary: 'One Bapas office, with its POKMAS and partner count',
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'The office', content: { 'application/json': { schema: BapasDetailSchema } } },
    ...problemResponses('unauthorized', 'not-found', 'validation'),
  },
});
export type GetOneRoute = typeof getOne;
