// The two servers under load, each its own child process listening on loopback:
//  - Grantline's authorize service as it runs in a cluster (dist/apps/authorize/src/main.js, real
//    PostgreSQL, in-process event transport since no KAFKA_BROKERS is given, its real start-up
//    checks, rate limiter and migrations), with the benchmark TPP in its clients file;
//  - node-oidc-provider (oidc-provider-peer.mjs) with the same client.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, randomId } from '@grantline/crypto';
import { freePort, writeClientsFile, type TestTpp } from '@grantline/testing';
import { started, stopper } from '../child-process';

const root = join(__dirname, '..', '..', '..', '..');

export interface RunningServer {
  name: string;
  issuer: string;
  par: string;
  /** The process id, for `--cpu-prof` or `perf` while it runs. */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Extra node flags for the servers (BENCH_PAR_NODE_FLAGS="--cpu-prof --cpu-prof-dir=tmp/prof"). */
const nodeFlags = (process.env['BENCH_PAR_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);

export async function startGrantline(databaseUrl: string, tpp: TestTpp): Promise<RunningServer> {
  const directory = mkdtempSync(join(tmpdir(), 'grantline-par-bench-'));
  const clientsFile = join(directory, 'clients.json');
  writeClientsFile(clientsFile, [tpp]);
  const keysFile = join(directory, 'signing-keys.json');
  writeFileSync(keysFile, JSON.stringify({ keys: [generateSigningKey('ES256', 'as-es256').privateJwk] }));
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [...nodeFlags, join(root, 'dist', 'apps', 'authorize', 'src', 'main.js')],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        KAFKA_BROKERS: '',
        DATABASE_URL: databaseUrl,
        MIGRATE_ON_START: 'true',
        HOST: '127.0.0.1',
        PORT: String(port),
        // Request logs off on both sides (oidc-provider logs nothing by default).
        LOG_LEVEL: 'warn',
        ISSUER: issuer,
        SIGNING_KEYS_FILE: keysFile,
        CODE_SEALING_KEYS: `k1:${randomId(32)}`,
        SUBJECT_PSEUDONYM_KEY: randomId(32),
        GRANTLINE_CLIENTS_FILE: clientsFile,
        // The per-IP limit stays on (it runs in production) but above what one loopback client sends.
        RATE_LIMIT_PER_MINUTE: '100000000',
      },
    },
  );
  await started(child, 'listening on', 'grantline-authorize');
  return { name: 'grantline', issuer, par: `${issuer}/par`, pid: child.pid, stop: stopper(child) };
}

/** The same client in oidc-provider's terms (RFC 7591 metadata it knows). */
function peerClient(tpp: TestTpp): Record<string, unknown> {
  return {
    client_id: tpp.clientId,
    redirect_uris: [tpp.redirectUri],
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'ES256',
    id_token_signed_response_alg: 'ES256',
    jwks: { keys: [tpp.signingKey.publicJwk] },
    dpop_bound_access_tokens: true,
    grant_types: ['authorization_code'],
    response_types: ['code'],
  };
}

export async function startOidcProvider(tpp: TestTpp): Promise<RunningServer> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [...nodeFlags, join(root, 'bench', 'src', 'par', 'oidc-provider-peer.mjs')],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PAR_PEER_PORT: String(port), PAR_PEER_CLIENT: JSON.stringify(peerClient(tpp)) },
    },
  );
  await started(child, `listening ${port}`, 'oidc-provider');
  return { name: 'oidc-provider', issuer, par: `${issuer}/request`, pid: child.pid, stop: stopper(child) };
}
