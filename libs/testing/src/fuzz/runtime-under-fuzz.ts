// The embedded runtime as `npm start` runs it (dist/, its own process, its own embedded PostgreSQL,
// in-process events), started for fuzzing: a crash, an unhandled rejection or an uncaught exception
// is visible as the process exiting or as a line in its captured output.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { eventually } from '../eventually';
import { freePort } from '../net/free-port';

const PORT_VARIABLES = [
  'GRANTLINE_PUBLIC_PORT',
  'GRANTLINE_AUDIT_PORT',
  'GRANTLINE_AUTHORIZE_PORT',
  'GRANTLINE_TOKEN_PORT',
  'GRANTLINE_CONSENT_PORT',
  'GRANTLINE_GRANTS_PORT',
  'GRANTLINE_POSTGRES_PORT',
] as const;

/** What Node or the services print when an error escaped every handler. */
const ESCAPED_ERROR = /unhandledRejection|UnhandledPromiseRejection|uncaughtException|Uncaught|FATAL ERROR/i;

export interface RuntimeUnderFuzz {
  publicUrl: string;
  /** Why the process is no longer healthy (exited, printed an escaped error), or undefined. */
  trouble(): string | undefined;
  output(): string;
  stop(): Promise<void>;
}

function repositoryRoot(): string {
  let directory = __dirname;
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error('no package.json above the fuzz harness');
    directory = parent;
  }
  return directory;
}

export async function startRuntimeUnderFuzz(env: Record<string, string>): Promise<RuntimeUnderFuzz> {
  const runtimeMain = join(repositoryRoot(), 'dist', 'apps', 'grantline', 'src', 'main.js');
  if (!existsSync(runtimeMain)) throw new Error(`${runtimeMain} is missing: run \`npm run build\` first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'grantline-fuzz-'));
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
  let stopping = false;
  /** Output before readiness is start-up's; escaped errors are looked for in what follows. */
  let readyAt = 0;
  const stop = async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const trouble = () => {
    if (!stopping && (child.exitCode !== null || child.signalCode !== null))
      return `the runtime exited (${child.exitCode ?? child.signalCode})`;
    const escaped = ESCAPED_ERROR.exec(output().slice(readyAt));
    return escaped ? `the runtime printed "${escaped[0]}"` : undefined;
  };
  try {
    await eventually(
      () => {
        if (child.exitCode !== null) throw new Error(`runtime exited:\n${output()}`);
        if (!output().includes('Grantline is ready')) throw new Error('not ready yet');
      },
      { timeoutMs: 90_000, intervalMs: 100 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  readyAt = output().length;
  const publicOrigin = /public origin\s+(\S+)/.exec(output())?.[1];
  return {
    publicUrl: publicOrigin ?? `http://127.0.0.1:${ports['GRANTLINE_PUBLIC_PORT']}`,
    trouble,
    output,
    stop,
  };
}
