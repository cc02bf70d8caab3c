// The embedded stack's HS256 secret (and the query API's cursor key): generated on first start into the data folder (mode 0600)
// and reused afterwards, so tokens from `npm run token` keep working across restarts. Production
// never uses it: there the apps verify against an OIDC JWKS.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const secretFileName = 'jwt-secret';
/** The query API's page-cursor key (FLOW_CURSOR_KEYS), generated and kept the same way. */
export const cursorKeyFileName = 'cursor-key';
/** 32 random bytes, base64url: the 256 bits RFC 7518 asks of an HS256 key. */
const secretBytes = 32;

/** The secret kept in `dataDir/fileName`, created on first use. */
export function readOrCreateSecret(dataDir: string, fileName = secretFileName): string {
  const path = join(dataDir, fileName);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(secretBytes).toString('base64url');
  // 'wx' fails if another process created it meanwhile; then read theirs.
  try {
    writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(path, 'utf8').trim();
  }
}
