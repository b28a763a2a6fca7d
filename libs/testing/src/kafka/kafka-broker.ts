// A real single-node Apache Kafka 3.9.1 broker in KRaft mode for integration and fault tests.
// Stop and restart keep its ports and log.dirs, so a test can prove no event is lost.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../net/free-port';
import { ensureKafkaClasspath, repositoryRoot } from './kafka-classpath';

export interface KafkaBrokerOptions {
  workDir?: string;
  log?: (line: string) => void;
  startTimeoutMs?: number;
}

const JVM_OPTIONS = [
  '-Xms256m',
  '-Xmx512m',
  '-XX:+UseG1GC',
  '-XX:TieredStopAtLevel=1',
  '-Djava.awt.headless=true',
];
const STARTED = 'Kafka Server started';

function serverProperties(port: number, controllerPort: number, logDirs: string): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    'controller.listener.names=CONTROLLER',
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${logDirs}`,
    'num.partitions=1',
    'auto.create.topics.enable=false',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=5',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    '',
  ].join('\n');
}

export class KafkaBroker {
  private process: ChildProcess | undefined;
  private readonly recentLog: string[] = [];

  private constructor(
    readonly workDir: string,
    private readonly classpath: string,
    private readonly port: number,
    private readonly propertiesFile: string,
    private readonly options: KafkaBrokerOptions,
  ) {}

  static async start(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
    const classpath = ensureKafkaClasspath();
    const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'grantline-kafka-'));
    const logDirs = join(workDir, 'logs');
    mkdirSync(logDirs, { recursive: true });
    const [port, controllerPort] = [await freePort(), await freePort()];
    const propertiesFile = join(workDir, 'server.properties');
    writeFileSync(propertiesFile, serverProperties(port, controllerPort, logDirs));
    const java = (main: string, args: string[]) =>
      execFileSync('java', [...JVM_OPTIONS, '-cp', `${classpath}/*`, main, ...args], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    const clusterId = java('kafka.tools.StorageTool', ['random-uuid']).trim();
    java('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', propertiesFile, '--ignore-formatted']);
    const broker = new KafkaBroker(workDir, classpath, port, propertiesFile, options);
    await broker.launch();
    return broker;
  }

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.running ? this.process?.pid : undefined;
  }

  get running(): boolean {
    return this.process !== undefined && this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Controlled shutdown (SIGTERM); SIGKILL after 20 s. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(killer);
  }

  /** Same ports, same log.dirs: what was committed before the restart is still there after it. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.workDir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const log4j = join(repositoryRoot(), 'scripts', 'kafka', 'log4j.properties');
    const child = spawn(
      'java',
      [
        ...JVM_OPTIONS,
        `-Dlog4j.configuration=file:${log4j}`,
        '-cp',
        `${this.classpath}/*`,
        'kafka.Kafka',
        this.propertiesFile,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.process = child;
    // A test process that dies must not leave its broker behind.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.removeListener('exit', killOnExit));

    const timeoutMs = this.options.startTimeoutMs ?? 60_000;
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (reason: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`Kafka broker did not start: ${reason}\n${this.recentLog.join('\n')}`));
      };
      const timer = setTimeout(() => fail(`no "${STARTED}" within ${timeoutMs} ms`), timeoutMs);
      const onData = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          this.recentLog.push(line);
          if (this.recentLog.length > 40) this.recentLog.shift();
          this.options.log?.(line);
          if (line.includes(STARTED) && !settled) {
            settled = true;
            clearTimeout(timer);
            resolve();
          }
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
      child.once('error', (error) => fail(error.message));
    });
  }
}
