import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { z } from 'zod';
import {
  createOrganisation,
  createUser,
  disableUser,
  Email,
  OrganisationKindName,
  OrganisationName,
  Password,
  RoleName,
} from '../../auth/accounts.js';
import { randomSecret } from '../../auth/secrets.js';
import { argon2Passwords } from '../../auth/service.js';
import { ConfigError, loadConfig } from '../../config.js';
import { AppError } from '../../errors.js';
import { openConfiguredStore } from '../../store/open.js';
import { DuplicateKeyError, type Store } from '../../store/types.js';

/**
 * Accounts from the command line (issue 12): the store the server uses (DATA_DIR / DB_FILE / DATABASE_URL),
 * so `sua-sandbox users add EMAIL --role regulator` creates the first regulator without any default password.
 * Bad input: one message naming the field on stderr, exit code 2.
 */
class CliInputError extends Error {}

const repoRoot = path.resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
/** The HTTP field names the shared account checks report, as this command's options. */
const CLI_FIELDS: Record<string, string> = { 'body.orgId': '--org', 'body.email': 'EMAIL', 'body.role': '--role' };
/** The audit log's actor for command-line changes: the operating-system user at the console. */
const cliActor = () => ({ actor: `cli:${os.userInfo().username}` });

function parse<T extends z.ZodType>(schema: T, value: unknown, field: string): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new CliInputError(`${field}: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data;
}

async function openStore(): Promise<Store> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, repoRoot);
  } catch (err) {
    if (err instanceof ConfigError) throw new CliInputError(err.message);
    throw err;
  }
  return openConfiguredStore(config);
}

/** Opens the store, runs `fn`, closes; input errors (and duplicates) print one line and exit 2. */
function withStore<A extends unknown[]>(fn: (store: Store, ...args: A) => Promise<void>) {
  return async (...args: A) => {
    let store: Store | undefined;
    try {
      store = await openStore();
      await fn(store, ...args);
    } catch (err) {
      const input =
        err instanceof CliInputError || err instanceof DuplicateKeyError || (err instanceof AppError && err.expose);
      if (!input) throw err;
      const field = err instanceof AppError ? err.issues?.[0]?.path.join('.') : undefined;
      const where = field ? `${CLI_FIELDS[field] ?? field}: ` : '';
      process.stderr.write(`error: ${where}${err.message}\n`);
      process.exitCode = 2;
    } finally {
      await store?.close();
    }
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

interface AddOptions {
  role?: string;
  org?: string;
  passwordStdin?: boolean;
}

async function addUser(store: Store, emailArg: string, opts: AddOptions): Promise<void> {
  const email = parse(Email, emailArg, 'EMAIL');
  const role = parse(RoleName, opts.role, '--role');
  let orgId: string | null = null;
  if (opts.org !== undefined) {
    const org = await store.accounts.findOrganisationByName(opts.org);
    if (!org)
      throw new CliInputError(`--org: no organisation named "${opts.org}" (sua-sandbox orgs add NAME --kind …)`);
    orgId = org.id;
  }
  const given = opts.passwordStdin ? parse(Password, await readStdin(), 'password (stdin)') : undefined;
  const password = given ?? randomSecret(18);
  const user = await createUser(store, cliActor(), { email, role, orgId, password }, argon2Passwords);
  process.stdout.write(`created ${user.role} ${user.email} (id ${user.id})\n`);
  // shown once: only its hash is kept
  if (given === undefined) process.stdout.write(`password (shown once, change it after signing in): ${password}\n`);
}

export function register(program: Command): void {
  const users = program.command('users').description('accounts: add, list, disable');
  users
    .command('add')
    .description('create an account; prints a generated password once unless --password-stdin')
    .argument('<email>', 'sign-in email (case-insensitive)')
    .requiredOption('--role <role>', 'viewer | applicant | regulator | admin')
    .option('--org <name>', 'organisation (an applicant needs an operator organisation)')
    .option('--password-stdin', 'read the password from standard input')
    .action(withStore(addUser));
  users
    .command('list')
    .description('every account')
    .option('--json', 'print as JSON')
    .action(
      withStore(async (store, opts: { json?: boolean }) => {
        const orgs = new Map((await store.accounts.listOrganisations()).map((o) => [o.id, o.name]));
        const list = (await store.accounts.listUsers()).map((u) => ({
          id: u.id,
          email: u.email,
          role: u.role,
          orgId: u.orgId,
          organisation: u.orgId ? (orgs.get(u.orgId) ?? null) : null,
          disabled: u.disabled,
          createdAt: u.createdAt,
        }));
        if (opts.json) return void process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        for (const u of list)
          process.stdout.write(
            `${u.email}  ${u.role}${u.disabled ? '  (disabled)' : ''}${u.organisation ? `  ${u.organisation}` : ''}  ${u.createdAt}\n`,
          );
      }),
    );
  users
    .command('disable')
    .description('disable an account: its sessions end and its API tokens stop working')
    .argument('<email>')
    .action(
      withStore(async (store, emailArg: string) => {
        const email = parse(Email, emailArg, 'EMAIL');
        const user = await store.accounts.findUserByEmail(email);
        if (!user) throw new CliInputError(`EMAIL: no account ${email}`);
        await disableUser(store, cliActor(), user, new Date().toISOString());
        process.stdout.write(`disabled ${user.email}\n`);
      }),
    );

  const orgs = program.command('orgs').description('organisations: add, list');
  orgs
    .command('add')
    .description('register an organisation')
    .argument('<name>')
    .requiredOption('--kind <kind>', 'operator | government | regulator')
    .action(
      withStore(async (store, nameArg: string, opts: { kind?: string }) => {
        const name = parse(OrganisationName, nameArg, 'NAME');
        const kind = parse(OrganisationKindName, opts.kind, '--kind');
        const org = await createOrganisation(store, cliActor(), { name, kind });
        process.stdout.write(`created ${org.kind} organisation ${org.name} (id ${org.id})\n`);
      }),
    );
  orgs
    .command('list')
    .description('every organisation')
    .action(
      withStore(async (store) => {
        for (const o of await store.accounts.listOrganisations())
          process.stdout.write(`${o.name}  ${o.kind}  (id ${o.id})\n`);
      }),
    );
}
