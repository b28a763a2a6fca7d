// Grantline as a cluster runs it, on one machine: the five services each as its own process from
// dist/ (`main.js migrate`, then `main.js`), one PostgreSQL database (each service its own schema),
// events over a real Kafka broker, shared keys and one clients file, and the public origin in front
// (dist/apps/grantline/src/gateway-main.js: the embedded runtime's router, where a cluster has its
// Ingress). ISSUER is that origin, so tokens' audiences, DPoP `htu`s and assertion `aud`s all name
// it, as in production. Used by the distributed e2e tests and the revocation bench.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateSigningKey, randomId, type PublicJwk, type SigningKey } from '@grantline/crypto';
import { freePort } from '../net/free-port';
import { type TestTpp, writeClientsFile } from '../tpp/test-tpp';
import { ServiceProcess, awaitServiceReady, retryOnTakenPort } from './service-process';

export const DISTRIBUTED_SERVICES = ['authorize', 'token', 'consent', 'grants', 'audit'] as const;
export type DistributedService = (typeof DISTRIBUTED_SERVICES)[number];
type Process = DistributedService | 'gateway';

export interface DistributedOptions {
  /** The one database, with the demo core bank already in it (@grantline/core-bank prepareDemoCoreBank). */
  databaseUrl: string;
  /** Bootstrap servers, comma-separated. */
  kafkaBrokers: string;
  /** The TPPs registered in the one clients file. */
  tpps: readonly TestTpp[];
  /** Variables for every service on top of the harness's (OUTBOX_POLL_INTERVAL_MS, …). */
  environment?: Record<string, string>;
  /** Extra node flags per process (`--cpu-prof`, say). */
  nodeFlags?: Partial<Record<Process, string[]>>;
}

export interface DistributedGrantline {
  /** The public origin: ISSUER, and where TPPs and PSUs send every request. */
  publicUrl: string;
  /** Each service's own port (the audit API is internal, reached here only). */
  serviceUrls: Record<DistributedService, string>;
  pids: Record<Process, number | undefined>;
  /** What a process printed lately, for a failing test's message. */
  output(name: Process): string;
  /** The audit checkpoints' public key and a compliance officer's key (AUDIT_COMPLIANCE_JWKS). */
  audit: AuditKeyMaterial;
  /**
   * Ends one service's process (SIGTERM, or SIGKILL for a crash) and waits for it to exit; its port
   * stays its own, so the gateway finds it again after `startService`.
   */
  stopService(name: DistributedService, signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts a stopped service again on its port (no migration: the schema is there) until ready. */
  startService(name: DistributedService): Promise<void>;
  stop(): Promise<void>;
}

export interface AuditKeyMaterial {
  /** Verifies the signed checkpoints. */
  checkpointPublicKey: PublicJwk;
  /** Signs compliance officer tokens the audit API accepts (aud grantline-audit). */
  complianceOfficer: SigningKey;
}

const OUTPUT_KEPT = 20_000;
// Generous: on a shared 2-core machine six Node processes and their migrations start slowly.
const START_TIMEOUT_MS = 180_000;

/** The repository root: where nx.json is (from libs/testing/src or from dist/libs/testing/src). */
function repositoryRoot(): string {
  let directory = __dirname;
  while (!existsSync(join(directory, 'nx.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no nx.json above ${__dirname}`);
    directory = parent;
  }
  return directory;
}

const mainOf = (root: string, name: Process) =>
  name === 'gateway'
    ? join(root, 'dist', 'apps', 'grantline', 'src', 'gateway-main.js')
    : join(root, 'dist', 'apps', name, 'src', 'main.js');

/** The audit service's masking, checkpoint-signing and compliance keys (throwaway). */
function auditKeys(): { env: Record<string, string>; material: AuditKeyMaterial } {
  const checkpoints = generateSigningKey('EdDSA');
  const officer = generateSigningKey('EdDSA');
  return {
    env: {
      AUDIT_MASKING_KEY: randomId(32),
      AUDIT_SIGNING_KEY: JSON.stringify(checkpoints.privateJwk),
      AUDIT_COMPLIANCE_JWKS: JSON.stringify({ keys: [officer.signingKey.publicJwk] }),
    },
    material: {
      checkpointPublicKey: checkpoints.signingKey.publicJwk,
      complianceOfficer: officer.signingKey,
    },
  };
}

function run(root: string, name: Process, args: string[], env: NodeJS.ProcessEnv, flags: string[] = []) {
  return ServiceProcess.start(mainOf(root, name), args, env, { flags, cwd: root });
}

const ready = (name: string, service: ServiceProcess, url: string) =>
  awaitServiceReady(name, service, url, START_TIMEOUT_MS);

export async function startDistributedGrantline(options: DistributedOptions): Promise<DistributedGrantline> {
  const root = repositoryRoot();
  for (const name of [...DISTRIBUTED_SERVICES, 'gateway'] as const) {
    if (!existsSync(mainOf(root, name)))
      throw new Error(`${mainOf(root, name)} is missing: run \`npm run build\` first`);
  }
  const directory = mkdtempSync(join(tmpdir(), 'grantline-distributed-'));
  const clientsFile = join(directory, 'clients.json');
  writeClientsFile(clientsFile, options.tpps);

  // Topics and consumer groups of this cluster only: other clusters and suites on the same broker
  // (parallel suites) neither read its events nor take its partitions, and a fresh group reads the
  // topics from the start.
  const cluster = randomId(16)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')
    .slice(0, 12);
  const audit = auditKeys();
  const signingKeys = JSON.stringify({ keys: [generateSigningKey('ES256', 'as-distributed').privateJwk] });
  const secrets = { CODE_SEALING_KEYS: `k1:${randomId(32)}`, SUBJECT_PSEUDONYM_KEY: randomId(32) };
  // The ports, and the public origin (ISSUER) with them, are chosen again if one was taken.
  let publicUrl = '';
  const serviceUrls = {} as Record<DistributedService, string>;
  const choosePorts = async () => {
    publicUrl = `http://127.0.0.1:${await freePort()}`;
    for (const service of DISTRIBUTED_SERVICES) serviceUrls[service] = `http://127.0.0.1:${await freePort()}`;
  };
  const envOf = (service: DistributedService): NodeJS.ProcessEnv => ({
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: options.kafkaBrokers,
    KAFKA_TOPIC_PREFIX: `${cluster}.`,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ISSUER: publicUrl,
    SIGNING_KEYS: signingKeys,
    ...secrets,
    GRANTLINE_CLIENTS_FILE: clientsFile,
    // The gateway is the only proxy, on loopback, as the embedded runtime sets it.
    TRUST_PROXY: '127.0.0.1',
    RATE_LIMIT_PER_MINUTE: '100000000',
    ...audit.env,
    ...options.environment,
    PORT: new URL(serviceUrls[service]).port,
    CONSUMER_GROUP: `${service}-${cluster}`,
  });

  const children = new Map<Process, ServiceProcess>();
  const stopChildren = async () => {
    await children.get('gateway')?.stop();
    await Promise.all([...children.values()].map((child) => child.stop()));
    children.clear();
  };
  const stop = async () => {
    await stopChildren();
    rmSync(directory, { recursive: true, force: true });
  };
  const startAll = async () => {
    for (const service of DISTRIBUTED_SERVICES) {
      children.set(service, run(root, service, [], envOf(service), options.nodeFlags?.[service]));
    }
    children.set(
      'gateway',
      run(
        root,
        'gateway',
        [],
        { ...process.env, PORT: new URL(publicUrl).port, GRANTLINE_UPSTREAMS: JSON.stringify(serviceUrls) },
        options.nodeFlags?.gateway,
      ),
    );
    await Promise.all(
      DISTRIBUTED_SERVICES.map((service) =>
        ready(service, children.get(service) as ServiceProcess, `${serviceUrls[service]}/health/ready`),
      ),
    );
    await ready('gateway', children.get('gateway') as ServiceProcess, `${publicUrl}/health/ready`);
  };
  try {
    await choosePorts();
    // The Kubernetes migration Job's step, one per service, before any serves.
    const migrations = DISTRIBUTED_SERVICES.map((service) => ({
      service,
      child: run(root, service, ['migrate'], envOf(service)),
    }));
    for (const { service, child } of migrations) {
      if ((await child.exited) !== 0) throw new Error(`${service} migrate failed:\n${child.output()}`);
    }
    // Ports chosen afresh for each attempt (the migrations did not bind them).
    await retryOnTakenPort(async () => {
      await choosePorts();
      try {
        await startAll();
      } catch (error) {
        await stopChildren();
        throw error;
      }
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const pids = Object.fromEntries([...children].map(([name, child]) => [name, child.child.pid])) as Record<
    Process,
    number | undefined
  >;
  const earlierOutput = new Map<Process, string>();
  const stopService = async (name: DistributedService, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    const child = children.get(name);
    if (!child?.running) return;
    if (signal === 'SIGKILL') child.child.kill('SIGKILL');
    await (signal === 'SIGKILL' ? child.exited : child.stop());
    earlierOutput.set(name, ((earlierOutput.get(name) ?? '') + child.output()).slice(-OUTPUT_KEPT));
  };
  const startService = async (name: DistributedService) => {
    if (children.get(name)?.running) return;
    const child = run(root, name, [], envOf(name), options.nodeFlags?.[name]);
    children.set(name, child);
    pids[name] = child.child.pid;
    await ready(name, child, `${serviceUrls[name]}/health/ready`);
  };
  return {
    publicUrl,
    serviceUrls,
    pids,
    output: (name) => (earlierOutput.get(name) ?? '') + (children.get(name)?.output() ?? ''),
    audit: audit.material,
    stopService,
    startService,
    stop,
  };
}
