// The query API's configuration: defaults, the database URL rule, and bad values refused at once.
import { ConfigError } from '@flow/service-kit';
import { readQueryApiConfig } from './config.ts';

const secret = { FLOW_JWT_SECRET: 'a-secret-of-at-least-thirty-two-bytes!!' };

test('defaults: all interfaces, port 8082, info logs, reads from the primary when no replica is set', () => {
  const config = readQueryApiConfig({ ...secret, FLOW_DATABASE_URL: 'postgres://flow@db:5432/flow' });
  expect(config).toMatchObject({ host: '0.0.0.0', port: 8082, logLevel: 'info', statementTimeoutMs: 15_000, replicaLagSecondsMax: 30, auth: { mode: 'embedded' } });
  expect(config.database).toEqual({
    url: 'postgres://flow@db:5432/flow', readUrl: 'postgres://flow@db:5432/flow', primaryReadUrl: 'postgres://flow@db:5432/flow', migrationUrl: 'postgres://flow@db:5432/flow', poolSize: 2, readPoolSize: 10,
  });
  expect(Object.isFrozen(config.database)).toBe(true);
});

test('a read replica URL, pool sizes and credentials from the secret store', () => {
  const config = readQueryApiConfig({
    ...secret,
    FLOW_DATABASE_URL: 'postgres://db-primary:5432/flow',
    FLOW_DATABASE_READ_URL: 'postgres://db-replica:5432/flow',
    FLOW_DATABASE_USER: 'reader',
    FLOW_DATABASE_PASSWORD: 'p@ss',
    FLOW_DATABASE_READ_POOL_SIZE: '40',
    FLOW_PORT: '9000',
    FLOW_LOG_LEVEL: 'debug',
  });
  expect(config.database).toEqual({
    url: 'postgres://reader:p%40ss@db-primary:5432/flow', readUrl: 'postgres://reader:p%40ss@db-replica:5432/flow',
    primaryReadUrl: 'postgres://reader:p%40ss@db-primary:5432/flow',
    migrationUrl: 'postgres://reader:p%40ss@db-primary:5432/flow', poolSize: 2, readPoolSize: 40,
  });
  expect([config.port, config.logLevel]).toEqual([9000, 'debug']);
});

test('each pool has its own credentials: the read pool and the migrations their own user, else the primary\'s', () => {
  const config = readQueryApiConfig({
    ...secret,
    FLOW_DATABASE_URL: 'postgres://ignored:x@db-primary:5432/flow',
    FLOW_DATABASE_READ_URL: 'postgres://db-replica:5432/flow',
    FLOW_DATABASE_USER: 'flow_query_catalog',
    FLOW_DATABASE_PASSWORD: 'c',
    FLOW_DATABASE_READ_USER: 'flow_query_reader',
    FLOW_DATABASE_READ_PASSWORD: 'r/1',
    FLOW_DATABASE_MIGRATION_USER: 'flow_owner',
    FLOW_DATABASE_MIGRATION_PASSWORD: 'o',
  });
  expect(config.database).toMatchObject({
    url: 'postgres://flow_query_catalog:c@db-primary:5432/flow',
    readUrl: 'postgres://flow_query_reader:r%2F1@db-replica:5432/flow',
    primaryReadUrl: 'postgres://flow_query_reader:r%2F1@db-primary:5432/flow',
    migrationUrl: 'postgres://flow_owner:o@db-primary:5432/flow',
  });
});

test('the database URL is required unless the database is passed in', () => {
  expect(() => readQueryApiConfig(secret)).toThrow(/FLOW_DATABASE_URL is required/);
  expect(readQueryApiConfig(secret, { databaseInjected: true }).database.url).toBe('');
});

test('every bad value is reported in one ConfigError', () => {
  let thrown: unknown;
  try {
    readQueryApiConfig({
      FLOW_PORT: 'http', FLOW_LOG_LEVEL: 'loud', FLOW_DATABASE_STATEMENT_TIMEOUT_MS: '-1', FLOW_DATABASE_URL: 'db', FLOW_REPLICA_LAG_MAX_SECONDS: '0',
    });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ConfigError);
  expect((thrown as ConfigError).problems).toEqual([
    expect.stringContaining('FLOW_PORT'),
    expect.stringContaining('FLOW_LOG_LEVEL'),
    expect.stringContaining('FLOW_JWT_SECRET'),
    expect.stringContaining('FLOW_DATABASE_URL must be a URL'),
    expect.stringContaining('FLOW_DATABASE_STATEMENT_TIMEOUT_MS'),
    expect.stringContaining('FLOW_REPLICA_LAG_MAX_SECONDS'),
  ]);
});

test('the statement exports\' bank fields: defaults, set, and refused when CNAB could not write them', () => {
  const url = { ...secret, FLOW_DATABASE_URL: 'postgres://flow@db:5432/flow' };
  expect(readQueryApiConfig(url).statementExport).toEqual({ bankCode: '000', bankName: 'FLOW', cnabAgreement: '' });
  expect(readQueryApiConfig({ ...url, FLOW_EXPORT_BANK_CODE: '341', FLOW_EXPORT_BANK_NAME: 'Banco Exemplo', FLOW_EXPORT_CNAB_AGREEMENT: '0042' }).statementExport)
    .toEqual({ bankCode: '341', bankName: 'Banco Exemplo', cnabAgreement: '0042' });
  const bad = () => readQueryApiConfig({
    ...url, FLOW_EXPORT_BANK_CODE: '34', FLOW_EXPORT_BANK_NAME: 'Banco de Crédito', FLOW_EXPORT_CNAB_AGREEMENT: 'x'.repeat(21),
  });
  expect(bad).toThrow(ConfigError);
  expect(bad).toThrow(/FLOW_EXPORT_BANK_CODE[\s\S]*FLOW_EXPORT_BANK_NAME[\s\S]*FLOW_EXPORT_CNAB_AGREEMENT/);
});

test('the console\'s OIDC sign-in: off by default, issuer and client together, https or loopback only', () => {
  const url = { ...secret, FLOW_DATABASE_URL: 'postgres://flow@db:5432/flow' };
  expect(readQueryApiConfig(url).consoleOidc).toBeUndefined();
  expect(readQueryApiConfig({
    ...url, FLOW_CONSOLE_OIDC_ISSUER: 'https://login.bank.example/realms/flow', FLOW_CONSOLE_OIDC_CLIENT_ID: 'flow-console',
    FLOW_CONSOLE_OIDC_CONNECT_ORIGINS: 'https://tokens.bank.example',
  }).consoleOidc).toEqual({
    issuer: 'https://login.bank.example/realms/flow', clientId: 'flow-console', scope: 'openid flow:read', audience: undefined,
    connectOrigins: ['https://tokens.bank.example'],
  });
  expect(readQueryApiConfig({ ...url, FLOW_CONSOLE_OIDC_ISSUER: 'http://127.0.0.1:9000', FLOW_CONSOLE_OIDC_CLIENT_ID: 'c' }).consoleOidc?.issuer)
    .toBe('http://127.0.0.1:9000');
  expect(() => readQueryApiConfig({ ...url, FLOW_CONSOLE_OIDC_CLIENT_ID: 'flow-console' })).toThrow(/FLOW_CONSOLE_OIDC_ISSUER and FLOW_CONSOLE_OIDC_CLIENT_ID go together/);
  const bad = () => readQueryApiConfig({
    ...url, FLOW_CONSOLE_OIDC_ISSUER: 'http://login.bank.example', FLOW_CONSOLE_OIDC_CLIENT_ID: 'c', FLOW_CONSOLE_OIDC_CONNECT_ORIGINS: 'https://tokens.bank.example/path',
  });
  expect(bad).toThrow(/FLOW_CONSOLE_OIDC_ISSUER must be https[\s\S]*FLOW_CONSOLE_OIDC_CONNECT_ORIGINS must list https origins/);
});
