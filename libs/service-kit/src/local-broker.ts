// The broker of the embedded stack and of the end-to-end suites: fauxqs (an SNS/SQS emulator)
// in-process, optionally persisted to a folder, with exactly the topology the CloudFormation
// messaging stack creates (names and redrive count from libs/contracts' broker-names.json):
// flow-request → flow-transaction (raw delivery, redrive to flow-transaction-dlq), and
// flow-callback. One extra queue, flow-callback-local, subscribed to flow-callback, lets a
// developer (and the tests) read the outcomes a producer would receive.
// Not for production images: fauxqs is a development dependency.
import diagnosticsChannel from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { brokerNames } from '@flow/contracts';
import { startFauxqs } from 'fauxqs';
import { isLoopback, reachableHost } from './server.ts';

export const callbackTapQueue = 'flow-callback-local';
/** Matches the messaging stack's default `TransactionVisibilityTimeoutSeconds`. */
export const transactionVisibilityTimeoutSeconds = 60;

export interface LocalBrokerOptions {
  /** Folder for fauxqs's SQLite store; in memory when absent. */
  readonly dataDir?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Host clients use to reach the broker (the endpoint's host); 127.0.0.1 by default. */
  readonly host?: string;
  readonly region?: string;
  /** Seconds a received transaction message stays invisible (tests shorten it). */
  readonly visibilityTimeoutSeconds?: number;
}

export interface LocalBroker {
  /** The SNS/SQS endpoint, e.g. http://127.0.0.1:4566, for FLOW_AWS_ENDPOINT. */
  readonly endpoint: string;
  readonly region: string;
  readonly requestTopicArn: string;
  readonly callbackTopicArn: string;
  readonly transactionQueueUrl: string;
  readonly deadLetterQueueUrl: string;
  readonly callbackTapQueueUrl: string;
  stop(): Promise<void>;
}

export async function startLocalBroker(options: LocalBrokerOptions = {}): Promise<LocalBroker> {
  const region = options.region ?? 'us-east-1';
  const host = options.host ?? '127.0.0.1';
  // fauxqs always listens on 0.0.0.0; its `host` option is the host it writes into queue URLs
  // (sqs.<region>.<host>), and "sqs.us-east-1.127.0.0.1" is not a valid URL. Without it, queue
  // URLs are http://127.0.0.1:<port>/…, which parse and resolve everywhere.
  const server = await startFauxqs({
    port: options.port ?? 0,
    logger: false,
    defaultRegion: region,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
  });
  const deadLetterArn = `arn:aws:sqs:${region}:000000000000:${brokerNames.transactionDeadLetterQueue}`;
  const visibility = String(options.visibilityTimeoutSeconds ?? transactionVisibilityTimeoutSeconds);
  // setup() is idempotent: on a restart from the data folder it finds everything in place.
  const created = server.setup({
    queues: [
      { name: brokerNames.transactionDeadLetterQueue, attributes: { MessageRetentionPeriod: '1209600' } },
      {
        name: brokerNames.transactionQueue,
        attributes: {
          VisibilityTimeout: visibility,
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: deadLetterArn,
            maxReceiveCount: String(brokerNames.redriveReceiveCountMax),
          }),
        },
      },
      { name: callbackTapQueue },
    ],
    topics: [{ name: brokerNames.requestTopic }, { name: brokerNames.callbackTopic }],
    subscriptions: [
      { topic: brokerNames.requestTopic, queue: brokerNames.transactionQueue, attributes: { RawMessageDelivery: 'true' } },
      { topic: brokerNames.callbackTopic, queue: callbackTapQueue, attributes: { RawMessageDelivery: 'true' } },
    ],
  });
  const stopGuard = isLoopback(host) ? guardLoopback(server.port) : () => {};
  const queueUrl = (name: string) => created.queues.find((queue) => queue.name === name)!.url;
  const topicArn = (name: string) => created.topics.find((topic) => topic.name === name)!.arn;
  return {
    endpoint: `http://${reachableHost(host)}:${server.port}`,
    region,
    requestTopicArn: topicArn(brokerNames.requestTopic),
    callbackTopicArn: topicArn(brokerNames.callbackTopic),
    transactionQueueUrl: queueUrl(brokerNames.transactionQueue),
    deadLetterQueueUrl: queueUrl(brokerNames.transactionDeadLetterQueue),
    callbackTapQueueUrl: queueUrl(callbackTapQueue),
    async stop() {
      stopGuard();
      await server.stop();
    },
  };
}

/**
 * fauxqs listens on every interface and checks no credentials, so anyone on the network could
 * publish postings straight to flow-request, past ingest's tokens. When the stack is meant for
 * this machine only, every connection to the broker's port from another address is cut as it
 * is accepted (Node reports each accepted socket on the `net.server.socket` channel).
 * Returns the function that removes the guard.
 */
function guardLoopback(port: number): () => void {
  const guard = (message: unknown) => {
    const { socket } = message as { socket: Socket };
    if (socket.localPort === port && !isLoopback(socket.remoteAddress)) socket.destroy();
  };
  diagnosticsChannel.subscribe('net.server.socket', guard);
  return () => diagnosticsChannel.unsubscribe('net.server.socket', guard);
}
