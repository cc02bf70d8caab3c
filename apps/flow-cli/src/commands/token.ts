// `flow token`: what `npm run token` prints — a bearer token for the embedded stack's secret.
import { signEmbeddedToken } from '@flow/service-kit';
import { parseTokenOptions, readOrCreateSecret } from '@flow/service-kit/embedded';
import type { CommandContext } from '../program.ts';
import { UsageError } from '../usage-error.ts';

/** Long enough for a working day at the terminal; run it again for a fresh one. */
const tokenTtlSeconds = 12 * 3600;

export async function tokenCommand(
  context: CommandContext, options: { branches?: string; scopes?: string; subject?: string },
): Promise<number> {
  const parsed = parseTokenOptions(options);
  if (!parsed.ok) throw new UsageError(parsed.problem);
  const token = await signEmbeddedToken({ secret: readOrCreateSecret(context.config.dataDir), ...parsed.request, ttlSeconds: tokenTtlSeconds });
  context.output.report({ token, expiresInSeconds: tokenTtlSeconds }, token);
  return 0;
}
