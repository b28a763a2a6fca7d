// `npm run demo -- ais|pis --auto` as a developer runs it: the built demo TPP as its own process
// against the embedded runtime as `npm start` runs it (its own process, embedded PostgreSQL under a
// fresh data directory, free ports, payment signatures required as in uk-ob). The demo must finish
// each journey, say what it got, and print no credential.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, GiveUp, eventually, freePort } from '@grantline/testing';

const root = join(__dirname, '..', '..', '..');
const runtimeMain = join(root, 'dist', 'apps', 'grantline', 'src', 'main.js');
const demoMain = join(root, 'dist', 'apps', 'demo-tpp', 'src', 'main.js');

const PORT_VARIABLES = [
  'GRANTLINE_PUBLIC_PORT',
  'GRANTLINE_AUDIT_PORT',
  'GRANTLINE_AUTHORIZE_PORT',
  'GRANTLINE_TOKEN_PORT',
  'GRANTLINE_CONSENT_PORT',
  'GRANTLINE_GRANTS_PORT',
  'GRANTLINE_POSTGRES_PORT',
  'GRANTLINE_DEMO_TPP_CALLBACK_PORT',
] as const;

/** Three base64url segments starting with a JOSE header: a token, assertion, DPoP proof or JWS. */
const JWT_SHAPED = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/;

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runDemo(args: string[]): Promise<Finished> {
  const child = spawn(process.execPath, [demoMain, ...args], {
    env: { ...process.env, CHROMIUM_PATH, DISPLAY: '', WAYLAND_DISPLAY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('the demo TPP (npm run demo)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'grantline-demo-'));
  chmodSync(dataDir, 0o755); // as root, the runtime's PostgreSQL runs as `postgres`, which must enter it
  const tppFile = join(dataDir, 'demo-tpp.json');
  let runtime: ChildProcess | undefined;
  let runtimeOutput = '';
  let exited: Promise<void>;

  beforeAll(async () => {
    for (const main of [runtimeMain, demoMain])
      if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
    const ports: Record<string, string> = {};
    for (const variable of PORT_VARIABLES) ports[variable] = String(await freePort());
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...ports,
      LOG_LEVEL: 'warn',
      GRANTLINE_DATA_DIR: dataDir,
      REQUIRE_PAYMENT_JWS_SIGNATURE: 'true',
    };
    delete env['DATABASE_URL'];
    delete env['KAFKA_BROKERS'];
    const child = spawn(process.execPath, [runtimeMain], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    runtime = child;
    child.stdout.on('data', (chunk: Buffer) => (runtimeOutput += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (runtimeOutput += chunk.toString()));
    exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await eventually(
      () => {
        if (child.exitCode !== null) throw new GiveUp(`runtime exited:\n${runtimeOutput}`);
        expect(runtimeOutput).toContain('Grantline is ready');
      },
      { timeoutMs: 90_000, intervalMs: 100 },
    );
  }, 120_000);

  afterAll(async () => {
    if (runtime && runtime.exitCode === null && runtime.signalCode === null) {
      runtime.kill('SIGINT');
      const killer = setTimeout(() => runtime?.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Every credential the journey involved stays out of what the demo printed. */
  function expectNoCredentials({ stdout, stderr }: Finished): void {
    const printed = `${stdout}\n${stderr}`;
    expect(printed).not.toMatch(JWT_SHAPED);
    expect(printed).not.toMatch(/[?&]code=/);
    expect(printed).not.toContain('alice-demo-pass');
    const tpp = JSON.parse(readFileSync(tppFile, 'utf8')) as { jwks: { keys: Array<{ d: string }> } };
    expect(printed).not.toContain(tpp.jwks.keys[0].d);
  }

  it('[FLOW-2] [CON-7] ais --auto: consent, PAR, alice approves in Chromium, DPoP tokens, then accounts, balances and transactions as a table', async () => {
    const finished = await runDemo(['ais', '--auto', '--tpp', tppFile]);
    expect({ code: finished.code, stderr: finished.stderr }).toEqual({ code: 0, stderr: '' });
    const { stdout } = finished;
    expect(stdout).toMatch(/client_credentials, scope "accounts"/);
    expect(stdout).toMatch(/consent aac-\S+, status AWAU/);
    expect(stdout).toContain('Push the authorization request (PAR');
    expect(stdout).toContain('signed in as alice');
    expect(stdout).toMatch(
      /the redirect carries a code \(not shown\), state and iss=http:\/\/127\.0\.0\.1:\d+/,
    );
    expect(stdout).toContain('openid-client checked state and iss (RFC 9207)');
    expect(stdout).toMatch(
      /access token received: DPoP-bound, expires in \d+ s, scope "openid accounts", grant_id gr-/,
    );
    expect(stdout).toMatch(/account +type +number +balance +transactions/);
    expect(stdout).toMatch(/Everyday +CurrentAccount +…\d{4} +GBP [\d.]+ \(\w+\) +\d+/);
    expect(stdout).toMatch(/booked +amount +description/);
    expect(stdout).toContain('done: the account information journey completed');
    expectNoCredentials(finished);
  });

  it('[CON-2] [CON-5] pis --auto: a signed payment consent, alice approves, funds confirmed, the payment executes and reads back ACSC', async () => {
    const finished = await runDemo(['pis', '--auto', '--tpp', tppFile]);
    expect({ code: finished.code, stderr: finished.stderr }).toEqual({ code: 0, stderr: '' });
    const { stdout } = finished;
    expect(stdout).toMatch(/consent pdc-\S+, status AWAU: GBP 12\.34 to Acme Ltd/);
    expect(stdout).toMatch(/access token received: DPoP-bound, expires in \d+ s, scope "openid payments"/);
    expect(stdout).toContain('funds available: yes');
    expect(stdout).toMatch(/payment dp-\S+ accepted, status ACSC/);
    expect(stdout).toContain('payment status: ACSC (settlement completed on the debtor account)');
    expect(stdout).toContain('done: the payment journey completed');
    expectNoCredentials(finished);
  });

  it('stops with one clear sentence and exit code 1 when the platform is not running', async () => {
    const finished = await runDemo([
      'ais',
      '--auto',
      '--tpp',
      tppFile,
      '--issuer',
      `http://127.0.0.1:${await freePort()}`,
    ]);
    expect(finished.code).toBe(1);
    expect(finished.stderr).toMatch(
      /^\ndemo: cannot reach the platform at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\): is it running\? Start it with `npm start`/,
    );
    expect(finished.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('stops with one clear sentence and exit code 1 when the TPP file is missing', async () => {
    const finished = await runDemo(['pis', '--tpp', join(dataDir, 'nowhere.json')]);
    expect(finished.code).toBe(1);
    expect(finished.stdout).toBe('');
    expect(finished.stderr).toContain(
      `demo: no demo TPP file at ${join(dataDir, 'nowhere.json')}: start the platform first`,
    );
    expect(finished.stderr).not.toMatch(/\n\s+at /);
  });
});
