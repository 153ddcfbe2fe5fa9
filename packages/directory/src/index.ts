export { loadDirectory, createDirectory, type Directory, type DirectoryData, type LocationInput, type ResolvedLocation } from './directory';
export { parseBapasCsv, BAPAS_STATUSES, type BapasOffice, type BapasStatus } from './bapas';
export type { Province, Regency } from './regions';
export { INDONESIA_BOUNDS, isInIndonesia } from './bounds';
export {
  DirectoryError,
  DIRECTORY_ERROR_CODES,
  RegistryError,
  formatRegistryIssue,
  type DirectoryErrorCode,
  type RegistryIssue,
} from './errors';
export { DEMO_REGISTRY_FILE } from './data-files';
export { PokmasSchema, type Pokmas } from './registry/pokmas';
export { type Registry, partnerDirectoryIssues, bapasProblem, type DirectoryIssue } from './registry/validate';
export { parseRegistry, type RegistryFormat } from './registry/parse';
export { loadRegistryFile, loadDemoRegistry, registryFormatOf } from './registry/load';
export { registryToCsv, CSV_COLUMNS, type CsvColumn } from './registry/csv';
export { writeCsv, type CsvCell, type CsvOptions } from './spreadsheet-csv';
export { summarizeRegistry, type RegistrySummary } from './registry/summary';
export { generateDemoRegistry, formatDemoRegistry, DEMO_SEED, type DemoRegistryFile } from './demo/generate';
