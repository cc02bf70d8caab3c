// Database passwords rotated under running services (issue 14, item 4). A private PostgreSQL server
// that checks passwords (initdb --auth=scram-sha-256; the shared server trusts every local login),
// one login per pool, each password in a secret served by a local endpoint that speaks Secrets
// Manager's JSON protocol to the real SDK client. Ingest, the worker (FLOW_DATABASE_SECRET_ARN) and
// the query API (FLOW_DATABASE_SECRET_ARN for the catalog, FLOW_DATABASE_READ_SECRET_ARN for reads)
// start from their `FLOW_*` variables as their main.ts does. Mid-run every password changes and
// every open session is cut, as a rotation followed by a failover would: each pool's next login is
// rejected with the cached password, fetches the secret again, and both services go on serving
// without a restart. Skipped only where the server binaries are absent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readIngestConfig, startIngest, type RunningIngest } from '@flow/ingest';
import { readWorkerConfig, startWorker, type RunningWorker } from '@flow/ledger-worker';
import { businessDate, connectPostgres, migrate, type Database } from '@flow/ledger-core';
import { privateServerBinaries, runOnServer, startPrivateServer, type PrivateServer } from '@flow/ledger-core/testing';
import { readQueryApiConfig, startQueryApi, type RunningQueryApi } from '@flow/query-api';
import { databaseSecretCredentials, scopes, signEmbeddedToken, type Environment } from '@flow/service-kit';
import { startLocalBroker, type LocalBroker } from '@flow/service-kit/local-broker';
import { brokerClient, startSecretsManagerEndpoint, waitFor, type SecretsManagerEndpoint } from '@flow/service-kit/testing';
import { demoAccount, demoBranch, demoEventCode, seedDemoCatalog } from './demo-catalog.ts';
import { call } from './testing/e2e-client.ts';

const binaries = privateServerBinaries();
const superuserPassword = 'rotation-test-superuser';
const jwtSecret = 'rotation-test-secret-of-at-least-32-bytes';
const today = businessDate(new Date(), 'America/Sao_Paulo');
/** One login per pool, as the data stack creates them (README, Database roles). */
const logins = {
  worker: { arn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:flow-worker', user: 'rot_worker', role: 'flow_worker' },
  catalog: { arn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:flow-catalog', user: 'rot_catalog', role: 'flow_catalog' },
  reader: { arn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:flow-reader', user: 'rot_reader', role: 'flow_reader' },
} as const;

const suite = typeof binaries === 'string' ? describe.skip : describe;
const title = typeof binaries === 'string' ? `database passwords rotated at run time (skipped: ${binaries})` : 'database passwords rotated at run time';

suite(title, () => {
  let dataDir: string;
  let server: PrivateServer;
  let owner: Database;
  let secrets: SecretsManagerEndpoint;
  let broker: LocalBroker;
  let worker: RunningWorker;
  let queryApi: RunningQueryApi;
  let ingest: RunningIngest;
  let token: string;
  const fatal: string[] = [];

  /** What each main.ts does: the secrets' USER/PASSWORD for the config, then the services read them at run time. */
  const withSecrets = async (environment: Environment) => ({ ...environment, ...(await databaseSecretCredentials(environment)) });

  const setPasswords = async (generation: number) => {
    for (const login of Object.values(logins)) {
      const password = `${login.user}-password-${generation}`;
      await owner.query(`alter role ${login.user} password '${password}'`);
      secrets.put(login.arn, { username: login.user, password });
    }
  };

  beforeAll(async () => {
    if (typeof binaries === 'string') return;
    dataDir = mkdtempSync(join(tmpdir(), 'flow-rotation-'));
    server = await startPrivateServer(binaries, { auth: 'scram-sha-256', superuserPassword });
    await runOnServer(server.url(), 'create database flow');
    owner = connectPostgres({ connectionString: server.url('flow'), poolSize: 1 });
    await migrate(owner);
    await seedDemoCatalog(owner);
    for (const login of Object.values(logins)) await owner.query(`create role ${login.user} login in role ${login.role}`);
    secrets = await startSecretsManagerEndpoint();
    await setPasswords(1);
    broker = await startLocalBroker({ dataDir: join(dataDir, 'broker') });
    const shared: Environment = {
      FLOW_HOST: '127.0.0.1', FLOW_LOG_LEVEL: 'error', FLOW_JWT_SECRET: jwtSecret, FLOW_AWS_ENDPOINT: broker.endpoint,
      FLOW_AWS_REGION: broker.region, FLOW_SECRETS_MANAGER_ENDPOINT: secrets.url, FLOW_DATABASE_URL: server.url('flow', 'nobody', ''),
    };
    worker = await startWorker(readWorkerConfig(await withSecrets({
      ...shared, FLOW_HEALTH_PORT: '0', FLOW_RECEIVE_WAIT_SECONDS: '1', FLOW_DATABASE_SECRET_ARN: logins.worker.arn,
      FLOW_TRANSACTION_QUEUE_URL: broker.transactionQueueUrl, FLOW_CALLBACK_TOPIC_ARN: broker.callbackTopicArn,
    })), { onFatal: (reason) => fatal.push(reason) });
    queryApi = await startQueryApi(readQueryApiConfig(await withSecrets({
      ...shared, FLOW_PORT: '0', FLOW_DATABASE_SECRET_ARN: logins.catalog.arn, FLOW_DATABASE_READ_SECRET_ARN: logins.reader.arn,
    })));
    ingest = await startIngest(readIngestConfig({ ...shared, FLOW_PORT: '0', FLOW_REQUEST_TOPIC_ARN: broker.requestTopicArn }));
    token = await signEmbeddedToken({ secret: jwtSecret, scopes: [...scopes] });
  }, 180_000);

  afterAll(async () => {
    await ingest?.stop();
    await worker?.stop();
    await queryApi?.stop();
    await broker?.stop();
    await secrets?.close();
    await owner?.close();
    server?.stop();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Posts one posting, waits for its outcome on the callback topic, reads it back and lists the catalog. */
  const postAndRead = async (cents: number) => {
    const accepted = await call(`${ingest.url}/v1/transactions`, token, {
      method: 'POST',
      body: { branch: demoBranch, account: demoAccount, amount: (cents / 100).toFixed(2), debitCredit: 'C', eventCode: demoEventCode, dateRef: today },
    });
    expect(accepted.status).toBe(202);
    const { id } = accepted.body as { id: string };
    const client = brokerClient(broker);
    let status: string | undefined;
    try {
      await waitFor(async () => {
        status ??= (await client.drainOutcomes()).find((outcome) => outcome.id === id)?.status;
        return status !== undefined;
      }, 30_000, 50);
    } finally {
      client.destroy();
    }
    expect(status).toBe('posted');
    const read = await call(`${queryApi.url}/v1/transactions/${id}`, token);
    expect([read.status, (read.body as { status?: string }).status]).toEqual([200, 'posted']);
    const events = await call(`${queryApi.url}/v1/events`, token);
    expect(events.status).toBe(200);
  };

  test('the worker and the query API keep working across a rotation, without a restart', async () => {
    await postAndRead(101);
    const readsBefore = Object.fromEntries(Object.values(logins).map((login) => [login.user, secrets.reads(login.arn)]));

    await setPasswords(2);
    // Open sessions outlive a password change; cut them so every pool must log in again.
    await owner.query(`select pg_terminate_backend(pid) from pg_stat_activity where usename like 'rot\\_%'`);

    await postAndRead(202);
    await postAndRead(303);
    for (const login of Object.values(logins)) expect(secrets.reads(login.arn)).toBeGreaterThan(readsBefore[login.user]!);
    expect(fatal).toEqual([]);
    expect((await fetch(`http://127.0.0.1:${worker.healthPort}/health/ready`)).status).toBe(200);
  }, 120_000);

  test('the old password is refused by the server: the services did log in with the new one', async () => {
    const stale = connectPostgres({ connectionString: server.url('flow', logins.reader.user, `${logins.reader.user}-password-1`), poolSize: 1 });
    await expect(stale.query('select 1')).rejects.toMatchObject({ code: '28P01' });
    await stale.close();
  });
});
