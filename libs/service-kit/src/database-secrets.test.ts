// Credentials per pool from the secrets the environment names (a reader stands in for Secrets
// Manager: the mapping is what is tested here, not AWS; stack/src/secret-rotation.e2e.test.ts runs the
// real SDK client against a rotating secret and a server that checks passwords).
import { configReader } from './config.ts';
import { readDatabaseConfig } from './database-config.ts';
import { databaseSecretCredentials, poolPasswords, secretPassword } from './database-secrets.ts';

const secrets: Record<string, string> = {
  'arn:primary': JSON.stringify({ username: 'flow_query_catalog', password: 'c' }),
  'arn:read': JSON.stringify({ username: 'flow_query_reader', password: 'r' }),
  'arn:owner': JSON.stringify({ username: 'flow_owner', password: 'o', engine: 'postgres' }),
  'arn:bad': JSON.stringify({ username: 'x' }),
};
const read = async (arn: string) => secrets[arn];

test('each named secret fills its own pool\'s USER and PASSWORD', async () => {
  await expect(databaseSecretCredentials({
    FLOW_DATABASE_SECRET_ARN: 'arn:primary', FLOW_DATABASE_READ_SECRET_ARN: ' arn:read ', FLOW_DATABASE_MIGRATION_SECRET_ARN: 'arn:owner',
  }, read)).resolves.toEqual({
    FLOW_DATABASE_USER: 'flow_query_catalog', FLOW_DATABASE_PASSWORD: 'c',
    FLOW_DATABASE_READ_USER: 'flow_query_reader', FLOW_DATABASE_READ_PASSWORD: 'r',
    FLOW_DATABASE_MIGRATION_USER: 'flow_owner', FLOW_DATABASE_MIGRATION_PASSWORD: 'o',
  });
});

test('a USER already in the environment wins, and nothing is read without an ARN', async () => {
  const asked: string[] = [];
  const spy = async (arn: string) => (asked.push(arn), secrets[arn]);
  await expect(databaseSecretCredentials({ FLOW_DATABASE_SECRET_ARN: 'arn:primary', FLOW_DATABASE_USER: 'injected' }, spy)).resolves.toEqual({});
  await expect(databaseSecretCredentials({ FLOW_DATABASE_READ_SECRET_ARN: '' }, spy)).resolves.toEqual({});
  expect(asked).toEqual([]);
});

test('a secret without a string username and password fails, naming the variable', async () => {
  await expect(databaseSecretCredentials({ FLOW_DATABASE_READ_SECRET_ARN: 'arn:bad' }, read))
    .rejects.toThrow('FLOW_DATABASE_READ_SECRET_ARN: secret arn:bad has no string username and password');
  await expect(databaseSecretCredentials({ FLOW_DATABASE_SECRET_ARN: 'arn:missing' }, read)).rejects.toThrow(/has no string username/);
});

describe('a pool\'s password at run time', () => {
  test('fetched once and cached; fetched again after the server rejected it', async () => {
    const asked: string[] = [];
    let current = 'one';
    const pool = secretPassword('arn:rotating', async (arn) => (asked.push(arn), JSON.stringify({ username: 'u', password: current })));
    expect(await Promise.all([pool.password(), pool.password()])).toEqual(['one', 'one']);
    current = 'two';
    expect(await pool.password()).toBe('one');
    pool.onCredentialsRejected();
    expect(await pool.password()).toBe('two');
    expect(asked).toEqual(['arn:rotating', 'arn:rotating']);
  });

  test('a failed read is not cached, and a secret without a password is refused', async () => {
    let calls = 0;
    const flaky = secretPassword('arn:flaky', async () => {
      calls += 1;
      if (calls === 1) throw new Error('throttled');
      return JSON.stringify({ password: 'ok' });
    });
    await expect(flaky.password()).rejects.toThrow('throttled');
    expect(await flaky.password()).toBe('ok');
    await expect(secretPassword('arn:bad', read).password()).rejects.toThrow('secret arn:bad has no string password');
  });

  const configOf = (environment: Record<string, string>) => readDatabaseConfig(configReader({ FLOW_DATABASE_URL: 'postgres://db/flow', ...environment }), {
    poolSize: 1, readPoolSize: 1, urlRequired: true,
  });

  test.each([
    ['no secret: no run-time password', {}, [false, false, false]],
    ['the primary\'s secret serves the read pool that uses its login', { FLOW_DATABASE_SECRET_ARN: 'arn:primary' }, [true, true, true]],
    ['each pool its own secret', { FLOW_DATABASE_SECRET_ARN: 'arn:primary', FLOW_DATABASE_READ_SECRET_ARN: 'arn:read' }, [true, true, false]],
    ['the read pool\'s own login without a secret', { FLOW_DATABASE_SECRET_ARN: 'arn:primary', FLOW_DATABASE_READ_USER: 'reader' }, [true, false, false]],
  ] as const)('%s', (_name, environment, [primary, readPool, shared]) => {
    const passwords = poolPasswords(configOf(environment), read);
    expect([passwords.primary !== undefined, passwords.read !== undefined, passwords.read !== undefined && passwords.read === passwords.primary])
      .toEqual([primary, readPool, shared]);
  });
});
