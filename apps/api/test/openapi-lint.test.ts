import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeApp } from './fixtures';

// The generated OpenAPI document passes Redocly's recommended ruleset with no error: the server's
// routes and the bearer token they take. The linter runs as its CLI would for a user, on a file.

const CLI = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}
interface LintReport {
  totals: { errors: number; warnings: number };
  problems: LintProblem[];
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pokmas-openapi-lint-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function documentOf(env: Record<string, string>): Promise<Record<string, unknown>> {
  const { app } = await makeApp(env);
  return (await (await app.request('/openapi.json')).json()) as Record<string, unknown>;
}

/** `redocly lint --extends=recommended` on `doc` written to a file; run from the temp folder, so no config file is found. */
async function lint(name: string, doc: unknown): Promise<LintReport> {
  const file = join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(doc));
  const run = promisify(execFile)(process.execPath, [CLI, 'lint', file, '--extends=recommended', '--format=json', '--max-problems=1000'], {
    cwd: dir,
    // No usage data sent and no update check: the test needs no network.
    env: { PATH: process.env.PATH ?? '', HOME: dir, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    maxBuffer: 16 * 1024 * 1024,
  });
  // The CLI exits 1 when it finds errors; its report is on stdout either way.
  const { stdout } = await run.catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return JSON.parse(stdout) as LintReport;
}

const problemsOf = (report: LintReport, severity: LintProblem['severity']) =>
  report.problems
    .filter((problem) => problem.severity === severity)
    .map((problem) => `${problem.ruleId} at ${problem.location[0]?.pointer}`);
const errorsOf = (report: LintReport) => problemsOf(report, 'error');

/**
 * The warnings left, each for a reason: /healthz answers nothing but 200 (no 4xx to document),
 * and the taxonomy route has no operationId yet.
 */
const ACCEPTED_WARNINGS = [
  'operation-4xx-response at #/paths/~1healthz/get/responses',
  'operation-operationId at #/paths/~1v1~1taxonomy/get/operationId',
];

describe("the OpenAPI document under Redocly's recommended rules", () => {
  test('has no error, and declares the bearer token on every route', async () => {
    const doc = await documentOf({});
    const report = await lint('accounts', doc);
    expect(errorsOf(report)).toEqual([]);
    expect(report.totals.errors).toBe(0);
    expect(ACCEPTED_WARNINGS).toEqual(expect.arrayContaining(problemsOf(report, 'warn')));
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
  }, 30_000);

  test('is really checked: without servers, the linter finds the error', async () => {
    const { servers, ...withoutServers } = await documentOf({});
    expect(servers).toEqual([expect.objectContaining({ url: '/' })]);
    const report = await lint('no-servers', withoutServers);
    expect(errorsOf(report)).toEqual(['no-empty-servers at #/openapi']);
  }, 30_000);
});
