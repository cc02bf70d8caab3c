// The worker suites' setup over service-kit's broker client: the worker's environment for a
// local broker, and a testbed of a seeded database, a broker and a client.
import { seedCatalog, type DatabaseTarget, type TestDatabase } from '@flow/ledger-core/testing';
import type { Environment } from '@flow/service-kit';
import { startLocalBroker, type LocalBroker, type LocalBrokerOptions } from '@flow/service-kit/local-broker';
import { brokerClient, type BrokerClient } from '@flow/service-kit/testing';

export { brokerClient, publishesInFlightMax, waitFor, type BrokerClient } from '@flow/service-kit/testing';

/** The worker's environment for a local broker; tests add their own variables on top. */
export function workerEnvironment(broker: LocalBroker, extra: Environment = {}): Environment {
  return {
    FLOW_AWS_ENDPOINT: broker.endpoint,
    FLOW_AWS_REGION: broker.region,
    FLOW_TRANSACTION_QUEUE_URL: broker.transactionQueueUrl,
    FLOW_CALLBACK_TOPIC_ARN: broker.callbackTopicArn,
    FLOW_HEALTH_PORT: '0',
    FLOW_HOST: '127.0.0.1',
    FLOW_RECEIVE_WAIT_SECONDS: '1',
    FLOW_AUTO_OPEN_ACCOUNTS: 'true',
    FLOW_OUTBOX_SWEEP_INTERVAL_MS: '500',
    FLOW_DATABASE_PROBE_INTERVAL_MS: '100',
    ...extra,
  };
}

/** What every worker suite starts from: a fresh seeded database, a local broker and a client. */
export interface Testbed {
  readonly db: TestDatabase;
  readonly broker: LocalBroker;
  readonly client: BrokerClient;
  close(): Promise<void>;
}

export async function openTestbed(target: DatabaseTarget, brokerOptions: LocalBrokerOptions = {}): Promise<Testbed> {
  const db = await target.create();
  await seedCatalog(db.database);
  const broker = await startLocalBroker(brokerOptions);
  const client = brokerClient(broker);
  return {
    db,
    broker,
    client,
    async close() {
      client.destroy();
      await broker.stop();
      await db.drop();
    },
  };
}
