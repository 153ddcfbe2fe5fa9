import { loadDirectory, type Directory } from '@pokmas/directory';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as locate from '../src/lib/locate';
import { FORM_CLIENT_ID, toClient } from '../src/routes/web/web.form';
import { EMPTY_FORM, type SearchFormValues } from '../src/views/form';

// The page places a client by the API's own function, so the page and POST /v1/recommendations
// can never disagree about where a client is.
vi.mock('../src/lib/locate', async (original) => {
  const actual = await original<typeof import('../src/lib/locate')>();
  return { ...actual, locateClient: vi.fn(actual.locateClient) };
});

let directory: Directory;
beforeAll(async () => {
  directory = await loadDirectory();
});

const form = (values: Partial<SearchFormValues>): SearchFormValues => ({
  ...EMPTY_FORM,
  needs: ['legal-aid'],
  ageGroup: 'adult',
  ...values,
});

describe('placing the client of the form', () => {
  it('goes through locateClient, and answers the located client it returned', async () => {
    const locateClient = vi.mocked(locate.locateClient);
    for (const values of [form({ regencyCode: '32.73' }), form({ bapasId: '026' }), form({ lat: '-6,9175', lon: '107,6191' })]) {
      locateClient.mockClear();
      const outcome = toClient(values, directory);
      expect(outcome.success).toBe(true);
      expect(locateClient).toHaveBeenCalledTimes(1);
      expect(outcome).toEqual({ success: true, located: locateClient.mock.results[0]?.value });
      expect(outcome.success && outcome.located.client).toMatchObject({ id: FORM_CLIENT_ID, location: expect.any(Object) });
    }
  });

  it('reports an unknown regency together with the fields the schema refused', () => {
    const locateClient = vi.mocked(locate.locateClient);
    locateClient.mockClear();
    const outcome = toClient(form({ needs: [], regencyCode: '99.99', gender: 'x' }), directory);
    expect(locateClient).toHaveBeenCalledTimes(1);
    expect(outcome).toEqual({ success: false, fields: expect.arrayContaining(['needs', 'gender', 'regencyCode']) });
  });

  it('gives the regency of the Bapas seat when only the Bapas is given, as the API does', () => {
    const outcome = toClient(form({ bapasId: '026' }), directory);
    expect(outcome.success && outcome.located.client.regencyCode).toBe(directory.getBapas('026')?.regencyCode);
    expect(outcome.success && outcome.located.location.source).toBe('bapas');
  });
});
