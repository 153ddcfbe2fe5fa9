import type { Directory } from '../directory';
import { readCsvRegistry } from './csv';
import { readJsonRegistry } from './json';
import { buildRegistry, type Registry } from './validate';

export type RegistryFormat = 'json' | 'csv';

/**
 * Reads and validates a registry: every partner must pass the matcher's `PartnerSchema`, name
 * a Bapas and regency of the directory, lie inside Indonesia and have an id of its own.
 * All or nothing: any bad row refuses the whole file, with every problem listed.
 *
 * @param source recorded as `Registry.source`; `inline` when absent.
 * @throws RegistryError with one issue per problem (row, field, message).
 * @example
 * const registry = parseRegistry(await readFile('partners.csv', 'utf8'), 'csv', await loadDirectory());
 */
export function parseRegistry(text: string, format: RegistryFormat, directory: Directory, source = 'inline'): Registry {
  const candidate = format === 'csv' ? readCsvRegistry(text) : readJsonRegistry(text);
  return buildRegistry(candidate, directory, text, source, source === 'inline' ? undefined : source);
}
