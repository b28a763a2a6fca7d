// The two authorization servers under load, each in child processes on loopback:
//  - Grantline as it runs in a cluster: the authorize service and the token service, each its own
//    process (dist/apps/<service>/src/main.js), sharing one PostgreSQL (each its own schema), the
//    ISSUER, the signing keys and the code-sealing key; in-process events (no KAFKA_BROKERS). The
//    load generator plays the Ingress: /par, /authorize and /interaction go to authorize's port,
//    /token to token's, while every URL the servers check (client-assertion aud, DPoP htu) names the
//    issuer, as behind the real Ingress.
//  - node-oidc-provider (oidc-provider-peer.mjs) with the same client.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, hashPassword, randomId } from '@grantline/crypto';
import { prepareDemoCoreBank } from '@grantline/core-bank';
import { freePort, writeClientsFile, type TestTpp } from '@grantline/testing';
import { started, stopper } from '../child-process';

const root = join(__dirname, '..', '..', '..', '..');

export interface AuthorizationServer {
  name: 'grantline' | 'oidc-provider';
  issuer: string;
  /** Where requests go (the issuer's paths, or the service's own port behind the "Ingress"). */
  parUrl: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** The token endpoint as the issuer names it: DPoP `htu`. */
  tokenHtu: string;
  /** The process serving /token, for `--cpu-prof` or `perf`. */
  tokenPid: number | undefined;
  stop(): Promise<void>;
}

export interface GrantlineServers extends AuthorizationServer {
  /** "kid:secret": the code-sealing key the authorize and token services share. */
  sealingKeys: string;
}

/** Extra node flags for the token-serving processes (BENCH_TOKEN_NODE_FLAGS="--cpu-prof …"). */
const tokenNodeFlags = (process.env['BENCH_TOKEN_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);

function service(name: 'authorize' | 'token', flags: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [...flags, join(root, 'dist', 'apps', name, 'src', 'main.js')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
}

export async function startGrantline(databaseUrl: string, tpp: TestTpp): Promise<GrantlineServers> {
  const directory = mkdtempSync(join(tmpdir(), 'grantline-token-bench-'));
  const clientsFile = join(directory, 'clients.json');
  writeClientsFile(clientsFile, [tpp]);
  const keysFile = join(directory, 'signing-keys.json');
  writeFileSync(keysFile, JSON.stringify({ keys: [generateSigningKey('ES256', 'as-es256').privateJwk] }));
  await prepareDemoCoreBank(databaseUrl);
  const [authorizePort, tokenPort] = [await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${authorizePort}`;
  const sealingKeys = `k1:${randomId(32)}`;
  const shared: NodeJS.ProcessEnv = {
    KAFKA_BROKERS: '',
    DATABASE_URL: databaseUrl,
    MIGRATE_ON_START: 'true',
    HOST: '127.0.0.1',
    // Request logs off on both sides (oidc-provider logs nothing by default).
    LOG_LEVEL: 'warn',
    ISSUER: issuer,
    SIGNING_KEYS_FILE: keysFile,
    CODE_SEALING_KEYS: sealingKeys,
    SUBJECT_PSEUDONYM_KEY: randomId(32),
    GRANTLINE_CLIENTS_FILE: clientsFile,
    // The per-IP limit stays on (it runs in production) but above what one loopback client sends.
    RATE_LIMIT_PER_MINUTE: '100000000',
  };
  // One after the other: both run migrations on the same database.
  const authorize = service('authorize', [], { ...shared, PORT: String(authorizePort) });
  const stops = [stopper(authorize)];
  const stopAll = async () => {
    for (const stop of stops) await stop();
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    await started(authorize, 'listening on', 'grantline-authorize');
    const token = service('token', tokenNodeFlags, { ...shared, PORT: String(tokenPort) });
    stops.unshift(stopper(token));
    await started(token, 'listening on', 'grantline-token');
    return {
      name: 'grantline',
      issuer,
      parUrl: `${issuer}/par`,
      authorizationUrl: `${issuer}/authorize`,
      tokenUrl: `http://127.0.0.1:${tokenPort}/token`,
      tokenHtu: `${issuer}/token`,
      tokenPid: token.pid,
      sealingKeys,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
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
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  };
}

export async function startOidcProvider(tpp: TestTpp, psuPassword: string): Promise<AuthorizationServer> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [...tokenNodeFlags, join(root, 'bench', 'src', 'token', 'oidc-provider-peer.mjs')],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PEER_PORT: String(port),
        PEER_CLIENT: JSON.stringify(peerClient(tpp)),
        PEER_PASSWORD_HASH: await hashPassword(psuPassword),
      },
    },
  );
  await started(child, `listening ${port}`, 'oidc-provider');
  return {
    name: 'oidc-provider',
    issuer,
    parUrl: `${issuer}/request`,
    authorizationUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    tokenHtu: `${issuer}/token`,
    tokenPid: child.pid,
    stop: stopper(child),
  };
}
