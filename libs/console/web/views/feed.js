// The live feed: outcomes as the worker decides them (`GET /v1/outcomes/stream`, server-sent
// events limited to the token's branches), newest first, at most `rowsMax` rows kept. Pause keeps
// the stream open and holds new outcomes back (the count is shown); resume shows them.
import { streamEvents } from '../api.js';
import { announce, el } from '../dom.js';
import { day, instant, money, problemText, reasonText, t } from '../i18n.js';

const rowsMax = 200;

export function feedView(main) {
  const controller = new AbortController();
  const state = { paused: false, held: [] };
  const status = el('p', { id: 'feed-status', class: 'muted', role: 'status' }, t('feed.waiting'));
  const body = el('tbody', { id: 'feed-rows' });
  const pause = el('button', { type: 'button', id: 'feed-pause', 'aria-pressed': 'false', onclick: () => {
    state.paused = !state.paused;
    pause.setAttribute('aria-pressed', String(state.paused));
    pause.textContent = state.paused ? t('resume') : t('pause');
    if (!state.paused) {
      for (const outcome of state.held.splice(0)) show(body, outcome);
      status.textContent = t('feed.open');
    }
  } }, t('pause'));
  const columns = [t('when'), t('status'), t('reason'), `${t('branch')}/${t('account')}`, t('date'), t('amount'), t('side'), t('traceKey')];
  main.replaceChildren(
    el('h1', {}, t('feed.title')),
    el('p', {}, t('feed.intro')),
    el('div', { class: 'actions' }, pause, status),
    el('div', { class: 'table-wrap', role: 'region', tabindex: 0, 'aria-label': t('feed.title') }, el('table', { id: 'feed-table' },
      el('caption', {}, t('feed.title')),
      el('thead', {}, el('tr', {}, columns.map((label, index) => el('th', { scope: 'col', class: index === 5 ? 'amount' : index === 7 ? 'hide-narrow' : undefined }, label)))),
      body)));
  void streamEvents('/v1/outcomes/stream', (name, outcome) => {
    if (name !== 'outcome') return;
    if (state.paused) {
      state.held.push(outcome);
      status.textContent = t('feed.paused', { count: state.held.length });
    } else {
      show(body, outcome);
    }
  }, controller.signal, (connection, code) => {
    if (connection === 'refused') {
      status.textContent = problemText(code);
      announce(status.textContent);
    } else if (!state.paused) {
      status.textContent = t(connection === 'open' ? 'feed.open' : 'feed.reconnecting');
    }
  });
  return () => controller.abort();
}

function show(body, outcome) {
  const row = el('tr', { 'data-id': outcome.id, 'data-status': outcome.status },
    el('td', {}, instant(outcome.decidedAt)),
    el('td', { class: `status-${outcome.status}` }, t(`status.${outcome.status}`), outcome.replay ? ` (${t('replay')})` : ''),
    el('td', {}, reasonText(outcome.reason)),
    el('td', {}, `${outcome.branch}/${outcome.account}`),
    el('td', {}, day(outcome.dateRef)),
    el('td', { class: 'amount' }, outcome.amount === null ? '' : money(outcome.amount)),
    el('td', {}, outcome.debitCredit ?? ''),
    el('td', { class: 'hide-narrow' }, el('code', {}, outcome.traceKey)));
  body.prepend(row);
  while (body.rows.length > rowsMax) body.lastElementChild.remove();
}
