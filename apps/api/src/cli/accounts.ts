/**
 * The accounts command, against the store that DATABASE_URL / DATA_DIR names (as the server):
 *
 *     npm run accounts -- add --login NAME --role ROLE [--bapas ID | --partner ID]
 *     npm run accounts -- token NAME [--label LABEL]
 *     npm run accounts -- revoke TOKEN_ID | --login NAME
 *     npm run accounts -- list
 *     npm run accounts -- password NAME
 *
 * A password or token is printed once, on stdout, and never again: the store keeps only its
 * hash. Exit status: 0 done, 1 refused by the store (every problem is printed), 2 bad arguments.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadDirectory } from '@pokmas/directory';
import { ROLES, StoreError, SYSTEM_ACTOR, type Role, type Store } from '@pokmas/store';
import { ConfigError, loadConfig } from '../env';
import { openAppStore } from '../store/open';

const USAGE = `usage: npm run accounts -- add --login NAME --role ROLE [--bapas ID | --partner ID]
       npm run accounts -- token NAME [--label LABEL]
       npm run accounts -- revoke TOKEN_ID | --login NAME
       npm run accounts -- list
       npm run accounts -- password NAME
roles: ${ROLES.join(', ')} (bapas-admin and counsellor need --bapas, partner needs --partner)`;

/** Ends the command with a status; printing is done by then. */
class Exit {
  constructor(readonly status: number) {}
}

function usage(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  throw new Exit(2);
}

type Options = Record<string, { type: 'string' | 'boolean' }>;

/** The command's arguments, refusing any option it does not take. */
function parse(args: string[], options: Options, positionals: number) {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    if (parsed.positionals.length > positionals) usage(`unexpected argument: ${parsed.positionals[positionals]}`);
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (error) {
    if (error instanceof Exit) throw error;
    return usage((error as Error).message);
  }
}

const text = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

async function run(store: Store, command: string, args: string[]): Promise<void> {
  switch (command) {
    case 'add': {
      const { values } = parse(
        args,
        { login: { type: 'string' }, role: { type: 'string' }, bapas: { type: 'string' }, partner: { type: 'string' } },
        0,
      );
      const login = text(values.login);
      const role = text(values.role);
      if (!login) usage('add needs --login NAME');
      if (!role) usage('add needs --role ROLE');
      if (!(ROLES as readonly string[]).includes(role)) usage(`--role ${role} is not a role; use one of ${ROLES.join(', ')}`);
      const bapasId = text(values.bapas);
      const partnerId = text(values.partner);
      const { account, password } = await store.createAccount(
        { login, role: role as Role, ...(bapasId !== undefined && { bapasId }), ...(partnerId !== undefined && { partnerId }) },
        SYSTEM_ACTOR,
      );
      const scope = account.bapasId ? `, Bapas ${account.bapasId}` : account.partnerId ? `, partner ${account.partnerId}` : '';
      console.log(`created account ${account.login} (${account.role}${scope})`);
      console.log(`first password (shown once, change it with npm run accounts -- password ${account.login}): ${password}`);
      return;
    }
    case 'token': {
      const { values, positionals } = parse(args, { label: { type: 'string' } }, 1);
      const login = positionals[0];
      if (!login) usage('token needs the login: token NAME');
      const label = text(values.label);
      const { token, info } = await store.createToken(login, label === undefined ? {} : { label }, SYSTEM_ACTOR);
      console.log(
        `token ${info.id} for ${info.login}${info.label ? ` (${info.label})` : ''}, shown once; send it as Authorization: Bearer <token>`,
      );
      console.log(token);
      return;
    }
    case 'revoke': {
      const { values, positionals } = parse(args, { login: { type: 'string' } }, 1);
      const login = text(values.login);
      const id = positionals[0];
      if ((login === undefined) === (id === undefined)) usage('revoke takes a token id, or --login NAME for all of its tokens');
      if (login !== undefined) {
        const count = await store.revokeAccountTokens(login, SYSTEM_ACTOR);
        console.log(`revoked ${count} token${count === 1 ? '' : 's'} of ${login}`);
        return;
      }
      if (!/^[1-9][0-9]{0,15}$/.test(id!)) usage(`${id} is not a token id; npm run accounts -- list shows them`);
      const wasLive = await store.revokeToken(Number(id), SYSTEM_ACTOR);
      console.log(wasLive ? `revoked token ${id}` : `token ${id} was already revoked`);
      return;
    }
    case 'list': {
      parse(args, {}, 0);
      const accounts = await store.listAccounts();
      const tokens = await store.listTokens();
      if (accounts.length === 0)
        console.log(
          `no accounts: the server runs as an open demo on loopback only; add one with npm run accounts -- add --login NAME --role admin`,
        );
      for (const account of accounts) {
        const scope = account.bapasId ? ` Bapas ${account.bapasId}` : account.partnerId ? ` partner ${account.partnerId}` : '';
        console.log(`${account.login}\t${account.role}${scope}\tcreated ${account.createdAt}`);
        for (const token of tokens.filter((each) => each.login === account.login)) {
          const state = token.revokedAt ? `revoked ${token.revokedAt}` : 'live';
          console.log(`  token ${token.id}${token.label ? ` (${token.label})` : ''}\tcreated ${token.createdAt}\t${state}`);
        }
      }
      return;
    }
    case 'password': {
      const { positionals } = parse(args, {}, 1);
      const login = positionals[0];
      if (!login) usage('password needs the login: password NAME');
      // 144 random bits as 24 URL-safe characters: above the 12-character minimum, and typeable.
      const password = randomBytes(18).toString('base64url');
      await store.setPassword(login, password, SYSTEM_ACTOR);
      console.log(`new password for ${login} (shown once): ${password}`);
      return;
    }
    default:
      usage(command ? `unknown command: ${command}` : 'give a command');
  }
}

async function main(argv: string[]): Promise<number> {
  const [command = '', ...args] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (!['add', 'token', 'revoke', 'list', 'password'].includes(command)) usage(command ? `unknown command: ${command}` : 'give a command');
  const config = loadConfig();
  const store = await openAppStore(config, await loadDirectory());
  try {
    await run(store, command, args);
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error: unknown) => {
    if (error instanceof Exit) process.exit(error.status);
    if (error instanceof StoreError) {
      const what = error.code === 'NOT_FOUND' ? 'not found' : 'refused';
      console.error(`${what}: ${error.message}`);
      process.exit(1);
    }
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(`accounts: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
