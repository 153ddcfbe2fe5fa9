import { fileURLToPath } from 'node:url';

// The data files sit in the package's own `data/` folder, one level above both `src/` (run from
// source) and `dist/` (the bundled build), so one relative URL serves both. Every other module
// asks here instead of building its own path, because a module deeper in `src/` would resolve
// `../data` differently from the bundle.
const dataPath = (name: string): string => fileURLToPath(new URL(`../data/${name}`, import.meta.url));

export const BAPAS_FILE = dataPath('bapas.csv');
export const REGENCY_COORDS_FILE = dataPath('regency-coords.json');

/** Absolute path of the committed demo registry (fictional partners, two POKMAS per Bapas). */
export const DEMO_REGISTRY_FILE: string = dataPath('demo-registry.json');
