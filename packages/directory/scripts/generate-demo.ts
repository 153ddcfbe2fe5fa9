/**
 * Writes the demo registry (data/demo-registry.json) from the seed. Run after changing the
 * generator or the Bapas list, and commit the file:
 *
 *     npx tsx --conditions=@pokmas/source packages/directory/scripts/generate-demo.ts [seed]
 */
import { writeFile } from 'node:fs/promises';
import {
  DEMO_REGISTRY_FILE,
  DEMO_SEED,
  formatDemoRegistry,
  generateDemoRegistry,
  loadDirectory,
  parseRegistry,
  summarizeRegistry,
} from '../src/index';

const seedArgument = process.argv[2];
const seed = seedArgument === undefined ? DEMO_SEED : Number(seedArgument);
if (!Number.isInteger(seed)) {
  console.error(`usage: generate-demo.ts [seed]   (an integer; ${DEMO_SEED} by default)`);
  process.exit(2);
}

const directory = await loadDirectory();
const text = formatDemoRegistry(generateDemoRegistry(seed, directory));
// Refuse to write a registry the loader would refuse.
const registry = parseRegistry(text, 'json', directory);
await writeFile(DEMO_REGISTRY_FILE, text);
const summary = summarizeRegistry(registry.partners);
console.log(`wrote ${DEMO_REGISTRY_FILE}: ${summary.partners} partners in ${registry.pokmas.length} POKMAS (seed ${seed})`);
console.log(summary.byKind);
