// The console's entry: takes a sign-in link's token, asks for one otherwise, and shows one of four
// views (account, branch, live feed, operations) chosen in the top navigation. The language can be
// switched at any time; the view is drawn again in it.
import { el } from './dom.js';
import { currentLanguage, problemText, setBusinessTimeZone, setLanguage, t } from './i18n.js';
import { finishOidcSignIn, startOidcSignIn } from './oidc.js';
import { currentToken, linkedAccount, signIn, signOut, takeSignInFragment, tokenClaims } from './session.js';
import { accountView } from './views/account.js';
import { branchView } from './views/branch.js';
import { feedView } from './views/feed.js';
import { operationsView } from './views/operations.js';

const views = ['account', 'branch', 'feed', 'operations'];
let currentView = 'account';
let leaveView = () => {};
/** The identity provider the server configured for sign-in, or null (pasted tokens only). */
let oidcSettings = null;
/** Why the last sign-in with the identity provider failed (an `error.*` text key), or null. */
let signInProblem = null;

async function main() {
  takeSignInFragment();
  try {
    const settings = await fetch('settings.json').then((response) => response.json());
    setBusinessTimeZone(settings.businessTimeZone);
    oidcSettings = settings.oidc ?? null;
  } catch {
    // The default zone (America/Sao_Paulo) stays.
  }
  signInProblem = (await finishOidcSignIn())?.error ?? null;
  const language = document.getElementById('language');
  language.value = currentLanguage();
  setLanguage(currentLanguage());
  language.addEventListener('change', () => {
    setLanguage(language.value);
    render();
  });
  document.getElementById('sign-out').addEventListener('click', () => {
    signOut();
    render();
  });
  render();
}

function signedIn() {
  if (currentToken() === null) return false;
  const { expiresAt } = tokenClaims();
  return expiresAt === null || expiresAt > Date.now();
}

function render() {
  leaveView();
  leaveView = () => {};
  document.title = t('title');
  document.getElementById('skip-link').textContent = t('skip');
  document.getElementById('language-label').textContent = t('language');
  const signOutButton = document.getElementById('sign-out');
  signOutButton.textContent = t('signOut');
  const nav = document.getElementById('views');
  const main = document.getElementById('main');
  if (!signedIn()) {
    signOutButton.hidden = true;
    nav.replaceChildren();
    showSignIn(main, currentToken() !== null);
    return;
  }
  signOutButton.hidden = false;
  nav.replaceChildren(...views.map((view) => el('button', {
    type: 'button', 'data-view': view, 'aria-current': view === currentView ? 'page' : undefined,
    onclick: () => {
      currentView = view;
      render();
      main.focus();
    },
  }, t(`view.${view}`))));
  const claims = tokenClaims();
  if (currentView === 'account') accountView(main, linkedAccount());
  else if (currentView === 'branch') branchView(main, linkedAccount());
  else if (currentView === 'feed') leaveView = feedView(main);
  else operationsView(main, claims.scopes.includes('flow:admin'));
}

function oidcSignIn() {
  if (oidcSettings === null) return el('p', { class: 'muted' }, t('signIn.oidcOff'));
  const button = el('button', { type: 'button', id: 'sign-in-oidc', onclick: () => {
    button.disabled = true;
    startOidcSignIn(oidcSettings).catch((error) => {
      button.disabled = false;
      signInProblem = error.message;
      render();
    });
  } }, t('signIn.oidc', { issuer: new URL(oidcSettings.issuer).host }));
  return el('p', {}, button);
}

function showSignIn(main, expired) {
  const input = el('textarea', { id: 'token', name: 'token', rows: 4, cols: 60, required: true, autocomplete: 'off', spellcheck: 'false' });
  const form = el('form', { class: 'filters', onsubmit: (event) => {
    event.preventDefault();
    signIn(input.value);
    render();
  } }, el('label', { for: 'token' }, t('signIn.token')), input, el('button', { type: 'submit' }, t('signIn.submit')));
  main.replaceChildren(
    el('h1', {}, t('signIn.title')),
    expired ? el('p', { class: 'error', role: 'alert' }, t('signIn.expired')) : null,
    signInProblem === null ? null : el('p', { class: 'error', role: 'alert', id: 'sign-in-problem' }, problemText(signInProblem)),
    oidcSignIn(),
    el('p', {}, t('signIn.intro')),
    form);
}

// A 401 anywhere means the token is no longer good: back to sign-in.
window.addEventListener('unhandledrejection', (event) => {
  if (event.reason?.status === 401) {
    signOut();
    render();
  }
});

void main();
