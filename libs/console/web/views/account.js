// The account view: the daily cash flow over a chosen range (chart and daily table, from
// `GET /v1/accounts/{b}/{a}/balances`), then the statement with running balances, paged with the
// API's cursor, and the export buttons (the statement route with `format=csv|ofx|cnab240`).
import { download, getAllPages, getJson } from '../api.js';
import { dailySeries, drawChart } from '../chart.js';
import { announce, el, labelled, table } from '../dom.js';
import { addDays, businessToday, day, instant, money, problemText, t } from '../i18n.js';

const pageSizes = [5, 25, 100];
const exportFormats = [['csv', 'csv'], ['ofx', 'ofx'], ['cnab240', 'ret']];

export function accountView(main, start) {
  const today = businessToday();
  const state = { branch: start?.branch ?? '', account: start?.account ?? '', from: addDays(today, -6), to: today, pageSize: 25, cursors: [undefined], page: 0 };
  const results = el('div', { id: 'account-results' });
  const field = (name, attributes) => el('input', { id: `account-${name}`, name, value: state[name], required: true, ...attributes });
  const form = el('form', { class: 'filters', 'aria-label': t('account.chart'), onsubmit: (event) => {
    event.preventDefault();
    for (const name of ['branch', 'account', 'from', 'to']) state[name] = form.elements[name].value.trim();
    state.cursors = [undefined];
    state.page = 0;
    void load(results, state);
  } },
  labelled(t('branch'), field('branch', { pattern: '[A-Za-z0-9]{1,10}', autocomplete: 'off', size: 6 })),
  labelled(t('account'), field('account', { pattern: '[A-Za-z0-9]{1,20}', autocomplete: 'off', size: 10 })),
  labelled(t('from'), field('from', { type: 'date' })),
  labelled(t('to'), field('to', { type: 'date' })),
  el('button', { type: 'submit' }, t('show')));
  main.replaceChildren(el('h1', {}, t('view.account')), form, results);
  if (state.branch && state.account) void load(results, state);
}

async function load(results, state) {
  results.replaceChildren(el('p', { class: 'muted' }, t('loading')));
  const path = `/v1/accounts/${encodeURIComponent(state.branch)}/${encodeURIComponent(state.account)}`;
  try {
    const [items, first] = await Promise.all([
      getAllPages(`${path}/balances`, { from: state.from, to: state.to, limit: 500 }),
      getJson(`${path}/statement`, { from: state.from, to: state.to, limit: 1 }),
    ]);
    const series = dailySeries(daysOf(state.from, state.to), items, first.openingBalance);
    const statement = el('section', { 'aria-labelledby': 'statement-title' });
    results.replaceChildren(
      el('h2', { id: 'account-title' }, t('account.title', { branch: state.branch, account: state.account })),
      summary(first.openingBalance, series),
      chartFigure(state, series),
      statement);
    await loadStatement(statement, path, state);
  } catch (error) {
    results.replaceChildren(el('p', { class: 'error', role: 'alert' }, problemText(error.code)));
  }
}

function daysOf(from, to) {
  const days = [];
  for (let dateRef = from; dateRef <= to && days.length < 366; dateRef = addDays(dateRef, 1)) days.push(dateRef);
  return days;
}

function sumCents(values) {
  const cents = values.reduce((total, value) => total + BigInt(value.replace('.', '')), 0n);
  const sign = cents < 0n ? '-' : '';
  const digits = (cents < 0n ? -cents : cents).toString().padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

function summary(openingBalance, series) {
  const item = (label, value, id) => el('div', {}, el('dt', {}, label), el('dd', { id }, value));
  const closing = series.length === 0 ? openingBalance : series[series.length - 1].balance;
  return el('dl', { class: 'summary' },
    item(t('openingBalance'), money(openingBalance), 'summary-opening'),
    item(t('credits'), money(sumCents(series.map((d) => d.credits))), 'summary-credits'),
    item(t('debits'), money(sumCents(series.map((d) => d.debits))), 'summary-debits'),
    item(t('closingBalance'), money(closing), 'summary-closing'));
}

function chartFigure(state, series) {
  const canvas = el('div', { class: 'chart', id: 'cash-flow-chart', role: 'img', 'aria-label': t('account.chartDescription', { from: day(state.from), to: day(state.to) }) });
  const figure = el('figure', { 'aria-labelledby': 'chart-title' },
    el('figcaption', { id: 'chart-title' }, el('strong', {}, t('account.chart'))),
    el('div', { class: 'legend', 'aria-hidden': 'true' },
      el('span', {}, el('span', { class: 'swatch credit' }), t('credits')),
      el('span', {}, el('span', { class: 'swatch debit' }), t('debits')),
      el('span', {}, el('span', { class: 'swatch balance' }), t('closingBalance')),
      el('span', {}, el('span', { class: 'swatch revised' }), t('revised'))),
    canvas,
    series.some((d) => d.revisedAt !== null) ? el('p', { class: 'muted', id: 'revised-note' }, t('revised.note')) : '',
    el('details', {}, el('summary', {}, t('account.days')),
      table(t('account.days'), [{ label: t('date') }, { label: t('credits'), amount: true }, { label: t('debits'), amount: true },
        { label: t('closingBalance'), amount: true }, { label: t('entries'), amount: true }, { label: t('revised') }],
      series.map((d) => [day(d.dateRef), money(d.credits), money(d.debits), money(d.balance), d.entries, d.revisedAt === null ? '' : instant(d.revisedAt)]),
      { id: 'daily-table' })));
  // Drawn once the figure is in the page, so the chart takes the width it is given.
  requestAnimationFrame(() => drawChart(canvas, series));
  return figure;
}

async function loadStatement(section, path, state) {
  const cursor = state.cursors[state.page];
  const body = await getJson(`${path}/statement`, { from: state.from, to: state.to, limit: state.pageSize, cursor });
  if (body.nextCursor) state.cursors[state.page + 1] = body.nextCursor;
  const rerun = () => loadStatement(section, path, state).catch((error) => announce(problemText(error.code)));
  const sizes = el('select', { id: 'page-size', onchange: (event) => {
    state.pageSize = Number(event.target.value);
    state.cursors = [undefined];
    state.page = 0;
    void rerun();
  } }, pageSizes.map((size) => el('option', { value: size, selected: size === state.pageSize }, size)));
  const lines = body.lines.map((line) => [
    day(line.dateRef),
    el('span', {}, line.description ?? '', el('br'), el('span', { class: 'muted hide-narrow' }, `${t('eventCode')} ${line.eventCode}`)),
    line.debit === null ? '' : { text: money(line.debit), class: 'debit' },
    line.credit === null ? '' : { text: money(line.credit), class: 'credit' },
    { text: money(line.balanceAfter), class: line.balanceAfter.startsWith('-') ? 'negative' : '' },
  ]);
  section.replaceChildren(
    el('h2', { id: 'statement-title' }, t('statement')),
    el('div', { class: 'actions', role: 'group', 'aria-label': t('export') },
      el('span', { class: 'muted' }, `${t('export')}:`),
      exportFormats.map(([format, extension]) => el('button', { type: 'button', class: 'secondary', 'data-format': format, onclick: () => exportStatement(path, state, format, extension) }, t(`export.${format}`))),
      labelled(t('pageSize'), sizes)),
    el('p', { id: 'statement-opening' }, `${t('openingBalance')}: ${money(body.openingBalance)}`),
    lines.length === 0 ? el('p', { class: 'muted' }, t('statement.empty'))
    : table(t('statement.caption', { from: day(state.from), to: day(state.to), page: state.page + 1 }),
      [{ label: t('date') }, { label: t('description') }, { label: t('debit'), amount: true }, { label: t('credit'), amount: true }, { label: t('balance'), amount: true }],
      lines, { id: 'statement-table' }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'secondary', id: 'statement-previous', disabled: state.page === 0, onclick: () => { state.page -= 1; void rerun(); } }, t('previous')),
      el('button', { type: 'button', class: 'secondary', id: 'statement-next', disabled: !body.nextCursor, onclick: () => { state.page += 1; void rerun(); } }, t('next'))));
}

async function exportStatement(path, state, format, extension) {
  try {
    const name = await download(`${path}/statement`, { from: state.from, to: state.to, format }, `extrato-${state.branch}-${state.account}-${state.from}-${state.to}.${extension}`);
    announce(t('export.done', { name }));
  } catch (error) {
    announce(problemText(error.code));
  }
}
