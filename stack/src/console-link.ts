// The console link `npm start` prints: the query API's `/console/` with a fresh token and the demo
// account in the URL fragment. A fragment is never sent to a server (nor in a Referer), so the
// token goes from the terminal to the browser's session storage only. Like `npm run token`, the
// token has every scope and every branch, for 12 hours, signed with the stack's local secret.
import { scopes, signEmbeddedToken } from '@flow/service-kit';
import { demoAccount, demoBranch } from './demo-catalog.ts';

const consoleTokenTtlSeconds = 12 * 3600;

export interface ConsoleLinkRequest {
  readonly queryApiUrl: string;
  readonly secret: string;
  /** The account the console opens on; the demo account by default. */
  readonly account?: { readonly branch: string; readonly account: string };
}

export async function consoleLink(request: ConsoleLinkRequest): Promise<string> {
  const token = await signEmbeddedToken({ secret: request.secret, scopes: [...scopes], ttlSeconds: consoleTokenTtlSeconds });
  const account = request.account ?? { branch: demoBranch, account: demoAccount };
  const fragment = new URLSearchParams({ token, account: `${account.branch}/${account.account}` });
  return `${request.queryApiUrl}/console/#${fragment.toString()}`;
}
