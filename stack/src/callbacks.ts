// `npm run callbacks [-- --follow]`: prints the outcomes and balance changes waiting on
// flow-callback-local — the queue the embedded stack subscribes to flow-callback — one JSON line
// per outcome and per balance change (`"kind":"flow.balance-changes"`), and removes them from
// the queue (a producer's consumer would do the same). With --follow it keeps reading
// until Ctrl-C. It speaks SQS's JSON protocol through the AWS SDK, which the embedded broker
// (fauxqs) requires; FLOW_BROKER_PORT names another port than 4566.
import { parseArgs } from 'node:util';
import { balanceChangeMessageKind, decodeBalanceChangeMessage, decodeOutcomeMessage } from '@flow/contracts';
import { GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { createSqsClient } from '@flow/service-kit';
import { callbackTapQueue } from '@flow/service-kit/local-broker';
import { drainCallbacks } from './callback-reader.ts';

const { values } = parseArgs({ options: { follow: { type: 'boolean', default: false } }, strict: true });
const port = Number(process.env.FLOW_BROKER_PORT ?? 4566);
const sqs = createSqsClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}` });
let stopping = false;
process.once('SIGINT', () => {
  stopping = true;
});
/** An outcome message's outcomes, or a balance-change message's changes marked with its kind. */
function decodeCallback(body: string): readonly object[] {
  if (!body.startsWith(`{"kind":"${balanceChangeMessageKind}"`)) return decodeOutcomeMessage(body).outcomes;
  return decodeBalanceChangeMessage(body).changes.map((change) => ({ kind: balanceChangeMessageKind, ...change }));
}

try {
  const { QueueUrl: queueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: callbackTapQueue }));
  do {
    const items = await drainCallbacks(sqs, queueUrl!, values.follow ? 5 : 0, decodeCallback);
    for (const item of items) process.stdout.write(`${JSON.stringify(item)}\n`);
  } while (values.follow && !stopping);
} catch (error) {
  process.stderr.write(`npm run callbacks: cannot read ${callbackTapQueue} on port ${port} (is npm start running?): ${String(error)}\n`);
  process.exitCode = 2;
} finally {
  sqs.destroy();
}
