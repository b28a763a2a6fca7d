// The embedded runtime as `npm start` runs it (dist/, its own process, its own embedded PostgreSQL,
// in-process events), started for fuzzing: a crash, an unhandled rejection or an uncaught exception
// is visible as the process exiting or as a line in its captured output.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { GiveUp, eventually } from '../eventually';
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

/** How much of the runtime's latest output is kept in memory for a report. */
const KEPT_OUTPUT_CHARS = 64 * 1024;

export interface RuntimeUnderFuzz {
  publicUrl: string;
  /** Why the process is no longer healthy (exited, printed an escaped error), or undefined. */
  trouble(): string | undefined;
  /** The runtime's latest output (its last 64 KiB); all of it is in `logFile`. */
  output(): string;
  /** Every line the runtime printed, kept after the run. */
  readonly logFile: string;
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
  // Scanned as it arrives and kept only as a tail: a long run prints hundreds of megabytes, and
  // joining all of it per request made the fuzzer itself the bottleneck.
  const logFile = join(tmpdir(), `grantline-fuzz-runtime-${process.pid}.log`);
  const log = createWriteStream(logFile);
  let tail = '';
  let ready = false;
  let escaped: string | undefined;
  const take = (chunk: Buffer) => {
    log.write(chunk);
    const text = chunk.toString('utf8');
    // The end of the previous tail joins the chunk, so a match split across two chunks is found.
    const scanned = tail.slice(-200) + text;
    if (ready && escaped === undefined) escaped = ESCAPED_ERROR.exec(scanned)?.[0];
    if (!ready && scanned.includes('Grantline is ready')) ready = true;
    tail = (tail + text).slice(-KEPT_OUTPUT_CHARS);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const output = () => tail;
  let stopping = false;
  const stop = async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
    await new Promise<void>((resolve) => log.end(() => resolve()));
  };
  const trouble = () => {
    if (!stopping && (child.exitCode !== null || child.signalCode !== null))
      return `the runtime exited (${child.exitCode ?? child.signalCode})`;
    return escaped ? `the runtime printed "${escaped}"` : undefined;
  };
  try {
    await eventually(
      () => {
        if (child.exitCode !== null) throw new GiveUp(`runtime exited:\n${output()}`);
        if (!ready) throw new Error('not ready yet');
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
    trouble,
    output,
    logFile,
    stop,
  };
}
