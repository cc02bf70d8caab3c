// The console's session: the bearer token and the account the sign-in link named. Under
// `npm start` the banner link carries both in the URL fragment (`#token=…&account=0001/000123`):
// a fragment never reaches a server or a Referer. The page moves them to session storage (gone
// when the tab closes) and removes the fragment from the address bar and the history.
const tokenKey = 'flow.console.token';
const accountKey = 'flow.console.account';

/** Moves a token (and account) from the URL fragment into session storage; true when one was there. */
export function takeSignInFragment() {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const token = fragment.get('token');
  if (token === null) return false;
  sessionStorage.setItem(tokenKey, token.trim());
  const account = fragment.get('account');
  if (account !== null) sessionStorage.setItem(accountKey, account);
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return true;
}

export function currentToken() {
  return sessionStorage.getItem(tokenKey);
}

export function signIn(token) {
  sessionStorage.setItem(tokenKey, token.trim());
}

export function signOut() {
  sessionStorage.removeItem(tokenKey);
  sessionStorage.removeItem(accountKey);
}

/** The account the sign-in link named (`{ branch, account }`), or null. */
export function linkedAccount() {
  const value = sessionStorage.getItem(accountKey);
  const match = value === null ? null : /^([A-Za-z0-9]{1,10})\/([A-Za-z0-9]{1,20})$/.exec(value);
  return match === null ? null : { branch: match[1], account: match[2] };
}

/**
 * What the token says of itself (scopes, branches, expiry), read from its payload for the page's
 * layout only: the API checks the signature and decides what the token may see.
 */
export function tokenClaims() {
  const token = currentToken();
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload));
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : Array.isArray(claims.scp) ? claims.scp : [];
    const branches = Array.isArray(claims.flow_branches) ? claims.flow_branches : [];
    return { subject: claims.sub ?? null, scopes, branches, expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null };
  } catch {
    return { subject: null, scopes: [], branches: [], expiresAt: null };
  }
}
