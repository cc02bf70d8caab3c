// Database credentials from AWS Secrets Manager. Each pool has its own: the primary pool's
// FLOW_DATABASE_SECRET_ARN, the read pool's FLOW_DATABASE_READ_SECRET_ARN and the worker's
// migration credentials FLOW_DATABASE_MIGRATION_SECRET_ARN. A secret (RDS's JSON shape,
// `{"username": …, "password": …}`) fills its USER and PASSWORD variables, unless the environment
// already has that USER (ECS injects it from the same secret at start; a variable set by hand wins).
// At run time the primary and read pools keep asking their secret for the password
// (`poolPasswords`): fetched once and cached, fetched again when the server rejects the login
// (28P01), so a rotated password is picked up by the next connection without a restart. The user
// stays the one read at start: RDS's single-user rotation changes only the password (an
// alternating-users rotation changes the user too, and still needs a restart).
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { awsClientConfig } from './aws.ts';
import type { Environment } from './config.ts';
import type { DatabaseConfig } from './database-config.ts';

export interface DatabaseSecretSlot {
  readonly arn: string;
  readonly user: string;
  readonly password: string;
}

export const databaseSecretSlots: readonly DatabaseSecretSlot[] = [
  { arn: 'FLOW_DATABASE_SECRET_ARN', user: 'FLOW_DATABASE_USER', password: 'FLOW_DATABASE_PASSWORD' },
  { arn: 'FLOW_DATABASE_READ_SECRET_ARN', user: 'FLOW_DATABASE_READ_USER', password: 'FLOW_DATABASE_READ_PASSWORD' },
  { arn: 'FLOW_DATABASE_MIGRATION_SECRET_ARN', user: 'FLOW_DATABASE_MIGRATION_USER', password: 'FLOW_DATABASE_MIGRATION_PASSWORD' },
];

/** Reads one secret's string value. */
export type SecretReader = (arn: string) => Promise<string | undefined>;

/**
 * The USER/PASSWORD variables to add to `environment`, read from the secrets it names. Fails,
 * naming the variable, when a secret lacks a string username and password.
 */
export async function databaseSecretCredentials(environment: Environment, readSecret?: SecretReader): Promise<Record<string, string>> {
  const wanted = databaseSecretSlots.filter((slot) => (environment[slot.arn]?.trim() ?? '') !== '' && (environment[slot.user] ?? '') === '');
  if (wanted.length === 0) return {};
  const reader = readSecret ?? secretsManagerReader(environment);
  const credentials: Record<string, string> = {};
  for (const slot of wanted) {
    const arn = environment[slot.arn]!.trim();
    const secret = JSON.parse((await reader(arn)) ?? '{}') as { username?: unknown; password?: unknown };
    if (typeof secret.username !== 'string' || typeof secret.password !== 'string') {
      throw new Error(`${slot.arn}: secret ${arn} has no string username and password`);
    }
    credentials[slot.user] = secret.username;
    credentials[slot.password] = secret.password;
  }
  return credentials;
}

function secretsManagerReader(environment: Environment): SecretReader {
  return secretsManagerClientReader(environment.FLOW_AWS_REGION ?? environment.AWS_REGION, environment.FLOW_SECRETS_MANAGER_ENDPOINT);
}

/** Reads a secret through an SDK client of its own, destroyed after: reads are rare (start, rotation), and no socket outlives them. */
function secretsManagerClientReader(region: string | undefined, endpoint: string | undefined): SecretReader {
  return async (arn) => {
    const client = region === undefined && endpoint === undefined
      ? new SecretsManagerClient({})
      : new SecretsManagerClient(awsClientConfig({ region: region ?? 'us-east-1', endpoint }));
    try {
      return (await client.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
    } finally {
      client.destroy();
    }
  };
}

/** A pool's password from a secret, in the shape of the database adapter's options (`connectPostgres`). */
export interface PoolPassword {
  /** The secret's password: fetched on first use, then cached. */
  readonly password: () => Promise<string>;
  /** The server rejected a login: the next `password()` fetches the secret again. */
  readonly onCredentialsRejected: () => void;
}

export function secretPassword(arn: string, readSecret: SecretReader): PoolPassword {
  let cached: Promise<string> | undefined;
  const fetch = async () => {
    const secret = JSON.parse((await readSecret(arn)) ?? '{}') as { password?: unknown };
    if (typeof secret.password !== 'string') throw new Error(`secret ${arn} has no string password`);
    return secret.password;
  };
  return {
    password: () => (cached ??= fetch().catch((error: unknown) => {
      // A failed read is not cached: the next connection tries again.
      cached = undefined;
      throw error;
    })),
    onCredentialsRejected: () => {
      cached = undefined;
    },
  };
}

/** The run-time passwords of the primary and read pools whose secret is configured (none: empty). */
export function poolPasswords(config: DatabaseConfig, readSecret?: SecretReader): { primary?: PoolPassword; read?: PoolPassword } {
  if (config.secretArn === undefined && config.readSecretArn === undefined) return {};
  const reader = readSecret ?? secretsManagerClientReader(config.secretsRegion, config.secretsEndpoint);
  const primary = config.secretArn === undefined ? undefined : secretPassword(config.secretArn, reader);
  // One cache when both pools share the secret: one rejection refreshes both.
  const read = config.readSecretArn === undefined ? undefined
    : config.readSecretArn === config.secretArn ? primary : secretPassword(config.readSecretArn, reader);
  return { ...(primary === undefined ? {} : { primary }), ...(read === undefined ? {} : { read }) };
}
