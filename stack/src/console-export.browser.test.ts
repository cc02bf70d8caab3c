// The console's export buttons (CSV, OFX, CNAB 240) downloading the five-day example's statement
// in a real browser, each file parsed back and checked against the statement the page shows.
// Without a browser the suite is skipped and says so.
import { readFileSync } from 'node:fs';
import { businessDate } from '@flow/ledger-core';
import { statementExample } from '@flow/ledger-core/testing';
import type { Page } from 'playwright-core';
import { demoAccount, demoBranch } from './demo-catalog.ts';
import { describeInBrowser, launchConsoleBrowser, post, screenshot, startNpmStack, waitForOutcome, type ConsoleBrowser, type StartedStack } from './testing/console-browser.ts';

const today = businessDate(new Date(), 'America/Sao_Paulo');
/** The five-day example of every layer's tests. */
const { entries: example } = statementExample(today);

async function downloaded(page: Page, format: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`button[data-format=${format}]`)]);
  return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, 'latin1') };
}

describeInBrowser('the console\'s statement exports in a browser', (chromiumPath) => {
  let stack: StartedStack;
  let browser: ConsoleBrowser;
  let page: Page;

  beforeAll(async () => {
    stack = await startNpmStack();
    browser = await launchConsoleBrowser(chromiumPath);
    for (const entry of example) {
      const id = await post(stack, stack.token, { branch: demoBranch, account: demoAccount, ...entry });
      expect(await waitForOutcome(stack, stack.token, id)).toBe('posted');
    }
    page = await browser.context.newPage();
    await page.goto(stack.consoleLink);
    await page.locator('#statement-table').waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  test('CSV: a header and one row per statement line, with the running balances', async () => {
    const { name, text } = await downloaded(page, 'csv');
    expect(name).toMatch(/\.csv$/);
    const rows = text.trim().split(/\r?\n/);
    expect(rows.length).toBe(1 + example.length);
    for (const [index, balance] of ['8.00', '9.00', '8.00', '-2.00', '12.00'].entries()) {
      expect(rows[index + 1]!.split(',')).toEqual(expect.arrayContaining([example[index]!.dateRef, balance]));
    }
    await screenshot(page, 'export-csv');
  });

  test('OFX: one STMTTRN per line with signed amounts, and the ledger balance', async () => {
    const { text } = await downloaded(page, 'ofx');
    const amounts = [...text.matchAll(/<TRNAMT>([-\d.]+)/g)].map((match) => Number(match[1]));
    expect(amounts).toEqual([8, 1, -1, -10, 14]);
    expect(/<LEDGERBAL>[\s\S]*?<BALAMT>([-\d.]+)/.exec(text)?.[1]).toMatch(/^12(\.00)?$/);
  });

  test('CNAB 240: 240-character lines, one segment E per statement line', async () => {
    const { text } = await downloaded(page, 'cnab240');
    const lines = text.split(/\r?\n/).filter(Boolean);
    expect(lines.every((line) => line.length === 240)).toBe(true);
    expect(lines.filter((line) => line[7] === '3' && line[13] === 'E')).toHaveLength(example.length);
    expect(lines[0]![7]).toBe('0');
    expect(lines.at(-1)![7]).toBe('9');
  });
});
