/**
 * Prints the national coverage summary of a registry as Markdown: the table the docs and the
 * README quote. Measures every Bapas office, as `GET /v1/coverage` does.
 *
 *   npx tsx --conditions=@pokmas/source apps/api/scripts/coverage-summary.ts [registry.json|registry.csv]
 *
 * Without a file it reads the committed demo registry.
 */
import { loadDemoRegistry, loadDirectory, loadRegistryFile } from '@pokmas/directory';
import { coverage, getService, type CoverageSummary } from '@pokmas/matcher';
import { toPlace } from '../src/routes/coverage/coverage.data';

const percent = (share: number) => `${(share * 100).toFixed(share === 1 || share === 0 ? 0 : 1)}%`;
const cell = (text: string) => text.replaceAll('|', '\\|');

const directory = await loadDirectory();
const file = process.argv[2];
const registry = file ? await loadRegistryFile(file, directory) : await loadDemoRegistry(directory);
const result = coverage(registry.partners, directory.offices.map(toPlace));
const national: CoverageSummary = result.summary;
const active = registry.partners.filter((partner) => partner.active !== false).length;

const lines: string[] = [];
lines.push(
  `Registry \`${registry.source === 'demo' ? 'demo' : registry.source}\`, version \`${registry.version}\`: ` +
    `${registry.partners.length} partners (${active} active), ${national.places} Bapas offices, ${result.services.length} services.`,
  '',
  `- Bapas offering every service: **${national.fullyCovered} of ${national.places}**`,
  `- Bapas-service pairs covered: **${percent(national.share)}**`,
  '',
  '| Service | Layanan | Bapas covered | Share | In person |',
  '| --- | --- | ---: | ---: | ---: |',
);
// Weakest first: the services to recruit for head the table.
const byService = [...national.byService].sort(
  (a, b) => a.share - b.share || result.services.indexOf(a.service) - result.services.indexOf(b.service),
);
for (const entry of byService) {
  const { label } = getService(entry.service);
  lines.push(
    `| ${label.en} | ${label.id} | ${entry.coveredPlaces} / ${national.places} | ${percent(entry.share)} | ${entry.inPersonPlaces} |`,
  );
}

lines.push('', 'Bapas with the most gaps:', '', '| Bapas | Kanwil | Gaps | Services missing |', '| --- | --- | ---: | --- |');
for (const place of national.mostGaps) {
  const missing = place.gaps.map((service) => getService(service).label.en).join(', ');
  lines.push(`| ${cell(place.label ?? place.id)} (${place.id}) | ${cell(place.group ?? '')} | ${place.gapCount} | ${missing} |`);
}

lines.push('', 'Per Kanwil:', '', '| Kanwil | Bapas | Offering every service | Pairs covered |', '| --- | ---: | ---: | ---: |');
for (const group of [...result.groups].sort((a, b) => a.share - b.share || (a.group < b.group ? -1 : 1))) {
  lines.push(`| ${cell(group.group)} | ${group.places} | ${group.fullyCovered} | ${percent(group.share)} |`);
}

console.log(lines.join('\n'));
