/**
 * The registry command:
 *
 *     npm run registry -- check FILE    validate a registry file (.json or .csv) and summarise it
 *     npm run -s registry -- csv FILE   print a registry file as a spreadsheet (CSV) on stdout
 *
 * Exit status: 0 for a good file, 1 for a refused file (every problem is printed), 2 for bad
 * arguments or a file that cannot be read.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LABELS, getService, type PartnerKindId, type ServiceId, SERVICE_IDS } from '@pokmas/matcher';
import { loadDirectory } from './directory';
import { RegistryError, formatRegistryIssue } from './errors';
import { registryToCsv } from './registry/csv';
import { loadRegistryFile, registryFormatOf } from './registry/load';
import type { Registry } from './registry/validate';
import { summarizeRegistry } from './registry/summary';

const USAGE = `usage: npm run registry -- check FILE   validate a registry file (.json or .csv) and print its summary
       npm run -s registry -- csv FILE  print a registry file as CSV (one row per partner)`;

/** Thrown to end the command with a status; printing is done by then. */
class Exit {
  constructor(readonly status: number) {}
}

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  throw new Exit(2);
}

/**
 * Runs `check FILE` or `csv FILE` and answers the exit status; the API's registry command
 * (which adds import and export against the store) hands these two to it.
 */
export async function registryFileCommand(args: readonly string[]): Promise<number> {
  try {
    return await fileCommand(args);
  } catch (error) {
    if (error instanceof Exit) return error.status;
    throw error;
  }
}

async function fileCommand(args: readonly string[]): Promise<number> {
  const [command, file, ...rest] = args;
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if ((command !== 'check' && command !== 'csv') || file === undefined || rest.length > 0) {
    fail(
      command === undefined
        ? 'give a command and a file'
        : command !== 'check' && command !== 'csv'
          ? `unknown command ${JSON.stringify(command)}`
          : file === undefined
            ? `give the file to ${command}`
            : `one file at a time, not ${[file, ...rest].join(' ')}`,
    );
  }
  if (!registryFormatOf(file)) fail(`${file}: a registry file ends in .json or .csv`);

  const directory = await loadDirectory();
  let registry: Registry;
  try {
    // npm runs scripts from the repository root; INIT_CWD is where the user typed the command.
    registry = await loadRegistryFile(resolve(process.env.INIT_CWD ?? process.cwd(), file), directory);
  } catch (error) {
    if (error instanceof RegistryError) {
      console.log(
        `${file}: refused, ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'} (CSV rows count the header as row 1):`,
      );
      for (const issue of error.issues) console.log(`  ${formatRegistryIssue(issue)}`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') fail(`${file}: cannot read the file (${code})`);
    throw error;
  }

  if (command === 'csv') {
    process.stdout.write(registryToCsv(registry.partners, registry.pokmas));
    return 0;
  }

  const summary = summarizeRegistry(registry.partners);
  const pad = (value: string | number, width: number) => String(value).padStart(width);
  const lines = [
    `${file}: valid, version ${registry.version}`,
    `${summary.partners} partners in ${registry.pokmas.length} POKMAS, ${Object.keys(summary.byBapas).length} Bapas; ${summary.inactive} inactive, ${summary.full} full`,
    '',
    'partners per Bapas:',
    ...Object.entries(summary.byBapas).map(([id, count]) => `  ${pad(count, 4)}  ${id}  ${directory.getBapas(id)?.name ?? ''}`),
    '',
    'partners per service:',
    ...SERVICE_IDS.filter((id) => summary.byService[id]).map(
      (id: ServiceId) => `  ${pad(summary.byService[id]!, 4)}  ${id.padEnd(22)} ${getService(id).label.en}`,
    ),
    '',
    'partners per kind:',
    ...Object.entries(summary.byKind).map(
      ([kind, count]) => `  ${pad(count, 4)}  ${kind.padEnd(22)} ${LABELS.kind[kind as PartnerKindId].en}`,
    ),
  ];
  console.log(lines.join('\n'));
  return 0;
}

// Run as a script (not imported): exitCode, not exit(), which would cut off output still queued for a pipe.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await registryFileCommand(process.argv.slice(2));
}
