// `npm run token --silent`: prints a bearer token with every scope for the embedded stack's
// secret (from FLOW_DATA_DIR, created if the stack never ran), and nothing else on stdout, so
// `TOKEN=$(npm run token --silent)` just works.
import { scopes, signEmbeddedToken } from '@flow/service-kit';
import { readOrCreateSecret } from './local-secret.ts';

/** Long enough for a working day at the terminal; re-run the command for a fresh one. */
const tokenTtlSeconds = 12 * 3600;

const dataDir = process.env.FLOW_DATA_DIR?.trim() || './.flow';
const token = await signEmbeddedToken({ secret: readOrCreateSecret(dataDir), scopes: [...scopes], ttlSeconds: tokenTtlSeconds });
process.stdout.write(`${token}\n`);
