// A local stand-in for AWS Secrets Manager that speaks its JSON protocol (`POST /`, header
// `X-Amz-Target: secretsmanager.GetSecretValue`, `application/x-amz-json-1.1`), enough for the
// real SDK client to read secrets from it. The test sets a secret's value (a rotation) and counts
// the reads of each secret. Test-only; it checks no signature.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SecretsManagerEndpoint {
  /** For FLOW_SECRETS_MANAGER_ENDPOINT. */
  readonly url: string;
  /** Sets (or rotates) a secret's value: `{"username","password"}` as RDS writes it. */
  put(arn: string, value: { username: string; password: string }): void;
  /** GetSecretValue calls answered for `arn` so far. */
  reads(arn: string): number;
  close(): Promise<void>;
}

const getSecretValueTarget = 'secretsmanager.GetSecretValue';

export async function startSecretsManagerEndpoint(): Promise<SecretsManagerEndpoint> {
  const secrets = new Map<string, { value: string; version: number }>();
  const readCounts = new Map<string, number>();
  const answer = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));
  };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.method !== 'POST' || request.headers['x-amz-target'] !== getSecretValueTarget) {
      answer(response, 400, { __type: 'UnknownOperationException', message: `not served: ${String(request.headers['x-amz-target'])}` });
      return;
    }
    const { SecretId: arn } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { SecretId: string };
    const secret = secrets.get(arn);
    if (secret === undefined) {
      answer(response, 400, { __type: 'ResourceNotFoundException', message: `Secrets Manager can't find the specified secret: ${arn}` });
      return;
    }
    readCounts.set(arn, (readCounts.get(arn) ?? 0) + 1);
    answer(response, 200, {
      ARN: arn, Name: arn.split(':').at(-1), SecretString: secret.value, VersionId: `v${secret.version}`,
      VersionStages: ['AWSCURRENT'], CreatedDate: Date.now() / 1000,
    });
  };
  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    put(arn, value) {
      secrets.set(arn, { value: JSON.stringify(value), version: (secrets.get(arn)?.version ?? 0) + 1 });
    },
    reads: (arn) => readCounts.get(arn) ?? 0,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
