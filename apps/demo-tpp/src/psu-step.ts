// The PSU's part: the bank's pages, then the redirect back to the TPP. The TPP listens on its
// registered loopback redirect URI (http://127.0.0.1:<port>/callback) and waits for the redirect;
// a person opens the authorization URL in their browser, or with --auto headless Chromium (Debian's
// package, driven by playwright-core) signs in, keeps the first offered account and approves.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { chromium } from 'playwright-core';
import { DemoStopped } from './demo-tpp-file';
import type { Narration } from './narration';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'];

const PAGE =
  '<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>Demo TPP</title>' +
  '<p>The demo TPP received the bank’s answer. You can close this page and go back to the terminal.</p>';

/** Listens on the redirect URI; `redirect` resolves with the first request to its path. */
export class CallbackListener {
  readonly redirect: Promise<URL>;
  private arrived!: (url: URL) => void;

  private constructor(
    private readonly server: Server,
    private readonly redirectUri: URL,
  ) {
    this.redirect = new Promise((resolve) => (this.arrived = resolve));
    server.on('request', (request, response) => {
      const url = new URL(request.url ?? '/', this.redirectUri);
      if (url.pathname !== this.redirectUri.pathname) {
        response.writeHead(404).end();
        return;
      }
      response
        .writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
          'content-security-policy': "default-src 'none'",
        })
        .end(PAGE);
      this.arrived(url);
    });
  }

  static async listen(redirectUri: string): Promise<CallbackListener> {
    const uri = new URL(redirectUri);
    if (uri.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(uri.hostname) || !uri.port)
      throw new DemoStopped(
        `the redirect URI ${redirectUri} is not a loopback address this demo can listen on`,
      );
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new DemoStopped(
            `cannot listen on ${uri.host} for the redirect (${error.code ?? error.message}): is another demo running?`,
          ),
        ),
      );
      server.listen(Number(uri.port), uri.hostname.replace(/^\[|\]$/g, ''), resolve);
    });
    return new CallbackListener(server, uri);
  }

  /** The redirect, or a clear stop after `seconds`. */
  within(seconds: number): Promise<URL> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new DemoStopped(`no redirect from the bank within ${seconds} s (use --wait to wait longer)`),
          ),
        seconds * 1000,
      );
    });
    return Promise.race([this.redirect, late]).finally(() => clearTimeout(timer));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Opens the URL in the person's browser when there is a display; otherwise they copy it. */
export function openForPerson(url: URL, say: Narration): void {
  const opener =
    process.platform === 'darwin'
      ? 'open'
      : process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']
        ? 'xdg-open'
        : undefined;
  say.detail(`open this URL in a browser, sign in and approve:\n\n     ${url.href}\n`);
  if (!opener) return;
  const child = spawn(opener, [url.href], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined); // no opener installed: the printed URL is enough
  child.unref();
}

/** Signs in as the PSU in headless Chromium, keeps the first account offered, approves. */
export async function approveInChromium(
  url: URL,
  psu: { username: string; password: string },
  say: Narration,
): Promise<void> {
  const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(executablePath))
    throw new DemoStopped(
      `--auto needs Chromium at ${executablePath}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(url.href);
    say.detail(`Chromium opened the bank's sign-in page: "${await page.title()}"`);
    await page.getByLabel('Username').fill(psu.username);
    await page.getByLabel('Password').fill(psu.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const approve = page.getByRole('button', { name: 'Approve' });
    await approve.waitFor({ timeout: 15_000 }).catch(async () => {
      const alert = await page
        .locator('[role=alert], .error')
        .first()
        .textContent()
        .catch(() => null);
      throw new DemoStopped(`signing in as ${psu.username} failed${alert ? `: ${alert.trim()}` : ''}`);
    });
    say.detail(
      `signed in as ${psu.username}; the consent page asks: "${await page.locator('h1').first().textContent()}"`,
    );
    const account = page.locator('input[name="account"]').first();
    if ((await account.count()) > 0) {
      await account.check();
      const label = await page.locator(`label[for="${await account.getAttribute('id')}"]`).textContent();
      say.detail(`picked the account ${label?.trim() ?? ''}`);
    }
    await approve.click();
    say.detail('approved; the bank redirects the browser back to the TPP');
    await page.waitForURL((target) => target.origin !== url.origin, { timeout: 30_000 });
  } finally {
    await browser.close();
  }
}
