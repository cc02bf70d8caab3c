// What the console's browser suites share: a real `npm start` (a child process with its own data
// folder and free ports) whose banner link they sign in with, Debian's Chromium driven by
// playwright-core (never a downloaded browser), postings sent to ingest as a producer would, and
// a screenshot per test under `stack/.screenshots/` (git-ignored).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@flow/service-kit/testing';
import { npmStartEnvironment } from './npm-start-environment.ts';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const screenshotFolder = join(repositoryRoot, 'stack', '.screenshots');

/** Where Chromium is (FLOW_CHROMIUM, else Debian's or Ubuntu's path), or null when there is none. */
export function findChromium(): string | null {
  const candidates = [process.env.FLOW_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']
    .filter((path): path is string => Boolean(path));
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not here; try the next one.
    }
  }
  return null;
}

/**
 * `describe` for a browser suite: `body` gets Chromium's path. Where there is none, the suite is one
 * skipped test that says why and how to get one, so a run reports it rather than passing silently.
 */
export function describeInBrowser(title: string, body: (chromiumPath: string) => void): void {
  const chromiumPath = findChromium();
  if (chromiumPath === null) {
    describe(title, () => {
      test.skip('SKIPPED: no Chromium (set FLOW_CHROMIUM, or install Debian\'s chromium: apt-get install -y chromium; .ci/run does)', () => {});
    });
  } else {
    describe(title, () => body(chromiumPath));
  }
}

/**
 * Headless, as root it needs --no-sandbox; with no network it must not try to reach Google
 * (background networking, component updates, sync, QUIC off). A fresh profile each time.
 */
export const chromiumArguments = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface ConsoleBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchConsoleBrowser(executablePath: string, locale = 'pt-BR'): Promise<ConsoleBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'flow-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true, args: chromiumArguments, locale, timezoneId: 'America/Sao_Paulo',
    viewport: { width: 1200, height: 900 }, acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotFolder, { recursive: true });
  await page.screenshot({ path: join(screenshotFolder, `${name}.png`), fullPage: true });
}

export interface StartedStack {
  readonly banner: string;
  /** The console link the banner printed. */
  readonly consoleLink: string;
  readonly token: string;
  readonly ingestUrl: string;
  readonly queryApiUrl: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** `npm start` exactly as a newcomer runs it, on free ports and a fresh data folder. */
export async function startNpmStack(): Promise<StartedStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'flow-console-'));
  const { ports, environment } = await npmStartEnvironment(dataDir);
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: repositoryRoot,
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGINT');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}:\n${output}`);
      return output.includes('Ctrl-C');
    }, 90_000, 100);
  } catch (error) {
    await stop();
    throw error;
  }
  const consoleLink = /(http:\/\/\S+\/console\/#\S+)/.exec(output)?.[1];
  if (consoleLink === undefined) {
    await stop();
    throw new Error(`no console link in the banner:\n${output}`);
  }
  const token = new URLSearchParams(consoleLink.split('#')[1]).get('token')!;
  return { banner: output, consoleLink, token, ingestUrl: `http://127.0.0.1:${ports.ingest}`, queryApiUrl: `http://127.0.0.1:${ports.query}`, dataDir, stop };
}

export interface PostingFields {
  readonly branch: string;
  readonly account: string;
  readonly amount: string;
  readonly debitCredit: 'D' | 'C';
  readonly dateRef: string;
  readonly eventCode?: number;
  readonly description?: string;
}

/** Posts one entry to ingest (202 expected) and returns its id. */
export async function post(stack: StartedStack, token: string, fields: PostingFields): Promise<string> {
  const response = await fetch(`${stack.ingestUrl}/v1/transactions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ eventCode: 494, ...fields }),
  });
  const body = await response.json() as { id: string };
  if (response.status !== 202) throw new Error(`ingest answered ${response.status}: ${JSON.stringify(body)}`);
  return body.id;
}

/** A query API read with the token, as JSON. */
export async function read(
  stack: StartedStack, token: string, path: string, init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${stack.queryApiUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

/** Waits until the posting `id` has an outcome the query API shows. */
export async function waitForOutcome(stack: StartedStack, token: string, id: string): Promise<string> {
  let status = '';
  await waitFor(async () => {
    const answer = await read(stack, token, `/v1/transactions/${id}`);
    status = answer.status === 200 ? (answer.body as { status: string }).status : '';
    return status !== '';
  }, 30_000, 100);
  return status;
}
