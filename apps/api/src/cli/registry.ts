/**
 * The registry command. Files alone:
 *
 *     npm run registry -- check FILE        validate a registry file (.json or .csv) and summarise it
 *     npm run -s registry -- csv FILE       print a registry file as CSV on stdout
 *
 * and against the store that DATABASE_URL / DATA_DIR names (as the server; a running server
 * follows what it changes):
 *
 *     npm run registry -- import FILE [--mode upsert|replace] [--dry-run] [--allow-shrink]
 *     npm run -s registry -- export [--format json|csv] > FILE
 *
 * `import` is what `POST /v1/registry/import` does: a file with any bad row is refused whole,
 * a good one applied in one transaction, recorded in each partner's history as the command
 * line's. Exit status: 0 done, 1 refused (every problem is printed), 2 bad arguments or a file
 * that cannot be read.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatRegistryIssue, loadDirectory, parseRegistry, registryFormatOf, registryToCsv, RegistryError } from '@pokmas/directory';
import { registryFileCommand } from '@pokmas/directory/cli';
import { StoreError, SYSTEM_ACTOR, type ImportResult } from '@pokmas/store';
import { ConfigError, loadConfig } from '../env';
import { registryVersionLabel } from '../store/live-registry';
import { openAppStore } from '../store/open';

const USAGE = `usage: npm run registry -- check FILE    validate a registry file (.json or .csv) and print its summary
       npm run -s registry -- csv FILE   print a registry file as CSV (one row per partner)
       npm run registry -- import FILE [--mode upsert|replace] [--dry-run] [--allow-shrink]
                                         apply a registry file to the store (DATABASE_URL or DATA_DIR)
       npm run -s registry -- export [--format json|csv]
                                         print the store's registry in a form import takes`;

/** Ends the command with a status; printing is done by then. */
class Exit {
  constructor(readonly status: number) {}
}

function usage(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  throw new Exit(2);
}

function parse(args: string[], options: Record<string, { type: 'string' | 'boolean' }>, positionals: number) {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    if (parsed.positionals.length > positionals) usage(`unexpected argument: ${parsed.positionals[positionals]}`);
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (error) {
    if (error instanceof Exit) throw error;
    return usage((error as Error).message);
  }
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function summary(file: string, result: ImportResult): string {
  const counts = [
    `${result.created.length} created`,
    `${result.updated.length} updated`,
    `${result.retired.length} retired`,
    `${result.unchanged.length} unchanged`,
  ].join(', ');
  const groups =
    result.pokmasCreated + result.pokmasUpdated > 0 ? `; POKMAS ${result.pokmasCreated} created, ${result.pokmasUpdated} updated` : '';
  const head = result.dryRun
    ? `${file}: dry run (${result.mode}), nothing changed; the import would give`
    : `${file}: imported (${result.mode}):`;
  const lines = [`${head} ${counts}${groups}`];
  for (const [label, ids] of [
    ['created', result.created],
    ['updated', result.updated],
    ['retired', result.retired],
  ] as const) {
    if (ids.length > 0) lines.push(`  ${label}: ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? `, ... (${ids.length})` : ''}`);
  }
  lines.push(`registry version ${registryVersionLabel(result.registryVersion)}`);
  return lines.join('\n');
}

async function importFile(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    { mode: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'allow-shrink': { type: 'boolean' } },
    1,
  );
  const file = positionals[0];
  if (file === undefined) usage('give the file to import');
  const format = registryFormatOf(file);
  if (!format) usage(`${file}: a registry file ends in .json or .csv`);
  const mode = values.mode ?? 'upsert';
  if (mode !== 'upsert' && mode !== 'replace') usage(`--mode ${String(mode)}: use upsert (the default) or replace`);

  let text: string;
  try {
    // npm runs scripts from the repository root; INIT_CWD is where the user typed the command.
    text = await readFile(resolve(process.env.INIT_CWD ?? process.cwd(), file), 'utf8');
  } catch (error) {
    return usage(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const directory = await loadDirectory();
  let registry;
  try {
    registry = parseRegistry(text, format, directory, file);
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    console.log(`${file}: refused, nothing was changed: ${plural(error.issues.length, 'problem')} (CSV rows count the header as row 1):`);
    for (const issue of error.issues) console.log(`  ${formatRegistryIssue(issue)}`);
    return 1;
  }
  const store = await openAppStore(loadConfig(), directory);
  try {
    const result = await store.importRegistry(
      registry,
      { mode, dryRun: values['dry-run'] === true, allowShrink: values['allow-shrink'] === true },
      SYSTEM_ACTOR,
    );
    console.log(summary(file, result));
    return 0;
  } finally {
    await store.close();
  }
}

async function exportRegistry(args: string[]): Promise<number> {
  const { values } = parse(args, { format: { type: 'string' } }, 0);
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'csv') usage(`--format ${String(format)}: use json (the default) or csv`);
  const store = await openAppStore(loadConfig(), await loadDirectory());
  try {
    const partners = (await store.listPartners({})).map((record) => record.partner);
    if (partners.length === 0) {
      console.error(`the store (${store.location}) holds no registry yet: npm start seeds it, or npm run registry -- import FILE`);
      return 1;
    }
    const pokmas = await store.listPokmas();
    process.stdout.write(format === 'csv' ? registryToCsv(partners, pokmas) : `${JSON.stringify({ pokmas, partners }, null, 2)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command = '', ...args] = argv;
  switch (command) {
    case 'check':
    case 'csv':
      return registryFileCommand(argv);
    case 'import':
      return importFile(args);
    case 'export':
      return exportRegistry(args);
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      return usage(command ? `unknown command ${JSON.stringify(command)}` : 'give a command');
  }
}

// exitCode, not exit(): exit() would cut off an export still queued for a pipe.
process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof Exit) return error.status;
  if (error instanceof StoreError) {
    console.error(`refused, nothing was changed: ${error.message}`);
    return 1;
  }
  if (error instanceof ConfigError) {
    console.error(error.message);
    return 2;
  }
  console.error(`registry: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
