import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * The tests that need a part this machine may lack (a browser, a database server). On a
 * newcomer's machine they are skipped, and the reporter below names each skipped test with the
 * command that installs the part, so that `npm test` never passes silently with less than it
 * says. In CI (`CI` set) nothing is skipped: a missing part fails the suite instead.
 */
export interface Requirement {
  /** What is needed, as a person would name it. */
  readonly name: string;
  /** The test files that need it, by path. */
  readonly files?: RegExp;
  /** The tests that need it, by full name (describe blocks, then title), in whatever file. */
  readonly tests?: RegExp;
  /** Why it is missing here, or undefined when it is present. */
  readonly missing: () => string | undefined;
  /** The one command that makes it present. */
  readonly install: string;
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A server where the tests may create and drop databases; the tests run on PostgreSQL with it. */
export const PG_TEST_URL = process.env.PG_TEST_URL || undefined;

export const REQUIREMENTS: readonly Requirement[] = [
  {
    name: 'Chromium',
    files: /-browser\.test\.tsx?$/,
    missing: () => (existsSync(CHROMIUM) ? undefined : `no browser at ${CHROMIUM} (set CHROMIUM_PATH to use another)`),
    install: 'sudo apt-get install -y chromium fonts-dejavu-core',
  },
  {
    // The store's contract suite and its reliability tests name the database in a describe
    // block ("store on PostgreSQL"); the same files run on SQLite with nothing installed.
    name: 'PostgreSQL',
    tests: /\bon PostgreSQL\b/,
    missing: () => (PG_TEST_URL ? undefined : 'no PG_TEST_URL (the postgres:// URL of a server where the tests may create databases)'),
    install: 'sudo apt-get install -y postgresql && export PG_TEST_URL="$(packages/store/scripts/pg-test-cluster.sh start)"',
  },
];

/** Whether the tests that need `name` run here: the part is present, or CI demands it. */
export function runs(name: string): boolean {
  const requirement = REQUIREMENTS.find((each) => each.name === name);
  if (!requirement) throw new Error(`no requirement named ${name}`);
  return requirement.missing() === undefined || Boolean(process.env.CI);
}

/** Prints, after the run, every test skipped for a missing part and how to install the part. */
export class SkippedRequirementsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const requirement of REQUIREMENTS) {
      const reason = requirement.missing();
      if (reason === undefined) continue;
      const skipped: string[] = [];
      for (const module of testModules) {
        const wholeFile = requirement.files?.test(module.moduleId) ?? false;
        for (const test of module.children.allTests()) {
          if (!wholeFile && !requirement.tests?.test(test.fullName)) continue;
          if (test.result().state === 'skipped') skipped.push(`  ${relative(process.cwd(), module.moduleId)} > ${test.fullName}`);
        }
      }
      if (skipped.length === 0) continue;
      lines.push(
        '',
        `${skipped.length} test${skipped.length === 1 ? '' : 's'} skipped: they need ${requirement.name}, and there is ${reason}.`,
        ...skipped,
        `Install it and run them: ${requirement.install} && npm test`,
      );
    }
    if (lines.length > 0) process.stdout.write(lines.join('\n') + '\n');
  }
}
