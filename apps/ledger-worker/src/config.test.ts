// The worker's configuration: defaults, and every bad value refused with a ConfigError naming
// its variable (table-driven).
import { ConfigError } from '@flow/service-kit';
import { readWorkerConfig } from './config.ts';

const required = {
  FLOW_DATABASE_URL: 'postgres://flow@db:5432/flow',
  FLOW_TRANSACTION_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/flow-transaction',
  FLOW_CALLBACK_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:flow-callback',
};

describe('readWorkerConfig', () => {
  test('defaults', () => {
    const config = readWorkerConfig(required);
    expect(config).toMatchObject({
      healthPort: 8083, host: '0.0.0.0', logLevel: 'info', receivesInFlight: 4, batchPostings: 1000, batchStripes: 1, batchWaitMs: 20,
      migrateOnStart: false,
      rules: { retroWindowDays: 7, businessTimeZone: 'America/Sao_Paulo', autoOpenAccounts: false, postingAmountLimit: '9999999999999.99' },
    });
    expect(Object.isFrozen(config.rules)).toBe(true);
  });

  test('injected credentials are folded into the URL; an injected database needs no URL', () => {
    expect(readWorkerConfig({ ...required, FLOW_DATABASE_USER: 'worker', FLOW_DATABASE_PASSWORD: 'p@ss' }).database.url)
      .toBe('postgres://worker:p%40ss@db:5432/flow');
    expect(readWorkerConfig({ ...required, FLOW_DATABASE_URL: undefined }, { databaseInjected: true }).database.url).toBe('');
    expect(readWorkerConfig({ ...required, FLOW_TRANSACTION_QUEUE_URL: undefined }, { lambda: true }).transactionQueueUrl).toBe('');
  });

  test.each([
    ['FLOW_DATABASE_URL', undefined],
    ['FLOW_TRANSACTION_QUEUE_URL', undefined],
    ['FLOW_TRANSACTION_QUEUE_URL', 'not a url'],
    ['FLOW_CALLBACK_TOPIC_ARN', undefined],
    ['FLOW_HEALTH_PORT', '70000'],
    ['FLOW_LOG_LEVEL', 'loud'],
    ['FLOW_RETRO_WINDOW_DAYS', '32'],
    ['FLOW_RETRO_WINDOW_DAYS', 'seven'],
    ['FLOW_BUSINESS_TIME_ZONE', 'Mars/Olympus_Mons'],
    ['FLOW_AUTO_OPEN_ACCOUNTS', 'maybe'],
    ['FLOW_POSTING_AMOUNT_LIMIT', '12.345'],
    ['FLOW_POSTING_AMOUNT_LIMIT', '0.00'],
    ['FLOW_RECEIVES_IN_FLIGHT', '0'],
    ['FLOW_BATCH_POSTINGS_MAX', '2001'],
    ['FLOW_BATCH_STRIPES', '0'],
    ['FLOW_BATCH_STRIPES', '17'],
    ['FLOW_BATCH_WAIT_MS', '-1'],
    ['FLOW_RECEIVE_WAIT_SECONDS', '21'],
    ['FLOW_VISIBILITY_TIMEOUT_SECONDS', '1'],
    ['FLOW_MIGRATE_ON_START', 'yes'],
  ])('%s=%s is refused, naming the variable', (name, value) => {
    const attempt = () => readWorkerConfig({ ...required, [name]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(name);
  });

  test('every problem is reported at once', () => {
    try {
      readWorkerConfig({ FLOW_BATCH_WAIT_MS: 'soon' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(4);
    }
  });
});
