// The composition root: startIngest listens with the real dependencies, and stop() answers the
// requests in flight and flushes the batcher before it returns; main.ts refuses a bad
// environment with exit status 1 and every problem on stderr.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import { startLocalBroker, type LocalBroker } from '@flow/service-kit/local-broker';
import { readIngestConfig } from './config.ts';
import { startIngest, type RunningIngest } from './start.ts';
import { bearer, captureLogs, drainPostingMessages, postingBody, testEnvironment } from './test-support.ts';

let broker: LocalBroker;
let sqs: SQSClient;

beforeAll(async () => {
  broker = await startLocalBroker();
  sqs = new SQSClient({ region: broker.region, endpoint: broker.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});

afterAll(async () => {
  sqs.destroy();
  await broker.stop();
});

describe('startIngest', () => {
  let ingest: RunningIngest | undefined;
  afterEach(async () => ingest?.stop());

  test('listens on a free port, accepts over HTTP, and stop() answers the requests in flight', async () => {
    // A long linger keeps the postings in the batcher while stop() begins.
    const config = readIngestConfig(testEnvironment(broker.endpoint, broker.requestTopicArn, { FLOW_PUBLISH_LINGER_MS: '100' }));
    const logs = captureLogs();
    ingest = await startIngest(config, { logger: logs.logger });
    expect(ingest.url).toBe(`http://127.0.0.1:${ingest.port}`);
    expect(logs.lines()).toContainEqual(expect.objectContaining({ code: 'service_started', url: ingest.url }));
    const authorization = await bearer();
    const answers = Array.from({ length: 5 }, () => fetch(`${ingest!.url}/v1/transactions`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(postingBody()),
    }).then(async (answer) => ({ status: answer.status, body: await answer.json() as { id: string } }), () => undefined));
    // Stop once every request reached the batcher (held, or already confirmed and logged), however
    // slow the machine: each of them is then in flight, and stop() must answer it with a 202.
    const acceptedLines = () => logs.lines().filter((line) => line.code === 'postings_accepted').length;
    while (ingest.heldPostings() + acceptedLines() < answers.length) await new Promise((resolve) => setTimeout(resolve, 5));
    await ingest.stop();
    // I4: every 202 is on the queue, and nothing is there without its 202.
    const accepted = (await Promise.all(answers)).filter((answer) => answer?.status === 202).map((answer) => answer!.body.id);
    expect(accepted).toHaveLength(answers.length);
    const published = await drainPostingMessages(sqs, broker.transactionQueueUrl);
    expect(published.flatMap((message) => message.postings.map(({ id }) => id)).sort()).toEqual(accepted.sort());
    await expect(fetch(`${ingest.url}/health/live`)).rejects.toThrow();
  });

  test('with a drain, stop() keeps serving while readiness answers 503, then closes the listener', async () => {
    const drainMs = 2_000;
    const config = readIngestConfig(testEnvironment(broker.endpoint, broker.requestTopicArn, { FLOW_SHUTDOWN_DRAIN_MS: String(drainMs) }));
    ingest = await startIngest(config, { logger: captureLogs().logger });
    expect((await fetch(`${ingest.url}/health/ready`)).status).toBe(200);
    let stopped = false;
    const stopping = ingest.stop().then(() => (stopped = true));
    const ready = await fetch(`${ingest.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ checks: { accepting: 'unavailable' } });
    const answer = await fetch(`${ingest.url}/v1/transactions`, {
      method: 'POST',
      headers: { authorization: await bearer(), 'content-type': 'application/json' },
      body: JSON.stringify(postingBody()),
    });
    expect(answer.status).toBe(202);
    const { id } = await answer.json() as { id: string };
    expect(stopped).toBe(false);
    await stopping;
    await expect(fetch(`${ingest.url}/health/live`)).rejects.toThrow();
    const published = await drainPostingMessages(sqs, broker.transactionQueueUrl);
    expect(published.flatMap((message) => message.postings.map((posting) => posting.id))).toEqual([id]);
  });

  test('without a drain (the default), stop() closes the listener at once', async () => {
    ingest = await startIngest(readIngestConfig(testEnvironment(broker.endpoint, broker.requestTopicArn)), { logger: captureLogs().logger });
    const url = ingest.url;
    await ingest.stop();
    await expect(fetch(`${url}/health/ready`)).rejects.toThrow();
  });
});

describe('main.ts', () => {
  test('a bad environment: exit status 1 and every bad variable named on stderr', () => {
    const main = join(import.meta.dirname, 'main.ts');
    const run = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH, FLOW_PORT: 'eighty', FLOW_JWT_SECRET: 'flow-ingest-test-secret-of-at-least-32-bytes' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('FLOW_REQUEST_TOPIC_ARN is required');
    expect(run.stderr).toContain('FLOW_PORT');
  });
});
