// The branch view: the consolidated day (`GET /v1/reports/daily`, one row per branch the token
// sees, or the one asked for) and a search by posting id or trace key that shows rejected
// postings with their reason (`GET /v1/transactions/{id}`, `GET /v1/transactions?traceKey=`).
import { ApiProblem, getAllPages, getJson } from '../api.js';
import { el, labelled, table } from '../dom.js';
import { businessToday, day, instant, money, problemText, reasonText, t } from '../i18n.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function branchView(main, start) {
  const report = el('div', { id: 'branch-report' });
  const found = el('div', { id: 'search-results', 'aria-live': 'polite' });
  const reportForm = el('form', { class: 'filters', 'aria-label': t('branch.title'), onsubmit: (event) => {
    event.preventDefault();
    void loadReport(report, reportForm.elements.date.value, reportForm.elements.branch.value.trim());
  } },
  labelled(t('date'), el('input', { type: 'date', name: 'date', id: 'report-date', value: businessToday(), required: true })),
  labelled(t('branch'), el('input', { name: 'branch', id: 'report-branch', value: start?.branch ?? '', pattern: '[A-Za-z0-9]{1,10}', size: 6, placeholder: t('allBranches') })),
  el('button', { type: 'submit' }, t('show')));
  const searchForm = el('form', { class: 'filters', role: 'search', 'aria-label': t('search'), onsubmit: (event) => {
    event.preventDefault();
    void search(found, searchForm.elements.term.value.trim());
  } },
  labelled(t('search.label'), el('input', { name: 'term', id: 'search-term', size: 38, autocomplete: 'off', spellcheck: 'false' })),
  el('button', { type: 'submit' }, t('search.submit')));
  main.replaceChildren(el('h1', {}, t('branch.title')), reportForm, report, el('h2', {}, t('search')), searchForm, found);
  void loadReport(report, businessToday(), start?.branch ?? '');
}

async function loadReport(container, date, branch) {
  container.replaceChildren(el('p', { class: 'muted' }, t('loading')));
  try {
    const items = await getAllPages('/v1/reports/daily', { date, branch });
    container.replaceChildren(items.length === 0 ? el('p', { class: 'muted' }, t('branch.empty'))
      : table(t('branch.report', { date: day(date) }), [
        { label: t('branch') }, { label: t('accountsWithMovement'), amount: true }, { label: t('transactionCount'), amount: true },
        { label: t('totalDebit'), amount: true }, { label: t('totalCredit'), amount: true }, { label: t('closingBalance'), amount: true },
      ], items.map((item) => [
        item.branch, item.accountsWithMovement, item.transactionCount, money(item.totalDebit), money(item.totalCredit), money(item.closingBalance),
      ]),
      { id: 'report-table' }));
  } catch (error) {
    container.replaceChildren(el('p', { class: 'error', role: 'alert' }, problemText(error.code)));
  }
}

/**
 * Postings of a trace key, rejected ones included where the API takes `status=all`; an API that
 * does not know the parameter yet (400 `query_invalid`) is asked again for posted entries only.
 */
async function byTraceKey(traceKey) {
  try {
    return await getAllPages('/v1/transactions', { traceKey, status: 'all' }, 'items', 5);
  } catch (error) {
    if (!(error instanceof ApiProblem) || error.code !== 'query_invalid') throw error;
    return getAllPages('/v1/transactions', { traceKey }, 'items', 5);
  }
}

async function search(container, term) {
  if (!uuidPattern.test(term)) {
    container.replaceChildren(el('p', { class: 'error', role: 'alert' }, t('search.invalid')));
    return;
  }
  container.replaceChildren(el('p', { class: 'muted' }, t('loading')));
  try {
    const byId = await getJson(`/v1/transactions/${term}`).then((item) => [item], (error) => {
      if (error instanceof ApiProblem && error.code === 'not_found') return [];
      throw error;
    });
    const byTrace = await byTraceKey(term);
    const items = [...byId, ...byTrace.filter((item) => !byId.some((other) => other.id === item.id))];
    container.replaceChildren(items.length === 0 ? el('p', {}, t('search.none', { term }))
      : table(t('search'), [
        { label: t('status') }, { label: t('reason') }, { label: `${t('branch')}/${t('account')}` }, { label: t('date') },
        { label: t('amount'), amount: true }, { label: t('side') }, { label: t('description') }, { label: 'Id', class: 'hide-narrow' }, { label: t('when'), class: 'hide-narrow' },
      ], items.map((item) => [
        { text: t(`status.${item.status}`), class: `status-${item.status}` }, reasonText(item.reason), `${item.branch}/${item.account}`, day(item.dateRef),
        money(item.amount), item.debitCredit, item.description ?? '', el('code', {}, item.id), instant(item.processedAt),
      ]), { id: 'search-table' }));
  } catch (error) {
    container.replaceChildren(el('p', { class: 'error', role: 'alert' }, problemText(error.code)));
  }
}
