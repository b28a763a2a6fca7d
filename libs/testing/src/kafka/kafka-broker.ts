// A real single-node Apache Kafka 3.9.1 broker (KRaft) for integration and fault tests.
// Stop and restart keep its ports and log.dirs, so a fault test can prove no event is lost.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { freePort } from '../net/free-port';
import { ensureKafkaClasspath, repositoryRoot } from './kafka-classpath';

export interface KafkaBrokerOptions {
  /** Where server.properties and log.dirs live; a fresh directory under the OS tmpdir by default. */
  workDir?: string;
  /** Receives every line the broker prints (it logs to stdout through scripts/kafka/log4j.properties). */
  log?: (line: string) => void;
  startTimeoutMs?: number;
  /** A SASL_SSL listener besides the plaintext one, as a bank's cluster would offer. */
  securedListener?: SecuredListener;
}

/** TLS with the broker's certificate, and SASL/PLAIN users, on a listener of its own. */
export interface SecuredListener {
  /** The broker's certificate and PKCS#8 key (PEM), e.g. TestCertificateAuthority.serverCertificate(). */
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /** SASL/PLAIN users and their passwords. */
  readonly users: Readonly<Record<string, string>>;
}

/** PEM text as one line of server.properties (java.util.Properties turns \n back into newlines). */
const propertyValue = (pem: string) => pem.trim().replace(/\r?\n/g, '\\n');

function securedProperties(secured: SecuredListener): string[] {
  const users = Object.entries(secured.users)
    .map(([user, password]) => `user_${user}="${password}"`)
    .join(' ');
  return [
    'listener.name.sasl_ssl.sasl.enabled.mechanisms=PLAIN',
    `listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required ${users};`,
    'listener.name.sasl_ssl.ssl.keystore.type=PEM',
    `listener.name.sasl_ssl.ssl.keystore.certificate.chain=${propertyValue(secured.certificatePem)}`,
    `listener.name.sasl_ssl.ssl.keystore.key=${propertyValue(secured.privateKeyPem)}`,
  ];
}

// Sized for 2-core CI machines that also run PostgreSQL, Chromium and the services.
const JVM_OPTIONS = ['-Xms256m', '-Xmx512m', '-XX:+UseG1GC'];
const STARTED = 'Kafka Server started';
const DEFAULT_START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;
const KEPT_LOG_LINES = 40;
const JDK_HINT = 'JDK 17 must be on PATH as `java`';

const execFileAsync = promisify(execFile);

function serverProperties(
  port: number,
  controllerPort: number,
  logDirs: string,
  secured?: { port: number; listener: SecuredListener },
): string {
  const securedListener = secured ? `,SASL_SSL://127.0.0.1:${secured.port}` : '';
  const listeners = `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}${securedListener}`;
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    'controller.listener.names=CONTROLLER',
    `listeners=${listeners}`,
    `advertised.listeners=${listeners}`,
    'inter.broker.listener.name=PLAINTEXT',
    `listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT${secured ? ',SASL_SSL:SASL_SSL' : ''}`,
    ...(secured ? securedProperties(secured.listener) : []),
    `log.dirs=${logDirs}`,
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'num.partitions=1',
    // Tests create their topics explicitly (kafkajs on KRaft fails on a topic that does not exist yet).
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

function isAlive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** True once the child has exited, false if it is still running after timeoutMs. */
function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (!isAlive(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    child.once('exit', onExit);
  });
}

/** A test process that dies (or forgets destroy()) must not leave its broker behind. */
function killWithParent(child: ChildProcess): void {
  const kill = () => {
    if (isAlive(child)) child.kill('SIGKILL');
  };
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
}

function forEachLine(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function storageTool(classpath: string, args: string[]): Promise<string> {
  const javaArgs = [...JVM_OPTIONS, '-cp', join(classpath, '*'), 'kafka.tools.StorageTool', ...args];
  try {
    const { stdout } = await execFileAsync('java', javaArgs, { encoding: 'utf8' });
    return stdout;
  } catch (error) {
    throw new Error(`kafka.tools.StorageTool ${args[0]} failed (${JDK_HINT}): ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

/** KRaft refuses to start on unformatted log.dirs; --ignore-formatted keeps a reused workDir's data. */
async function formatStorage(classpath: string, propertiesFile: string): Promise<void> {
  const output = await storageTool(classpath, ['random-uuid']);
  const clusterId = /^[A-Za-z0-9_-]{22}$/m.exec(output)?.[0];
  if (!clusterId) throw new Error(`kafka.tools.StorageTool random-uuid printed no cluster id: ${output}`);
  await storageTool(classpath, ['format', '-t', clusterId, '-c', propertiesFile, '--ignore-formatted']);
}

export class KafkaBroker {
  private child: ChildProcess | undefined;
  private readonly recentLog: string[] = [];

  private constructor(
    private readonly directory: string,
    private readonly classpath: string,
    private readonly port: number,
    private readonly securedPort: number | undefined,
    private readonly propertiesFile: string,
    private readonly options: KafkaBrokerOptions,
  ) {}

  static async start(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
    const classpath = ensureKafkaClasspath();
    const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'grantline-kafka-'));
    try {
      const logDirs = join(workDir, 'logs');
      mkdirSync(logDirs, { recursive: true });
      const port = await freePort();
      const controllerPort = await freePort();
      const secured = options.securedListener
        ? { port: await freePort(), listener: options.securedListener }
        : undefined;
      const propertiesFile = join(workDir, 'server.properties');
      writeFileSync(propertiesFile, serverProperties(port, controllerPort, logDirs, secured));
      await formatStorage(classpath, propertiesFile);
      const broker = new KafkaBroker(workDir, classpath, port, secured?.port, propertiesFile, options);
      await broker.launch();
      return broker;
    } catch (error) {
      if (options.workDir === undefined) rmSync(workDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** The bootstrap address for clients. */
  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** The SASL_SSL listener's bootstrap address (with `securedListener`). */
  get securedBrokers(): string {
    if (this.securedPort === undefined) throw new Error('this broker was started without a secured listener');
    return `127.0.0.1:${this.securedPort}`;
  }

  get pid(): number | undefined {
    return this.child && isAlive(this.child) ? this.child.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && isAlive(this.child);
  }

  get workDir(): string {
    return this.directory;
  }

  /** Controlled shutdown (SIGTERM), SIGKILL past 20 s. Safe to call when already stopped. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    if (isAlive(child)) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_TIMEOUT_MS);
      }
    }
    if (this.child === child) this.child = undefined;
  }

  /** Same ports, same log.dirs: everything acknowledged before the restart is still there after it. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.directory, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const log4j = join(repositoryRoot(), 'scripts', 'kafka', 'log4j.properties');
    const args = [
      ...JVM_OPTIONS,
      `-Dlog4j.configuration=file:${log4j}`,
      '-cp',
      join(this.classpath, '*'), // expanded by the JVM, not a shell
      'kafka.Kafka',
      this.propertiesFile,
    ];
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    killWithParent(child);
    await this.untilStarted(child, this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
  }

  /** Keeps reading the broker's output after start too: a full pipe would stall the JVM. */
  private untilStarted(child: ChildProcess, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (failure?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (failure === undefined) return resolve();
        if (isAlive(child)) child.kill('SIGKILL');
        const lines = this.recentLog.join('\n');
        reject(new Error(`Kafka broker did not start: ${failure}\n--- last log lines ---\n${lines}`));
      };
      const timer = setTimeout(() => settle(`no "${STARTED}" within ${timeoutMs} ms`), timeoutMs);
      forEachLine(child, (line) => {
        this.remember(line);
        if (line.includes(STARTED)) settle();
      });
      // 'close' rather than 'exit': by then every line the broker printed has been read.
      child.once('close', (code, signal) => settle(`exited early (code ${code}, signal ${signal})`));
      child.once('error', (error) => settle(`${error.message} (${JDK_HINT})`));
    });
  }

  private remember(line: string): void {
    this.recentLog.push(line);
    if (this.recentLog.length > KEPT_LOG_LINES) this.recentLog.shift();
    this.options.log?.(line);
  }
}
