// What ingest's suites share: a real broker (fauxqs, Flow's topology) or a dead one, an ingest
// app wired to it with the real publisher, tokens, captured log lines, and a reader of the
// transaction queue that decodes what the worker would receive. Not imported by the service.
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { decodePostingMessage, type Posting } from '@flow/contracts';
import {
  createAuthenticator,
  createLogger,
  createSnsClient,
  signEmbeddedToken,
  type Environment,
  type Logger,
  type Scope,
} from '@flow/service-kit';
import type { Express } from 'express';
import { createIngestApp } from './app.ts';
import { readIngestConfig, type IngestConfig } from './config.ts';
import { createPostingPublisher, type PostingPublisher } from './publisher.ts';

export const testSecret = 'flow-ingest-test-secret-of-at-least-32-bytes';

export function testEnvironment(endpoint: string, requestTopicArn: string, extra: Environment = {}): Environment {
  return {
    FLOW_JWT_SECRET: testSecret,
    FLOW_AWS_ENDPOINT: endpoint,
    FLOW_AWS_REGION: 'us-east-1',
    FLOW_REQUEST_TOPIC_ARN: requestTopicArn,
    FLOW_HOST: '127.0.0.1',
    FLOW_PORT: '0',
    ...extra,
  };
}

/** A bearer token for the test secret; every branch unless `branches` narrows it (null: no claim). */
export async function bearer(scopes: readonly Scope[] = ['flow:post'], branches?: readonly string[] | null): Promise<string> {
  return `Bearer ${await signEmbeddedToken({ secret: testSecret, scopes, branches })}`;
}

export interface LogCapture {
  readonly logger: Logger;
  /** Every JSON line written so far. */
  lines(): Record<string, unknown>[];
}

export function captureLogs(): LogCapture {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  let partial = '';
  stream.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop()!;
    for (const part of parts) if (part !== '') lines.push(JSON.parse(part) as Record<string, unknown>);
  });
  return { logger: createLogger({ service: 'flow-ingest', level: 'debug', stream }), lines: () => lines };
}

export interface TestIngest {
  readonly app: Express;
  readonly config: Readonly<IngestConfig>;
  readonly publisher: PostingPublisher;
  readonly logs: LogCapture;
  close(): Promise<void>;
}

/** The ingest app with its real publisher and SNS client, as start.ts wires them, without listening. */
export function buildTestIngest(environment: Environment): TestIngest {
  const config = readIngestConfig(environment);
  const logs = captureLogs();
  const sns = createSnsClient(config.aws);
  const publisher = createPostingPublisher({ sns, topicArn: config.requestTopicArn, ...config.publish }, logs.logger);
  const app = createIngestApp({ config, publisher, authenticator: createAuthenticator(config.auth), logger: logs.logger });
  return {
    app, config, publisher, logs,
    async close() {
      await publisher.close();
      sns.destroy();
    },
  };
}

let serial = 0;

/** A valid posting as a producer sends it, without id or traceKey unless `fields` brings them. */
export function postingBody(fields: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    branch: '0001',
    account: `ACC${serial}`,
    amount: `${serial}.00`,
    debitCredit: serial % 2 === 0 ? 'D' : 'C',
    eventCode: 494,
    dateRef: '2025-03-10',
    ...fields,
  };
}

export interface ReceivedMessage {
  readonly bytes: number;
  readonly postings: readonly Posting[];
  /** The message's W3C `traceparent` attribute. */
  readonly traceparent: string | undefined;
}

/**
 * Receives and deletes every message on the queue until it stays empty for `quietReads` reads,
 * decoding each as the worker would; a message that does not decode fails the test.
 */
export async function drainPostingMessages(sqs: SQSClient, queueUrl: string, quietReads = 2): Promise<ReceivedMessage[]> {
  const received: ReceivedMessage[] = [];
  for (let quiet = 0; quiet < quietReads;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({
      QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageAttributeNames: ['All'],
    }));
    if (Messages.length === 0) {
      quiet += 1;
      continue;
    }
    for (const message of Messages) {
      const decoded = decodePostingMessage(message.Body ?? '');
      if (!decoded.ok) throw new Error(`undecodable posting message: ${decoded.problem}`);
      received.push({
        bytes: Buffer.byteLength(message.Body ?? ''), postings: decoded.postings, traceparent: message.MessageAttributes?.traceparent?.StringValue,
      });
    }
    await sqs.send(new DeleteMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
    }));
  }
  return received;
}

export interface DeadBroker {
  readonly endpoint: string;
  /** TCP connections the SNS client opened to it: proof of whether a publish was attempted. */
  connections(): number;
  stop(): Promise<void>;
}

/**
 * A broker that is down in one of two ways: `reset` drops every connection at once (the SDK
 * sees a network error), `silent` accepts and never answers (the publish must time out).
 */
export async function startDeadBroker(mode: 'reset' | 'silent'): Promise<DeadBroker> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections += 1;
    if (mode === 'reset') {
      socket.resetAndDestroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    connections: () => connections,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface HalfBroker {
  readonly endpoint: string;
  /** HTTP requests passed on to the real broker, and the ones whose connection was reset. */
  forwarded(): number;
  reset(): number;
  stop(): Promise<void>;
}

/**
 * A broker that fails halfway: the first `forwardMax` HTTP requests are passed on to the real
 * broker at `target`, every later one has its connection reset (the SDK sees a network error,
 * and its retries are reset too). So a request spread over two messages lands one and fails one.
 */
export async function startHalfBroker(target: string, forwardMax: number): Promise<HalfBroker> {
  let forwarded = 0;
  let reset = 0;
  const server = createHttpServer((incoming, outgoing) => {
    if (forwarded >= forwardMax) {
      reset += 1;
      incoming.socket.resetAndDestroy();
      return;
    }
    forwarded += 1;
    const upstream = httpRequest(`${target}${incoming.url ?? '/'}`, { method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    forwarded: () => forwarded,
    reset: () => reset,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
