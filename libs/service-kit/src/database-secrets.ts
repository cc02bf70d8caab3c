// Database credentials from AWS Secrets Manager. Each pool has its own: the primary pool's
// FLOW_DATABASE_SECRET_ARN, the read pool's FLOW_DATABASE_READ_SECRET_ARN and the worker's
// migration credentials FLOW_DATABASE_MIGRATION_SECRET_ARN. A secret (RDS's JSON shape,
// `{"username": …, "password": …}`) fills its USER and PASSWORD variables, unless the environment
// already has that USER (ECS injects it from the same secret at start; a variable set by hand wins).
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Environment } from './config.ts';

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
  return async (arn) => {
    const client = new SecretsManagerClient({ region: environment.FLOW_AWS_REGION ?? environment.AWS_REGION });
    try {
      return (await client.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
    } finally {
      client.destroy();
    }
  };
}
