// The `pronto-sync` command line, on commander (https://github.com/tj/commander.js): one
// subcommand each, help and usage errors from the library. Each action reads the configuration
// (central/config.ts) only when it runs, so `--help` needs no valid environment, and imports its
// module only then: `status` does not load the HTTP server, `--help` loads next to nothing.
import { Command, Option } from 'commander';
import { loadConfig, type CentralConfig } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import type { Outcome } from './server-commands.js';
import { MAX_SKUS, MAX_STORES } from '../seed/seed-options.js';

export interface CliIo {
  env: Record<string, string | undefined>;
  out: NodeJS.WriteStream;
  err: NodeJS.WriteStream;
  /** Called once with what the command came to: an exit code, or 'running' for start and resolve. */
  done(outcome: Outcome): void;
}

export function createProgram(io: CliIo): Command {
  const setting = (): { config: CentralConfig; log: Logger } => {
    const config = loadConfig(io.env);
    // Everything this process writes (secrets in DATA_DIR, above all) is its owner's alone.
    process.umask(0o077);
    return { config, log: createLogger(config.logLevel) };
  };
  const program = new Command('pronto-sync')
    .description('Pronto Sync central: run it, set it up, check it, seed it')
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) })
    .showHelpAfterError('(pronto-sync --help lists the commands)')
    // Usage errors and help throw a CommanderError (cli.ts turns it into an exit code) instead of
    // exiting here; subcommands inherit the setting when they are created.
    .exitOverride();
  program.command('start').description('start central (embedded CouchDB unless COUCHDB_URL is set) and serve HTTP on PORT')
    .action(async () => { const { config, log } = setting(); io.done(await (await import('./server-commands.js')).startCommand(config, log)); });
  program.command('setup').description('create databases, design docs and _security; changes nothing when all is in place')
    .action(async () => { const { config, log } = setting(); io.done(await (await import('./server-commands.js')).setupCommand(config, log, io.out)); });
  program.command('status').description('the chain at a glance: CouchDB, design docs, _security, change follower, stores, conflicts, audit chain; exits 0 healthy, 1 degraded, 2 down')
    .option('--json', 'the report as JSON, for scripts')
    .option('--max-lag <changes>', 'changes the follower may be behind on a database before it is degraded (default 100)')
    .option('--max-conflicts <count>', 'conflicts that may wait for an admin before it is degraded (default 50)')
    .action(async (options: { json?: boolean; maxLag?: string; maxConflicts?: string }) => {
      io.done(await (await import('./status-command.js')).statusCommand(setting().config, options, io.out, io.env));
    });
  program.command('seed').description('seed the demo chain, or --stores N --skus M synthetic stores × SKUs; seeding again adds only what is missing')
    .addOption(new Option('--stores <n>', `synthetic stores, 1 to ${MAX_STORES}`))
    .addOption(new Option('--skus <m>', `synthetic SKUs, 1 to ${MAX_SKUS}`))
    .action(async (options: { stores?: string; skus?: string }) => {
      const { config, log } = setting();
      io.done(await (await import('./seed-command.js')).seedCommand(config, log, options, io.out, io.err));
    });
  program.command('resolve').description("run only the change-feed dispatcher (conflicts, signature and rule checks, duplicates, till status) against COUCHDB_URL")
    .action(async () => { const { config, log } = setting(); io.done(await (await import('./server-commands.js')).resolveCommand(config, log, io.err)); });
  program.command('simulate').description('virtual tills selling through the real store-client against a running central, then an invariant check; exits 0 when every invariant holds, 1 when one breaks, 64 for bad input (simulate --help)')
    .allowUnknownOption().helpOption(false).argument('[args...]')
    .action(async (args: string[]) => {
      io.done(await (await import('../simulate/index.js')).simulateCommand(args, io.env, { stderr: io.err, stdout: io.out }));
    });
  const secrets = program.command('secrets').description('the secrets every central on one CouchDB must share');
  secrets.command('publish').description("publish this central's secret fingerprints, which every central compares at start: the step that rotates a shared secret (docs/OPERATIONS.md)")
    .option('--force', 'also publish a changed AUDIT_KEY, CUSTOMER_DATA_KEY or CUSTOMER_INDEX_KEY (data stored under the old key stays unreadable)')
    .action(async (options: { force?: boolean }) => {
      const { config, log } = setting();
      io.done(await (await import('./secrets-command.js')).secretsPublishCommand(config, log, options, io.out, io.err));
    });
  const audit = program.command('audit').description('the audit trail');
  audit.command('verify').description('walk the audit hash chain and name the first broken link; exits 1 when broken')
    .action(async () => { const { config, log } = setting(); io.done(await (await import('./server-commands.js')).auditVerifyCommand(config, log, io.out)); });
  return program;
}
