// `npm start` as a user runs it: the compiled runtime as its own process, with its own embedded
// PostgreSQL, answering on one public origin; Chromium loads its page; Ctrl-C stops everything.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { GiveUp, eventually, freePort, launchChromium, withDataSource } from '@grantline/testing';

const root = join(__dirname, '..', '..', '..');
const runtimeMain = join(root, 'dist', 'apps', 'grantline', 'src', 'main.js');
const screenshots = join(root, 'test-output', 'screenshots');

interface Runtime {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const PORT_VARIABLES = [
  'GRANTLINE_PUBLIC_PORT',
  'GRANTLINE_AUDIT_PORT',
  'GRANTLINE_AUTHORIZE_PORT',
  'GRANTLINE_TOKEN_PORT',
  'GRANTLINE_CONSENT_PORT',
  'GRANTLINE_GRANTS_PORT',
  'GRANTLINE_POSTGRES_PORT',
] as const;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes whose command line mentions the directory: a leftover postgres would. */
function processesUsing(directory: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(directory);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('the embedded runtime (npm start)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'grantline-e2e-'));
  chmodSync(dataDir, 0o755); // as root, the runtime's PostgreSQL runs as `postgres`, which must enter it
  const env: Record<string, string> = {};
  let publicUrl: string;

  function start(extra: Record<string, string> = {}): Runtime {
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...env,
      LOG_LEVEL: 'warn',
      GRANTLINE_DATA_DIR: dataDir,
      ...extra,
    };
    delete childEnv['DATABASE_URL'];
    const child = spawn(process.execPath, [runtimeMain], {
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { process: child, output: () => Buffer.concat(chunks).toString('utf8'), exited };
  }

  async function untilReady(runtime: Runtime): Promise<number> {
    const started = performance.now();
    await eventually(
      () => {
        if (runtime.process.exitCode !== null) throw new GiveUp(`runtime exited:\n${runtime.output()}`);
        expect(runtime.output()).toContain('Grantline is ready');
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    return performance.now() - started;
  }

  /** After a failure: stop as a user would, so the runtime's PostgreSQL goes with it. */
  async function cleanUp(runtime: Runtime): Promise<void> {
    if (runtime.process.exitCode !== null || runtime.process.signalCode !== null) return;
    runtime.process.kill('SIGINT');
    const killer = setTimeout(() => runtime.process.kill('SIGKILL'), 10_000);
    await runtime.exited;
    clearTimeout(killer);
  }

  async function stop(runtime: Runtime): Promise<{ code: number | null; ms: number }> {
    const started = performance.now();
    runtime.process.kill('SIGINT');
    const code = await runtime.exited;
    return { code, ms: performance.now() - started };
  }

  /**
   * Free ports for the next start. Picked again before every start: between two starts, parallel
   * suites' own free-port picks may take a port this suite let go of.
   */
  async function pickPorts(): Promise<void> {
    for (const variable of PORT_VARIABLES) env[variable] = String(await freePort());
    publicUrl = `http://127.0.0.1:${env['GRANTLINE_PUBLIC_PORT']}`;
  }

  beforeAll(async () => {
    if (!existsSync(runtimeMain)) throw new Error(`${runtimeMain} is missing: run \`npm run build\` first`);
    await pickPorts();
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts every service, routes the public origin, serves a page to Chromium, and stops on Ctrl-C', async () => {
    const runtime = start();
    try {
      const coldStartMs = await untilReady(runtime);
      process.stdout.write(
        `embedded runtime cold start (initdb included): ${(coldStartMs / 1000).toFixed(1)} s\n`,
      );

      const ready = await fetch(`${publicUrl}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ok',
        services: { authorize: 'up', token: 'up', consent: 'up', grants: 'up', audit: 'up' },
      });
      const servicePorts = ['AUTHORIZE', 'TOKEN', 'CONSENT', 'GRANTS', 'AUDIT'].map(
        (s) => env[`GRANTLINE_${s}_PORT`],
      );
      for (const port of servicePorts) {
        expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
      }

      // Path routing as the Ingress does it: each prefix reaches its service.
      const routed = {
        authorize: ['/par/x', '/.well-known/x', '/interaction/x/y'],
        token: ['/token/x', '/revoke/x'],
        // One segment more than GET/DELETE /grants/{grant_id}: no route, so the 404 is the service's own.
        grants: ['/grants/x/y'],
      };
      for (const paths of Object.values(routed)) {
        for (const path of paths) {
          const response = await fetch(`${publicUrl}${path}`);
          expect(response.status).toBe(404);
          expect(await response.json()).toEqual({
            error: 'not_found',
            error_description: expect.any(String),
          });
          expect(response.headers.get('x-fapi-interaction-id')).toMatch(/^[0-9a-f-]{36}$/);
        }
      }
      const openBanking = await fetch(`${publicUrl}/open-banking/v4.0/aisp/nothing`);
      expect(openBanking.status).toBe(404);
      expect(await openBanking.json()).toMatchObject({
        Code: '404',
        Errors: [{ ErrorCode: 'UK.OBIE.Resource.NotFound' }],
      });

      // The public origin is the issuer; the demo TPP and PSUs are ready for a developer.
      const discovery = await fetch(`${publicUrl}/.well-known/openid-configuration`);
      expect(((await discovery.json()) as Record<string, unknown>)['issuer']).toBe(publicUrl);
      const demoTpp = JSON.parse(readFileSync(join(dataDir, 'demo-tpp.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(demoTpp).toMatchObject({
        client_id: 'demo-tpp',
        redirect_uri: `${publicUrl}/demo-tpp/callback`,
      });
      expect(runtime.output()).toContain('username alice  password alice-demo-pass');

      const metrics = await (await fetch(`${publicUrl}/metrics`)).text();
      for (const [service, paths] of Object.entries(routed)) {
        const count = metrics.match(
          new RegExp(
            `grantline_http_request_duration_seconds_count\\{service="${service}",method="GET",route="unmatched",status_code="404"\\} (\\d+)`,
          ),
        );
        expect(Number(count?.[1])).toBeGreaterThanOrEqual(paths.length);
      }
      expect(metrics).toContain('service="consent"');
      expect(metrics).toContain('process_resident_memory_bytes');

      const unknown = await fetch(`${publicUrl}/nowhere`);
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: 'not_found' });

      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const response = await page.goto(publicUrl);
        expect(response?.status()).toBe(200);
        expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(await page.title()).toBe('Grantline');
        expect(await page.locator('h1').textContent()).toBe('Grantline');
        mkdirSync(screenshots, { recursive: true });
        const screenshot = join(screenshots, 'embedded-runtime-landing.png');
        await page.screenshot({ path: screenshot, fullPage: true });
        expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe('PNG');
      } finally {
        await browser.close();
      }

      const postmasterPid = Number(
        readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      expect(isAlive(postmasterPid)).toBe(true);
      const stopped = await stop(runtime);
      process.stdout.write(`embedded runtime stop: ${stopped.ms.toFixed(0)} ms\n`);
      if (stopped.code !== 0) process.stdout.write(`runtime output:\n${runtime.output()}\n`);
      expect(stopped.code).toBe(0);
      expect(stopped.ms).toBeLessThan(5000);
      expect(isAlive(postmasterPid)).toBe(false);
      expect(processesUsing(dataDir)).toEqual([]);
    } finally {
      await cleanUp(runtime);
    }
  });

  it('keeps its data under the data directory across restarts', async () => {
    const databaseUrl = () => {
      const password = encodeURIComponent(readFileSync(join(dataDir, 'postgres.password'), 'utf8').trim());
      return `postgres://grantline:${password}@127.0.0.1:${env['GRANTLINE_POSTGRES_PORT']}/grantline`;
    };
    const withDatabase = <T>(work: (db: DataSource) => Promise<T>): Promise<T> =>
      withDataSource(databaseUrl(), work);

    await pickPorts();
    const first = start();
    try {
      await untilReady(first);
      await withDatabase((db) =>
        db.query(
          "CREATE TABLE public.restart_marker (note text); INSERT INTO public.restart_marker VALUES ('kept')",
        ),
      );
      expect((await stop(first)).code).toBe(0);
    } finally {
      await cleanUp(first);
    }

    await pickPorts();
    const second = start();
    try {
      await untilReady(second);
      const rows: Array<{ note: string }> = await withDatabase((db) =>
        db.query('SELECT note FROM public.restart_marker'),
      );
      expect(rows).toEqual([{ note: 'kept' }]);
      expect((await stop(second)).code).toBe(0);
    } finally {
      await cleanUp(second);
    }
  });

  it('refuses a bad setting with one line naming the variable', () => {
    const result = spawnSync(process.execPath, [runtimeMain], {
      env: { ...process.env, GRANTLINE_DATA_DIR: dataDir, GRANTLINE_PUBLIC_PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'grantline-runtime: Invalid configuration: GRANTLINE_PUBLIC_PORT must be an integer between 0 and 65535',
    ]);
  });
});
