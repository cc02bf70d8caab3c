// Credentials per pool from the secrets the environment names (a reader stands in for Secrets
// Manager: the mapping is what is tested here, not AWS).
import { databaseSecretCredentials } from './database-secrets.ts';

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
