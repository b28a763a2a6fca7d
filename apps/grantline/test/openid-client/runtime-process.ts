// The embedded runtime as `npm start` runs it (dist/, its own process, its own embedded PostgreSQL
// under a fresh data directory, free ports), with the test's clients in GRANTLINE_CLIENTS_FILE.
// Started again on fresh ports when one got taken before the runtime bound it.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GiveUp, eventually, freePort, retryOnTakenPort } from '@grantline/testing';

const root = join(__dirname, '..', '..', '..', '..');
const runtimeMain = join(root, 'dist', 'apps', 'grantline', 'src', 'main.js');

const PORT_VARIABLES = [
  'GRANTLINE_PUBLIC_PORT',
  'GRANTLINE_AUDIT_PORT',
  'GRANTLINE_AUTHORIZE_PORT',
  'GRANTLINE_TOKEN_PORT',
  'GRANTLINE_CONSENT_PORT',
  'GRANTLINE_GRANTS_PORT',
  'GRANTLINE_POSTGRES_PORT',
] as const;

export interface RuntimeProcess {
  publicUrl: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startRuntimeProcess(env: Record<string, string> = {}): Promise<RuntimeProcess> {
  return retryOnTakenPort(() => startOnce(env));
}

async function startOnce(env: Record<string, string>): Promise<RuntimeProcess> {
  if (!existsSync(runtimeMain)) throw new Error(`${runtimeMain} is missing: run \`npm run build\` first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'grantline-interop-'));
  chmodSync(dataDir, 0o755); // as root, the runtime's PostgreSQL runs as `postgres`, which must enter it
  const ports: Record<string, string> = {};
  for (const variable of PORT_VARIABLES) ports[variable] = String(await freePort());
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...ports,
    LOG_LEVEL: 'warn',
    GRANTLINE_DATA_DIR: dataDir,
    ...env,
  };
  delete childEnv['DATABASE_URL'];
  delete childEnv['KAFKA_BROKERS'];
  const child: ChildProcess = spawn(process.execPath, [runtimeMain], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const output = () => Buffer.concat(chunks).toString('utf8');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await eventually(
      () => {
        if (child.exitCode !== null) throw new GiveUp(`runtime exited:\n${output()}`);
        expect(output()).toContain('Grantline is ready');
      },
      { timeoutMs: 90_000, intervalMs: 100 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const publicOrigin = /public origin\s+(\S+)/.exec(output())?.[1];
  return {
    publicUrl: publicOrigin ?? `http://127.0.0.1:${ports['GRANTLINE_PUBLIC_PORT']}`,
    dataDir,
    output,
    stop,
  };
}
