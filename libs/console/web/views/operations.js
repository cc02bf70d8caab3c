// The operations view (`flow:admin` tokens): `GET /v1/operations` — outbox backlog, queue and DLQ
// depth, the last reconciliation, the worker's health. What the API cannot read is shown as such.
import { getJson } from '../api.js';
import { el } from '../dom.js';
import { instant, problemText, t } from '../i18n.js';

export function operationsView(main, isAdmin) {
  const results = el('div', { id: 'operations' });
  main.replaceChildren(el('h1', {}, t('ops.title')),
    el('div', { class: 'actions' }, el('button', { type: 'button', id: 'operations-refresh', onclick: () => void load(results) }, t('refresh'))),
    results);
  if (!isAdmin) {
    results.replaceChildren(el('p', { class: 'notice' }, t('ops.adminOnly')));
    return;
  }
  void load(results);
}

async function load(results) {
  results.replaceChildren(el('p', { class: 'muted' }, t('loading')));
  try {
    const body = await getJson('/v1/operations');
    const item = (label, value) => el('div', {}, el('dt', {}, label), el('dd', {}, value));
    const unknown = (value, show) => (value === null || value === undefined ? el('span', { class: 'muted' }, t('ops.unknown')) : show(value));
    results.replaceChildren(
      el('dl', { class: 'summary' },
        item(t('ops.outbox'), String(body.outbox.unsent)),
        item(t('ops.oldestUnsent'), body.outbox.oldestUnsentAt ? instant(body.outbox.oldestUnsentAt) : t('none')),
        item(t('ops.lastBatch'), body.outbox.lastBatchAt ? instant(body.outbox.lastBatchAt) : t('none')),
        item(t('ops.queues'), unknown(body.queues, (queues) => el('span', { id: 'operations-queues' }, Object.entries(queues)
          .map(([queue, figures]) => t('ops.queue', { queue, messages: figures.messages, age: figures.oldestAgeSeconds ?? 0 })).join('; ')))),
        item(t('ops.reconciliation'), body.lastReconciliation === null ? el('span', { class: 'muted' }, t('ops.reconciliation.none'))
        : el('span', { id: 'operations-reconciliation' }, t('ops.reconciliation.run', {
          at: instant(body.lastReconciliation.finishedAt), status: t(`ops.reconciliation.${body.lastReconciliation.status}`),
          differences: body.lastReconciliation.differences,
        }))),
        item(t('ops.worker'), unknown(body.worker, (worker) => el('span', { id: 'operations-worker', class: worker.status === 'ok' ? 'status-posted' : 'status-rejected' },
          t(`ops.worker.${worker.status}`), Object.keys(worker.checks).length === 0 ? ''
          : el('span', { class: 'muted' }, ` (${Object.entries(worker.checks).map(([name, value]) => `${name}: ${value}`).join(', ')})`))))),
      el('p', { class: 'muted' }, t('ops.observedAt', { at: instant(body.observedAt) })));
  } catch (error) {
    results.replaceChildren(el('p', { class: 'error', role: 'alert' }, problemText(error.code)));
  }
}
