// The Lambda worker across a database password rotation (issue 14, item 4). An instance built
// from its variables as deployed (FLOW_DATABASE_SECRET_ARN, the secret read through the real SDK
// client from a local endpoint speaking Secrets Manager's JSON protocol), on a private PostgreSQL
// server that checks passwords (initdb --auth=scram-sha-256), records from the real queue (fauxqs).
// Mid-run the password changes and every session is cut: the next invocation applies its record
// without a failure and without a new instance, because the pool read the secret again.
// Skipped only where the server binaries are absent.
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { businessDate, connectPostgres, migrate, type Database } from '@flow/ledger-core';
import {
  makePosting, privateServerBinaries, runOnServer, seedCatalog, startPrivateServer, type PrivateServer,
} from '@flow/ledger-core/testing';
import { startLocalBroker, type LocalBroker } from '@flow/service-kit/local-broker';
import {
  brokerClient, startSecretsManagerEndpoint, waitFor, type BrokerClient, type SecretsManagerEndpoint,
} from '@flow/service-kit/testing';
import { createCachedHandler, initializeLambda, type LambdaHandler, type LambdaInstance } from './handler.ts';

const binaries = privateServerBinaries();
const secretArn = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:flow-lambda-worker';
const login = 'rot_lambda';
const today = businessDate(new Date(), 'America/Sao_Paulo');

const suite = typeof binaries === 'string' ? describe.skip : describe;
const title = typeof binaries === 'string' ? `the Lambda across a password rotation (skipped: ${binaries})` : 'the Lambda across a password rotation';

suite(title, () => {
  let server: PrivateServer;
  let owner: Database;
  let secrets: SecretsManagerEndpoint;
  let broker: LocalBroker;
  let client: BrokerClient;
  let handler: LambdaHandler;
  const instances: LambdaInstance[] = [];

  const setPassword = async (generation: number) => {
    const password = `${login}-password-${generation}`;
    await owner.query(`alter role ${login} password '${password}'`);
    secrets.put(secretArn, { username: login, password });
  };

  beforeAll(async () => {
    if (typeof binaries === 'string') return;
    server = await startPrivateServer(binaries, { auth: 'scram-sha-256', superuserPassword: 'lambda-rotation-superuser' });
    await runOnServer(server.url(), 'create database flow');
    owner = connectPostgres({ connectionString: server.url('flow'), poolSize: 1 });
    await migrate(owner);
    await seedCatalog(owner, [{ branch: '0001', account: 'L1' }]);
    await owner.query(`create role ${login} login in role flow_worker`);
    secrets = await startSecretsManagerEndpoint();
    await setPassword(1);
    broker = await startLocalBroker();
    client = brokerClient(broker);
    const environment = {
      FLOW_LOG_LEVEL: 'error', FLOW_DATABASE_URL: server.url('flow', 'nobody', ''), FLOW_DATABASE_SECRET_ARN: secretArn,
      FLOW_SECRETS_MANAGER_ENDPOINT: secrets.url, FLOW_AWS_ENDPOINT: broker.endpoint, FLOW_AWS_REGION: broker.region,
      FLOW_CALLBACK_TOPIC_ARN: broker.callbackTopicArn,
    };
    handler = createCachedHandler(async () => {
      const instance = await initializeLambda(environment);
      instances.push(instance);
      return instance;
    });
  }, 180_000);

  afterAll(async () => {
    // An instance whose credentials were refused was closed by the cached handler already.
    for (const instance of instances) if (!instance.credentialsRejected()) await instance.close();
    client?.destroy();
    await broker?.stop();
    await secrets?.close();
    await owner?.close();
    server?.stop();
  });

  /** Publishes one posting, hands its record to the handler, and returns the answer and the outcome. */
  const invokeWithOne = async (amount: string) => {
    const posting = makePosting({ branch: '0001', account: 'L1', dateRef: today, amount });
    await client.publishPostings([[posting]]);
    const response = await handler(await receiveEvent(client, broker));
    let status: string | undefined;
    await waitFor(async () => {
      status ??= (await client.drainOutcomes()).find((outcome) => outcome.id === posting.id)?.status;
      return status !== undefined;
    }, 30_000, 50);
    return { response, status };
  };

  test('the invocation after a rotation applies its record with the new password, on the same instance', async () => {
    expect(await invokeWithOne('1.00')).toEqual({ response: { batchItemFailures: [] }, status: 'posted' });
    const readsBefore = secrets.reads(secretArn);

    await setPassword(2);
    await owner.query(`select pg_terminate_backend(pid) from pg_stat_activity where usename = '${login}'`);

    expect(await invokeWithOne('2.00')).toEqual({ response: { batchItemFailures: [] }, status: 'posted' });
    expect(secrets.reads(secretArn)).toBeGreaterThan(readsBefore);
    expect(instances).toHaveLength(1);
    expect(instances[0]!.credentialsRejected()).toBe(false);
  });
});

async function receiveEvent(client: BrokerClient, broker: LocalBroker): Promise<SQSEvent> {
  const records: SQSRecord[] = [];
  await waitFor(async () => {
    const { Messages = [] } = await client.sqs.send(new ReceiveMessageCommand({
      QueueUrl: broker.transactionQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'],
    }));
    for (const message of Messages) {
      records.push({
        messageId: message.MessageId!, receiptHandle: message.ReceiptHandle!, body: message.Body!,
        attributes: message.Attributes as unknown as SQSRecord['attributes'], messageAttributes: {},
        md5OfBody: message.MD5OfBody!, eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:flow-transaction', awsRegion: broker.region,
      });
    }
    return records.length > 0;
  }, 30_000, 50);
  return { Records: records };
}
