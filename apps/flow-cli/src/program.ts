// The `flow` command line (commander): one sub-command per operational duty, each with its own
// --help. Exit status: 0 all good, 1 the command found problems (differences, messages left),
// 2 it could not run (bad arguments, configuration, an unreachable database or broker).
import { Command, CommanderError, Option } from 'commander';
import { errorFields, logLevels, type Environment, type LogLevel } from '@flow/service-kit';
import { archiveCommand, restoreCommand } from './commands/archive-command.ts';
import { brokerInit } from './commands/broker-init.ts';
import { dlqList, dlqRedrive, dlqShow } from './commands/dlq.ts';
import { migrateCommand } from './commands/migrate.ts';
import { reconcileCommand } from './commands/reconcile.ts';
import { tokenCommand } from './commands/token.ts';
import { readFlowConfig, type FlowConfig } from './config.ts';
import { createOutput, type Output, type Streams } from './output.ts';
import { UsageError } from './usage-error.ts';

export const exitCodes = { ok: 0, problems: 1, failed: 2 } as const;

export interface CommandContext {
  readonly config: Readonly<FlowConfig>;
  readonly output: Output;
  readonly environment: Environment;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command declares its own options; commander hands them untyped
type Action = (context: CommandContext, options: any, args: string[]) => Promise<number>;

export async function runFlow(argv: readonly string[], environment: Environment, streams: Streams): Promise<number> {
  let exitCode: number = exitCodes.ok;
  let output: Output | undefined;
  const logLevel = (logLevels as readonly string[]).includes(environment.FLOW_LOG_LEVEL ?? '') ? environment.FLOW_LOG_LEVEL as LogLevel : 'info';
  const run = (action: Action) => async (...parameters: unknown[]) => {
    const command = parameters.at(-1) as Command;
    const options = command.opts<{ json?: boolean }>();
    output = createOutput(streams, { json: options.json === true, logLevel });
    exitCode = await action({ config: readFlowConfig(environment), output, environment }, options, command.args);
  };
  const program = buildProgram(run, streams);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.failed;
    const fields = error instanceof UsageError ? { error: error.message } : errorFields(error);
    (output ?? createOutput(streams, { json: false, logLevel })).logger.error('command_failed', fields);
    streams.stderr.write(`flow: ${(error as Error).message}\n`);
    return exitCodes.failed;
  }
  return exitCode;
}

function buildProgram(run: (action: Action) => (...parameters: unknown[]) => Promise<void>, streams: Streams): Command {
  const json = () => new Option('--json', 'print the report as one JSON document on stdout');
  const program = new Command('flow')
    .description('Operations of Flow: reconcile, archive and restore months, dead letters, broker topology, migrations, tokens.\n' +
      'Configured by the FLOW_* variables of the services; next to a running `npm start` it needs none.')
    .exitOverride()
    .configureOutput({ writeOut: (text) => streams.stdout.write(text), writeErr: (text) => streams.stderr.write(text) })
    .showHelpAfterError();
  program.command('reconcile')
    .description('recompute daily and accumulated totals from the ledger and list every difference (exit 1 when any); records the run')
    .option('--branch <branch>', 'only this branch').option('--account <account>', 'only this account (with --branch)')
    .option('--from <date>', 'report days from this date (YYYY-MM-DD)').option('--to <date>', 'report days up to this date (YYYY-MM-DD)')
    .addOption(json()).action(run(reconcileCommand));
  program.command('archive')
    .description('export a month of entries to the lake (Parquet + manifest), verify it, checkpoint the balances and drop the partition')
    .option('--month <YYYY-MM>', 'the month to archive')
    .option('--keep-months <n>', 'instead of --month: archive, oldest first, every month before the last n (the schedule\'s form)')
    .addOption(json()).action(run(archiveCommand));
  program.command('restore')
    .description('read an archived month back from the lake, verify it against its manifest and attach it again')
    .requiredOption('--month <YYYY-MM>', 'the month to restore').addOption(json()).action(run(restoreCommand));
  const dlq = program.command('dlq').description('the dead-letter queue flow-transaction-dlq: list, show and redrive its messages');
  dlq.command('list').description('count the messages waiting in the dead-letter queue (exit 1 when any)').addOption(json()).action(run(dlqList));
  dlq.command('show').description('print the messages of the dead-letter queue without removing them')
    .option('--max <n>', 'at most this many messages', '10').addOption(json()).action(run(dlqShow));
  dlq.command('redrive').description('move messages back to flow-transaction (receive, send, delete; exit 1 when some are left)')
    .option('--max <n>', 'at most this many messages (default: all)').addOption(json()).action(run(dlqRedrive));
  const broker = program.command('broker').description('the SNS/SQS topology');
  broker.command('init').description('create (or find) the topics, queues, dead-letter queue, subscription and redrive policy, idempotently')
    .addOption(json()).action(run(brokerInit));
  program.command('migrate').description('apply the database migrations (as `npm start` and the worker do)').addOption(json()).action(run(migrateCommand));
  program.command('token').description('print a bearer token signed with the embedded stack\'s secret (the data folder\'s)')
    .option('--branches <list>', 'comma-separated branch codes, or *', '*').option('--scopes <list>', 'comma-separated scopes (default: all)')
    .option('--subject <subject>', 'the token\'s subject').addOption(json()).action(run(tokenCommand));
  return program;
}
