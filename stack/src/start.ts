// `npm start`: the embedded local stack in the foreground, with a banner of URLs and a ready
// curl example once everything listens. Ctrl-C (SIGINT) or SIGTERM stops it cleanly; the data
// folder keeps every accepted posting, message and balance for the next start.
import { businessDate } from '@flow/ledger-core';
import { runFromEnvironment, type Logger } from '@flow/service-kit';
import { consoleLink } from './console-link.ts';
import { demoAccount, demoBranch, demoEventCode } from './demo-catalog.ts';
import { startLocalStack, type LocalStack } from './local-stack.ts';
import { readStackConfig, type StackConfig } from './stack-config.ts';

async function startWithBanner(config: Readonly<StackConfig>, logger: Logger): Promise<LocalStack> {
  const stack = await startLocalStack({
    ...config,
    environment: { ...process.env, FLOW_LOG_LEVEL: config.logLevel },
  });
  logger.info('stack_ready', { ingestUrl: stack.ingestUrl, queryApiUrl: stack.queryApiUrl, dataDir: config.dataDir });
  process.stdout.write(banner(stack, config, await consoleLink(stack)));
  return {
    ...stack,
    // One line on the terminal when Ctrl-C (or SIGTERM) has stopped everything.
    async stop() {
      const started = performance.now();
      process.stdout.write('Stopping Flow…\n');
      await stack.stop();
      const elapsed = Math.round(performance.now() - started);
      process.stdout.write(`Flow stopped in ${elapsed} ms: ingest, query-api, worker, broker and database; data kept in ${config.dataDir}\n`);
    },
  };
}

function banner(stack: LocalStack, config: Readonly<StackConfig>, consoleUrl: string): string {
  const today = businessDate(new Date(), process.env.FLOW_BUSINESS_TIME_ZONE || 'America/Sao_Paulo');
  const posting = JSON.stringify({
    branch: demoBranch,
    account: demoAccount,
    amount: '100.00',
    debitCredit: 'C',
    eventCode: demoEventCode,
    dateRef: today,
    description: 'Primeiro lançamento',
  });
  return [
    '',
    'Flow is running (embedded stack: PGlite + fauxqs, data in ' + config.dataDir + ')',
    `  ingest      ${stack.ingestUrl}     (Swagger UI: ${stack.ingestUrl}/docs)`,
    `  query-api   ${stack.queryApiUrl}     (Swagger UI: ${stack.queryApiUrl}/docs)`,
    `  worker      ${stack.workerHealthUrl}/health/ready`,
    `  metrics     ${stack.metricsUrls.ingest}  ${stack.metricsUrls.queryApi}  ${stack.metricsUrls.worker}`,
    `  SNS/SQS     ${stack.broker.endpoint}  (outcomes are copied to the queue flow-callback-local)`,
    `  database    ${stack.databaseUrl}  (psql, and \`npx flow …\`: see stack.json in the data folder)`,
    '',
    'Console (cash flow, statement, live outcomes; the link signs you in for 12 hours):',
    `  ${consoleUrl}`,
    '',
    'Try it (in another terminal, from this folder):',
    `  TOKEN=$(${config.dataDir === './.flow' ? '' : `FLOW_DATA_DIR='${config.dataDir}' `}npm run token --silent)`,
    `  curl -s -X POST ${stack.ingestUrl}/v1/transactions -H "Authorization: Bearer $TOKEN" \\`,
    `    -H 'Content-Type: application/json' -d '${posting}'`,
    `  curl -s -H "Authorization: Bearer $TOKEN" '${stack.queryApiUrl}/v1/accounts/${demoBranch}/${demoAccount}/statement?from=${today}&to=${today}'`,
    '',
    'Stop with Ctrl-C.',
    '',
  ].join('\n');
}

await runFromEnvironment({ service: 'local-stack', environment: process.env, readConfig: readStackConfig, start: startWithBanner });
