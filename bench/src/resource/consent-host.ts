// The consent service as it runs standalone (node dist/apps/consent/src/main.js: runService →
// createServiceApp on the in-process transport, its own process and event loop), with what it talks
// to stood in by the bench, as apps/consent's integration tests do: a token service (a key ring
// served as JWKS by a tiny local HTTP server, minting TOK-1 tokens), a TPP (DPoP key, x-jws-signature
// key in a clients file), and the authorize service (AuthorizationApproved appended to the consent
// service's event store, whose outbox relay hands it to the service's own consumer).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { grantlineCatalogue, type AuthorizationApprovedV1 } from '@grantline/contracts';
import { prepareDemoCoreBank } from '@grantline/core-bank';
import {
  generateSigningKey,
  issueAccessToken,
  jwkThumbprint,
  randomId,
  type SigningKey,
} from '@grantline/crypto';
import { EventStore } from '@grantline/event-store';
import { freePort, type startTestPostgres } from '@grantline/testing';

type EmbeddedPostgres = Awaited<ReturnType<typeof startTestPostgres>>;

/** The origin TPPs address: tokens' `aud` and DPoP `htu` name it (the gateway's, in production). */
export const ORIGIN = 'http://127.0.0.1:8080';
export const BASE = '/open-banking/v4.0';
const root = join(__dirname, '..', '..', '..', '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Tpp {
  readonly clientId: string;
  readonly dpopKey: SigningKey;
  readonly signingKey: SigningKey;
}

export class ConsentHost {
  readonly tokenService = generateSigningKey('ES256', 'as-key-1').signingKey;
  readonly tpp: Tpp = {
    clientId: 'bench-tpp',
    dpopKey: generateSigningKey('ES256').signingKey,
    signingKey: generateSigningKey('PS256', 'bench-tpp-sig').signingKey,
  };
  /** Where each replica listens (requests go there; URLs in proofs name ORIGIN). */
  urls: string[] = [];
  private jwks!: Server;
  private directory!: string;
  private services: ChildProcess[] = [];
  private store!: DataSource;
  private issued = 0;

  constructor(private readonly postgres: EmbeddedPostgres) {}

  /** `replicas` processes of the service on one database, as that many pods would run. */
  async start(replicas = 1, environment: Record<string, string> = {}): Promise<void> {
    await this.postgres.ensureDatabase('bench_resource');
    const databaseUrl = this.postgres.url('bench_resource');
    await prepareDemoCoreBank(databaseUrl);
    this.jwks = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [this.tokenService.publicJwk] }));
    });
    await new Promise<void>((resolve) => this.jwks.listen(0, '127.0.0.1', resolve));
    this.directory = await mkdtemp(join(tmpdir(), 'bench-resource-'));
    const clientsFile = join(this.directory, 'clients.json');
    await writeFile(
      clientsFile,
      JSON.stringify({
        clients: [
          {
            client_id: this.tpp.clientId,
            client_name: this.tpp.clientId,
            redirect_uris: [`https://${this.tpp.clientId}.example/cb`],
            token_endpoint_auth_method: 'private_key_jwt',
            jwks: { keys: [this.tpp.signingKey.publicJwk] },
            dpop_bound_access_tokens: true,
            roles: ['AISP', 'PISP'],
          },
        ],
      }),
    );
    for (let replica = 0; replica < replicas; replica++) {
      // One at a time: the first applies the migrations the others then find applied.
      await this.startReplica(databaseUrl, clientsFile, environment);
    }
    this.store = new DataSource({
      type: 'postgres',
      url: databaseUrl,
      schema: 'consent',
      extra: { max: 2, options: '-c search_path=consent' },
    });
    await this.store.initialize();
  }

  private async startReplica(
    databaseUrl: string,
    clientsFile: string,
    environment: Record<string, string>,
  ): Promise<void> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const profile = process.env['BENCH_RESOURCE_CPU_PROF'];
    const service = spawn(
      process.execPath,
      [
        ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
        join(root, 'dist', 'apps', 'consent', 'src', 'main.js'),
      ],
      {
        env: {
          ...process.env,
          KAFKA_BROKERS: '',
          DATABASE_URL: databaseUrl,
          PORT: String(port),
          MIGRATE_ON_START: 'true',
          LOG_LEVEL: 'warn',
          RATE_LIMIT_PER_MINUTE: '10000000',
          OUTBOX_POLL_INTERVAL_MS: '50',
          ISSUER: ORIGIN,
          ISSUER_JWKS_URI: `http://127.0.0.1:${(this.jwks.address() as AddressInfo).port}/jwks`,
          GRANTLINE_CLIENTS_FILE: clientsFile,
          ...environment,
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    this.services.push(service);
    await this.waitUntilReady(service, url);
    this.urls.push(url);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.services
        .filter((service) => service.exitCode === null)
        .map(async (service) => {
          const exited = new Promise((resolve) => service.once('exit', resolve));
          service.kill('SIGTERM');
          await Promise.race([exited, sleep(10_000)]);
        }),
    );
    await this.store?.destroy();
    this.jwks?.closeAllConnections();
    await new Promise((resolve) => this.jwks?.close(resolve));
    if (this.directory) await rm(this.directory, { recursive: true, force: true });
  }

  /** A client_credentials token (sub = client_id) or, with a subject, an authorization-code token. */
  token(claims: { scope: string; sub?: string; authorization_details?: object[]; grant_id?: string }) {
    const iat = Math.floor(Date.now() / 1000);
    return issueAccessToken(this.tokenService, {
      iss: ORIGIN,
      sub: claims.sub ?? this.tpp.clientId,
      aud: ORIGIN,
      client_id: this.tpp.clientId,
      iat,
      exp: iat + 3600,
      jti: `at-${randomId(16)}-${++this.issued}`,
      scope: claims.scope,
      cnf: { jkt: jwkThumbprint(this.tpp.dpopKey.publicJwk) },
      ...(claims.authorization_details ? { authorization_details: claims.authorization_details } : {}),
      ...(claims.grant_id ? { grant_id: claims.grant_id } : {}),
    } as Parameters<typeof issueAccessToken>[1]);
  }

  /** What the authorize service publishes when the PSU approves these consents. */
  async approve(consentIds: string[], accountIds: string[]): Promise<void> {
    const data: AuthorizationApprovedV1 = {
      clientId: this.tpp.clientId,
      subject: 'psu-alice',
      grantManagementAction: 'create',
      grantId: `grant-${consentIds[0]}`,
      scopes: ['openid', 'accounts', 'payments'],
      authorizationDetails: [],
      consentIds,
      accountIds,
      authTime: new Date().toISOString(),
    };
    await new EventStore(this.store, grantlineCatalogue).append(
      `authorization-${randomId(16)}-${++this.issued}`,
      'no-stream',
      [{ type: 'AuthorizationApproved', data }],
      { correlationId: `bench-${this.issued}`, actor: { kind: 'psu', id: 'psu-alice' } },
    );
  }

  /** CPU seconds (user + system) every replica has used so far; Linux only, else NaN. */
  cpuSeconds(): number {
    try {
      return this.services
        .map((service) => {
          const fields = readFileSync(`/proc/${service.pid}/stat`, 'utf8').split(') ')[1].split(' ');
          // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
          return (Number(fields[11]) + Number(fields[12])) / 100;
        })
        .reduce((sum, seconds) => sum + seconds, 0);
    } catch {
      return Number.NaN;
    }
  }

  private async waitUntilReady(service: ChildProcess, url: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (service.exitCode !== null) throw new Error('the consent service exited during start-up');
      const ready = await fetch(`${url}/health/ready`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) return;
      await sleep(200);
    }
    throw new Error('the consent service did not become ready within 60 s');
  }
}
