import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { DEMO_REGISTRY_FILE } from '../data-files';
import { type Directory, loadDirectory } from '../directory';
import { RegistryError } from '../errors';
import { parseRegistry, type RegistryFormat } from './parse';
import type { Registry } from './validate';

/** The format a file's extension names (`.json` or `.csv`, any case), or `undefined`. */
export function registryFormatOf(path: string): RegistryFormat | undefined {
  const extension = extname(path).toLowerCase();
  return extension === '.json' ? 'json' : extension === '.csv' ? 'csv' : undefined;
}

/**
 * Loads a registry file, its format taken from the extension (`.json` or `.csv`).
 *
 * @param directory the package's own directory when absent.
 * @throws RegistryError for an unknown extension or any bad row (nothing is loaded then); the
 *   file system's error when the file cannot be read.
 * @example
 * const registry = await loadRegistryFile('/etc/pokmas/partners.csv');
 */
export async function loadRegistryFile(path: string, directory?: Directory): Promise<Registry> {
  const format = registryFormatOf(path);
  if (!format) {
    throw new RegistryError([{ row: 0, field: '', message: 'a registry file ends in .json or .csv', section: 'file' }], path);
  }
  const [text, resolved] = await Promise.all([readFile(path, 'utf8'), directory ?? loadDirectory()]);
  return parseRegistry(text, format, resolved, path);
}

/**
 * The committed demo registry: clearly fictional partners, two POKMAS for each Bapas. It is
 * what the app serves when no registry file is configured. `source` is `demo`.
 */
export async function loadDemoRegistry(directory?: Directory): Promise<Registry> {
  const [text, resolved] = await Promise.all([readFile(DEMO_REGISTRY_FILE, 'utf8'), directory ?? loadDirectory()]);
  return { ...parseRegistry(text, 'json', resolved, DEMO_REGISTRY_FILE), source: 'demo' };
}
