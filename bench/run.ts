// npm run bench: every section in turn, each table on stdout, progress on stderr, one JSON file.
//   BENCH_QUICK=1   smaller sizes and fewer rounds: a smoke check within a minute
//   BENCH_OUT=path  where the JSON goes (default bench-results.json at the repository root)
//   BENCH_ONLY=kernel,memory   some sections only (kernel, memory, http, allocation, edit, referrals)
//   BENCH_BASELINE=path        a worktree at another commit: the kernel and memory goals are
//                              measured beside its own matcher, in this run
//   PG_TEST_URL=postgres://... a server where the referrals section makes (and drops) a database;
//                              unset, it starts a throwaway cluster (pg-test-cluster.sh) or skips
//                              PostgreSQL, saying so
// Exits 0 even when a goal is missed (this measures, it does not test); 1 when a section fails,
// such as a correctness check; 2 on bad settings.
import os from 'node:os';
import { resolve } from 'node:path';
import { resolveBaseline } from './baseline';
import { REPO_ROOT, buildReport, formatGoals, gitCommit, formatSection, sectionGoals, writeReport, type SectionFailure } from './report';
import type { Baseline, Section, SectionOptions } from './section';
import { DEFAULT_OUT, parseSettings, type BenchSettings, type SectionId } from './settings';

// Each section is loaded only when it runs, so that BENCH_ONLY=kernel never loads HiGHS or autocannon.
const SECTIONS: Record<SectionId, (options: SectionOptions) => Promise<Section>> = {
  kernel: async (options) => (await import('./kernel')).kernelSection(options),
  memory: async (options) => (await import('./memory')).memorySection(options),
  http: async (options) => (await import('./http')).httpSection(options),
  allocation: async (options) => (await import('./allocation')).allocationSection(options),
  edit: async (options) => (await import('./edit')).editSection(options),
  referrals: async (options) => (await import('./referrals')).referralsSection(options),
};

let settings: BenchSettings;
let baseline: Baseline | undefined;
try {
  settings = parseSettings(process.env);
  baseline = settings.baseline === undefined ? undefined : resolveBaseline(settings.baseline);
} catch (error) {
  console.error(`bench: ${(error as Error).message}`);
  process.exit(2);
}

const started = new Date();
const loadAtStart = os.loadavg();
const git = gitCommit();
const log = (line: string) => console.error(`[${((Date.now() - started.getTime()) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const options: SectionOptions = {
  quick: settings.quick,
  log,
  ...(baseline ? { baseline } : {}),
  ...(settings.pgTestUrl === undefined ? {} : { pgTestUrl: settings.pgTestUrl }),
};
const out = settings.out === undefined ? resolve(REPO_ROOT, DEFAULT_OUT) : resolve(settings.out);

log(
  `bench: ${settings.quick ? 'quick run' : 'full run'} of ${settings.only.join(', ')}` +
    `${baseline ? ` beside ${baseline.label} (${baseline.root})` : ''}; load average ${loadAtStart.map((value) => value.toFixed(2)).join(' ')}`,
);
const sections: Section[] = [];
const failures: SectionFailure[] = [];
for (const id of settings.only) {
  log(`${id}: starting`);
  try {
    const section = await SECTIONS[id](options);
    sections.push(section);
    console.log(formatSection(section));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    failures.push({ section: id, message });
    log(`${id}: FAILED: ${message}`);
    if (error instanceof Error && error.stack) console.error(error.stack);
  }
}

const report = buildReport({ started, git, baseline: baseline ?? null, loadAtStart, quick: settings.quick, sections, failures });
console.log(formatGoals(sectionGoals(sections)));
for (const failure of failures) console.log(`FAILED: ${failure.section}: ${failure.message}`);
await writeReport(out, report);
log(`bench: wrote ${out} in ${(report.durationMs / 1000).toFixed(1)} s`);
if (failures.length > 0) process.exitCode = 1;
