// The cash-flow console in a real browser (Debian's Chromium driven by playwright-core) against a
// real `npm start`: sign-in through the banner link, the account view's chart and statement for
// the five-day example, paging, the live feed, a token of another branch, both languages, a phone
// width and an accessibility check (axe-core: no serious or critical violation). Each test saves a
// screenshot under stack/.screenshots/. Without a browser the suite is skipped and says so.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { businessDate } from '@flow/ledger-core';
import { statementExample } from '@flow/ledger-core/testing';
import { signEmbeddedToken } from '@flow/service-kit';
import { waitFor } from '@flow/service-kit/testing';
import type { Page } from 'playwright-core';
import { demoAccount, demoBranch } from './demo-catalog.ts';
import { readOrCreateSecret } from './local-secret.ts';
import {
  describeInBrowser, launchConsoleBrowser, post, read, screenshot, startNpmStack, waitForOutcome, type ConsoleBrowser, type StartedStack,
} from './testing/console-browser.ts';

const today = businessDate(new Date(), 'America/Sao_Paulo');
/** The five-day example of every layer's tests, posted out of order (backdated ones last). */
const { day, entries: example, applyOrder } = statementExample(today);
const otherBranch = '0002';
const otherAccount = '000777';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// Page-side conditions are expressions, since this file is type-checked without the DOM's types.
const statementRows = (count: number) => `document.querySelectorAll('#statement-table tbody tr').length === ${count}`;
const feedConnected = "document.querySelector('#feed-status')?.textContent === 'Conectado.'";
/**
 * Waits until `expression` is true in the page. Evaluated through the debugging protocol, as
 * page.waitForFunction's string form would be eval'd in the page, which the console's CSP forbids.
 */
async function until(page: Page, expression: string, timeoutMs = 15_000): Promise<void> {
  await waitFor(async () => Boolean(await page.evaluate(expression)), timeoutMs, 50);
}

const cellTexts = (page: Page, selector: string) => page.locator(selector).allInnerTexts();

async function seriousViolations(page: Page): Promise<string[]> {
  // Injected through the debugging protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const result = await page.evaluate('axe.run()') as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
  return result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

describeInBrowser('the console in a browser', (chromiumPath) => {
  let stack: StartedStack;
  let browser: ConsoleBrowser;
  let page: Page;
  let rejectedId = '';

  beforeAll(async () => {
    stack = await startNpmStack();
    browser = await launchConsoleBrowser(chromiumPath);
    const ids = [];
    for (const index of applyOrder) {
      ids.push(await post(stack, stack.token, { branch: demoBranch, account: demoAccount, ...example[index]!, description: `Exemplo ${index + 1}` }));
    }
    for (const id of ids) expect(await waitForOutcome(stack, stack.token, id)).toBe('posted');
    expect((await read(stack, stack.token, '/v1/branches', { method: 'POST', body: { code: otherBranch, name: 'Outra agência' } })).status).toBe(201);
    const registered = await read(stack, stack.token, '/v1/accounts', {
      method: 'POST', body: { branch: otherBranch, account: otherAccount, status: 'active', holderName: 'Outra agência' },
    });
    expect(registered.status).toBe(201);
    const other = await post(stack, stack.token, { branch: otherBranch, account: otherAccount, amount: '77.00', debitCredit: 'C', dateRef: today });
    expect(await waitForOutcome(stack, stack.token, other)).toBe('posted');
    page = await browser.context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  test('the banner link signs in on the demo account, and the token leaves the address bar', async () => {
    expect(stack.banner).toContain('Console');
    expect(new URL(stack.consoleLink).hash).toMatch(/^#token=/);
    await page.goto(stack.consoleLink);
    await page.locator('#statement-table').waitFor();
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate(() => sessionStorage.getItem('flow.console.token'))).toBe(stack.token);
    expect(await page.inputValue('#account-branch')).toBe(demoBranch);
    expect(await page.inputValue('#account-account')).toBe(demoAccount);
    await screenshot(page, 'sign-in-banner-link');
  });

  test('the account view draws the five-day example: bars, balances and the statement agree', async () => {
    await page.locator('#cash-flow-chart canvas').waitFor();
    const series = JSON.parse((await page.getAttribute('#cash-flow-chart', 'data-series'))!) as
      { dateRef: string; credits: string; debits: string; balance: string; revisedAt: string | null }[];
    expect(series.map((d) => d.dateRef)).toEqual([day(-1), day(0), day(1), day(2), day(3), day(4), day(5)]);
    expect(series.map((d) => [d.credits, d.debits, d.balance])).toEqual([
      ['0.00', '0.00', '0.00'], ['0.00', '0.00', '0.00'],
      ['8.00', '0.00', '8.00'], ['1.00', '0.00', '9.00'], ['0.00', '1.00', '8.00'], ['0.00', '10.00', '-2.00'], ['14.00', '0.00', '12.00'],
    ]);
    // Backdated changes are visible: days 1–4 were posted today, after they closed; day 5 is today.
    expect(series.map((d) => d.revisedAt !== null)).toEqual([false, false, true, true, true, true, false]);
    expect(await page.isVisible('#revised-note')).toBe(true);
    const revisedCells = await page.locator('#daily-table tbody td:nth-child(6)').allTextContents();
    expect(revisedCells.map((text) => text !== '')).toEqual([false, false, true, true, true, true, false]);
    expect(await cellTexts(page, '#statement-table tbody td:nth-child(5)')).toEqual(['R$ 8,00', 'R$ 9,00', 'R$ 8,00', '-R$ 2,00', 'R$ 12,00']);
    expect(await cellTexts(page, '#statement-table tbody td:nth-child(4)')).toEqual(['R$ 8,00', 'R$ 1,00', '', '', 'R$ 14,00']);
    expect(await page.innerText('#summary-closing')).toBe('R$ 12,00');
    expect(await page.innerText('#summary-credits')).toBe('R$ 23,00');
    const [year, month, date] = day(1).split('-');
    expect((await cellTexts(page, '#statement-table tbody td:nth-child(1)'))[0]).toBe(`${date}/${month}/${year}`);
    await screenshot(page, 'account-view');
  });

  test('the statement pages forward and back with running balances across pages', async () => {
    for (const amount of ['0.50', '0.25']) {
      const id = await post(stack, stack.token, { branch: demoBranch, account: demoAccount, amount, debitCredit: 'C', dateRef: today });
      await waitForOutcome(stack, stack.token, id);
    }
    await page.click('button[type=submit]');
    await page.locator('#statement-table').waitFor();
    await page.selectOption('#page-size', '5');
    await until(page, statementRows(5));
    expect(await page.isEnabled('#statement-next')).toBe(true);
    expect(await page.isDisabled('#statement-previous')).toBe(true);
    await page.click('#statement-next');
    await until(page, statementRows(2));
    expect(await cellTexts(page, '#statement-table tbody td:nth-child(5)')).toEqual(['R$ 12,50', 'R$ 12,75']);
    expect(await page.isDisabled('#statement-next')).toBe(true);
    await screenshot(page, 'statement-page-2');
    await page.click('#statement-previous');
    await until(page, statementRows(5));
    expect(await cellTexts(page, '#statement-table tbody td:nth-child(5)')).toEqual(['R$ 8,00', 'R$ 9,00', 'R$ 8,00', '-R$ 2,00', 'R$ 12,00']);
  });

  test('the live feed shows a new posting and a rejection, and holds them back while paused', async () => {
    await page.click('nav button[data-view=feed]');
    await until(page, feedConnected);
    const posted = await post(stack, stack.token, { branch: demoBranch, account: demoAccount, amount: '3.00', debitCredit: 'D', dateRef: today });
    await page.locator(`#feed-rows tr[data-id="${posted}"][data-status=posted]`).waitFor({ timeout: 15_000 });
    expect(await page.innerText(`#feed-rows tr[data-id="${posted}"]`)).toContain('R$ 3,00');
    const rejected = await post(stack, stack.token, { branch: demoBranch, account: demoAccount, amount: '4.00', debitCredit: 'C', dateRef: today, eventCode: 999_999 });
    await page.locator(`#feed-rows tr[data-id="${rejected}"][data-status=rejected]`).waitFor({ timeout: 15_000 });
    expect(await page.innerText(`#feed-rows tr[data-id="${rejected}"]`)).toContain('Código de evento não cadastrado (event_not_found)');
    rejectedId = rejected;
    await page.click('#feed-pause');
    const held = await post(stack, stack.token, { branch: demoBranch, account: demoAccount, amount: '5.00', debitCredit: 'C', dateRef: today });
    await until(page, "/1/.test(document.querySelector('#feed-status')?.textContent ?? '')");
    expect(await page.locator(`#feed-rows tr[data-id="${held}"]`).count()).toBe(0);
    await screenshot(page, 'live-feed-paused');
    await page.click('#feed-pause');
    await page.locator(`#feed-rows tr[data-id="${held}"]`).waitFor();
    await screenshot(page, 'live-feed');
  });

  test('a token of another branch sees nothing of this one', async () => {
    const other = await browser.context.newPage();
    const token = await signEmbeddedToken({ secret: readOrCreateSecret(stack.dataDir), scopes: ['flow:read'], branches: [otherBranch] });
    await other.goto(`${stack.queryApiUrl}/console/`);
    await other.fill('#token', token);
    await other.click('button[type=submit]');
    await other.fill('#account-branch', demoBranch);
    await other.fill('#account-account', demoAccount);
    await other.click('form.filters button[type=submit]');
    await other.locator('#account-results [role=alert]').waitFor();
    expect(await other.innerText('#account-results')).toBe('Seu token não dá acesso a esta agência.');
    await screenshot(other, 'other-branch-account-refused');
    await other.click('nav button[data-view=branch]');
    await other.locator('#report-table').waitFor();
    expect(await cellTexts(other, '#report-table tbody td:nth-child(1)')).toEqual([otherBranch]);
    await other.click('nav button[data-view=feed]');
    await until(other, feedConnected);
    const hidden = await post(stack, stack.token, { branch: demoBranch, account: demoAccount, amount: '6.00', debitCredit: 'C', dateRef: today });
    const shown = await post(stack, stack.token, { branch: otherBranch, account: otherAccount, amount: '7.00', debitCredit: 'C', dateRef: today });
    await other.locator(`#feed-rows tr[data-id="${shown}"]`).waitFor({ timeout: 15_000 });
    await waitForOutcome(stack, stack.token, hidden);
    expect(await other.locator(`#feed-rows tr[data-id="${hidden}"]`).count()).toBe(0);
    expect(await cellTexts(other, '#feed-rows td:nth-child(4)')).toEqual([`${otherBranch}/${otherAccount}`]);
    await screenshot(other, 'other-branch-feed');
    await other.close();
  });

  test('speaks pt-BR and English: texts, amounts and dates', async () => {
    await page.click('nav button[data-view=account]');
    await page.locator('#statement-table').waitFor();
    expect(await page.innerText('#statement-title')).toBe('Extrato');
    await page.selectOption('#language', 'en');
    await page.locator('#statement-table').waitFor();
    expect(await page.innerText('#statement-title')).toBe('Statement');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.innerText('#summary-opening')).toBe('R$ 0.00');
    expect((await cellTexts(page, '#statement-table tbody td:nth-child(5)')).slice(0, 5)).toEqual(['R$ 8.00', 'R$ 9.00', 'R$ 8.00', '-R$ 2.00', 'R$ 12.00']);
    await screenshot(page, 'account-view-english');
    await page.selectOption('#language', 'pt-BR');
    await page.locator('#statement-table').waitFor();
    expect(await page.innerText('#statement-title')).toBe('Extrato');
    expect(await page.getAttribute('html', 'lang')).toBe('pt-BR');
  });

  test('fits a phone-width screen and has no serious accessibility violation in any view', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click('nav button[data-view=account]');
    await page.locator('#cash-flow-chart canvas').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, 'account-view-phone');
    const found: Record<string, string[]> = {};
    found.account = await seriousViolations(page);
    for (const view of ['branch', 'feed', 'operations']) {
      await page.click(`nav button[data-view=${view}]`);
      await page.waitForTimeout(500);
      if (view === 'operations') {
        expect(await page.locator('#operations-worker').innerText()).toMatch(/^pronto/);
        expect(await page.locator('#operations-queues').innerText()).toMatch(/flow-transaction: \d+ mensagens .*flow-transaction-dlq: \d+ mensagens/);
      }
      found[view] = await seriousViolations(page);
      await screenshot(page, `${view}-view-phone`);
    }
    expect(found).toEqual({ account: [], branch: [], feed: [], operations: [] });
    await page.setViewportSize({ width: 1200, height: 900 });
  });

  test('the branch view, reached by keyboard, has the day\'s report and finds a rejected posting with its reason', async () => {
    await page.click('nav button[data-view=account]');
    await page.locator('#statement-table').waitFor();
    await page.focus('nav button[data-view=branch]');
    await page.keyboard.press('Enter');
    await page.locator('#report-table').waitFor();
    expect(await page.evaluate('document.activeElement?.id')).toBe('main');
    // The report opens on the linked account's branch.
    expect(await cellTexts(page, '#report-table tbody td:nth-child(1)')).toEqual([demoBranch]);
    await page.focus('#search-term');
    await page.keyboard.type(rejectedId);
    await page.keyboard.press('Enter');
    await page.locator('#search-table').waitFor();
    expect(await cellTexts(page, '#search-table tbody td:nth-child(1)')).toEqual(['rejeitado']);
    expect(await cellTexts(page, '#search-table tbody td:nth-child(2)')).toEqual(['Código de evento não cadastrado (event_not_found)']);
    await screenshot(page, 'branch-view');
  });
});
