// The daily cash flow chart with uPlot (loaded as a classic script: `window.uPlot`): credits and
// debits per day as bars side by side, the closing balance as a line, one shared amount scale,
// and a ring on the balance of every day revised after it closed (a backdated entry moved it).
// Days without movement are drawn as zero bars with the balance carried over, so the line is the
// balance at the end of every day of the range. The same figures are in the table beneath the
// chart (a canvas says nothing to a screen reader) and on the figure's `data-series` attribute.
import { money, shortDay, t } from './i18n.js';

const colours = { credit: '#1a7a3a', debit: '#b3261e', balance: '#0b5cad', revised: '#8a4b00' };

/**
 * The series for a range: one entry per day from `from` to `to`, from the daily balances (only days
 * with movement) and the balance before `from`.
 */
export function dailySeries(days, items, openingBalance) {
  const byDay = new Map(items.map((item) => [item.dateRef, item]));
  let balance = openingBalance;
  return days.map((dateRef) => {
    const item = byDay.get(dateRef);
    if (item !== undefined) balance = item.balance;
    return {
      dateRef, credits: item?.totalCredit ?? '0.00', debits: item?.totalDebit ?? '0.00', balance, entries: item?.transactionCount ?? 0,
      revisedAt: item?.revisedAt ?? null,
    };
  });
}

export function drawChart(container, series) {
  container.replaceChildren();
  container.dataset.series = JSON.stringify(series);
  const uPlot = window.uPlot;
  if (uPlot === undefined || series.length === 0) return null;
  const x = series.map((_, index) => index);
  // A day without credits (or debits) has no bar rather than a flat one.
  const bar = (value) => (Number(value) === 0 ? null : Number(value));
  const data = [x, series.map((d) => bar(d.credits)), series.map((d) => bar(d.debits)), series.map((d) => Number(d.balance)),
    series.map((d) => (d.revisedAt === null ? null : Number(d.balance)))];
  const width = Math.max(280, container.clientWidth - 16);
  const barWidth = Math.min(0.35, 0.8 / 2);
  const bars = (align) => uPlot.paths.bars({ size: [barWidth, 48], align });
  const options = {
    width,
    height: width < 500 ? 220 : 300,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, range: [-0.6, series.length - 0.4] } },
    axes: [
      { values: (_, ticks) => ticks.map((tick) => (Number.isInteger(tick) && series[tick] ? shortDay(series[tick].dateRef) : '')), space: 48 },
      { values: (_, ticks) => ticks.map((tick) => money(tick.toFixed(2)).replace(/[.,]00$/, '')), size: 90 },
    ],
    series: [
      {},
      { label: t('credits'), fill: colours.credit, stroke: colours.credit, paths: bars(-1), points: { show: false } },
      { label: t('debits'), fill: colours.debit, stroke: colours.debit, paths: bars(1), points: { show: false } },
      { label: t('closingBalance'), stroke: colours.balance, width: 2, points: { show: true, size: 6, fill: colours.balance } },
      // Rings only, no line between revised days.
      { label: t('revised'), stroke: colours.revised, paths: () => null, points: { show: true, size: 14, width: 2, stroke: colours.revised, fill: 'rgba(0,0,0,0)' } },
    ],
  };
  return new uPlot(options, data, container);
}
