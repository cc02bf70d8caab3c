// Sign-in with the organisation's identity provider: OpenID Connect's authorization code flow with
// PKCE (RFC 7636, S256), the console being a public client (no secret; the browser exchanges the
// code itself). The provider's endpoints come from its discovery document, whose `issuer` must be
// the configured one; the `state` ties the answer to the request this tab made, and `iss` in the
// answer (RFC 9207), when the provider sends it, must be the issuer too. The code verifier waits in
// session storage for the provider's redirect back to `/console/`, and is removed once used.
import { signIn } from './session.js';

const pendingKey = 'flow.console.oidc';

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText(byteCount) {
  return base64url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

function redirectUri() {
  return `${window.location.origin}/console/`;
}

async function discover(issuer) {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error('oidc_discovery_failed');
  const document = await response.json();
  if (document.issuer !== issuer || !document.authorization_endpoint || !document.token_endpoint) throw new Error('oidc_discovery_failed');
  return document;
}

/** Sends the browser to the provider's sign-in page; it comes back to `/console/?code=…&state=…`. */
export async function startOidcSignIn(oidc) {
  const provider = await discover(oidc.issuer);
  const verifier = randomText(32);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = randomText(16);
  sessionStorage.setItem(pendingKey, JSON.stringify({ state, verifier, issuer: oidc.issuer, clientId: oidc.clientId, tokenEndpoint: provider.token_endpoint }));
  const target = new URL(provider.authorization_endpoint);
  const parameters = {
    response_type: 'code', client_id: oidc.clientId, redirect_uri: redirectUri(), scope: oidc.scope, state,
    code_challenge: challenge, code_challenge_method: 'S256', ...(oidc.audience ? { audience: oidc.audience } : {}),
  };
  for (const [name, value] of Object.entries(parameters)) target.searchParams.set(name, value);
  window.location.assign(target.toString());
}

/**
 * On the provider's redirect back: checks the answer, exchanges the code for the access token and
 * keeps it; removes the code from the address bar and the history either way. Null when the page
 * was not opened by a redirect; otherwise `{ error }` (a code for the sign-in page) or `{}`.
 */
export async function finishOidcSignIn() {
  const answer = new URLSearchParams(window.location.search);
  if (!answer.has('code') && !answer.has('error')) return null;
  let pending = null;
  try {
    pending = JSON.parse(sessionStorage.getItem(pendingKey) ?? 'null');
  } catch {
    // A damaged entry is no sign-in of this tab's: the answer is refused below.
  }
  sessionStorage.removeItem(pendingKey);
  history.replaceState(null, '', window.location.pathname + window.location.hash);
  if (answer.has('error')) return { error: 'oidc_refused' };
  if (pending === null || answer.get('state') !== pending.state) return { error: 'oidc_state_mismatch' };
  if (answer.has('iss') && answer.get('iss') !== pending.issuer) return { error: 'oidc_state_mismatch' };
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: answer.get('code'), redirect_uri: redirectUri(), client_id: pending.clientId, code_verifier: pending.verifier,
    }),
  }).catch(() => null);
  const body = response?.ok ? await response.json().catch(() => null) : null;
  if (typeof body?.access_token !== 'string') return { error: 'oidc_token_refused' };
  signIn(body.access_token);
  return {};
}
