// `npm run token --silent [-- --branches 0001,0002 --scopes flow:read,flow:post]`: prints a bearer
// token for the embedded stack's secret (from FLOW_DATA_DIR, created if the stack never ran), and
// nothing else on stdout, so `TOKEN=$(npm run token --silent)` just works. By default the token has
// every scope and every branch (`flow_branches: ["*"]`); the options narrow it.
import { parseArgs } from 'node:util';
import { signEmbeddedToken } from '@flow/service-kit';
import { readOrCreateSecret } from './local-secret.ts';
import { parseTokenOptions } from '@flow/service-kit/embedded';

/** Long enough for a working day at the terminal; re-run the command for a fresh one. */
const tokenTtlSeconds = 12 * 3600;

const { values } = parseArgs({
  options: { branches: { type: 'string' }, scopes: { type: 'string' }, subject: { type: 'string' } },
  strict: true,
});
const options = parseTokenOptions(values);
if (!options.ok) {
  process.stderr.write(`npm run token: ${options.problem}\n`);
  process.exit(2);
}
const dataDir = process.env.FLOW_DATA_DIR?.trim() || './.flow';
const token = await signEmbeddedToken({ secret: readOrCreateSecret(dataDir), ...options.request, ttlSeconds: tokenTtlSeconds });
process.stdout.write(`${token}\n`);
